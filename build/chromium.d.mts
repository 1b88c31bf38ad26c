/** The browser binary (`CHROMIUM_PATH` overrides). */
export const chromiumPath: string;
/** Launch flags: headless, and no background traffic. */
export const chromiumArgs: string[];
