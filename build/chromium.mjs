// Debian's Chromium with the flags a closed network needs (without them it floods the network with
// background requests). Shared by the e2e specs and the benchmarks.

/** The browser binary (`CHROMIUM_PATH` overrides). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch flags: headless, and no background traffic. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
