/** Path of the installed Electron binary, or undefined when it is not installed. */
export function findElectron(): string | undefined;
