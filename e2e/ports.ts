/** Where the e2e run serves the workstation (web mode) and its platform. */
export const webPort = Number(process.env.E2E_PORT ?? 5199);
export const platformPort = Number(process.env.E2E_PLATFORM_PORT ?? 8799);
export const platformUrl = `http://127.0.0.1:${platformPort}`;
/** A second platform and server, for the spec that needs a centre full of residents. */
export const centreWebPort = webPort + 1;
export const centrePlatformPort = platformPort + 1;
