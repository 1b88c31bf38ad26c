/**
 * The IPC channel name of every {@link ClinicHost} method, free of zod so the sandboxed preload can
 * import it without bundling a validator it never uses. `contract.ts` builds its schemas on these.
 */
import type { ClinicHost } from './contract';

export const hostChannelNames = {
  appInfo: 'clinic:app-info',
  setLocale: 'clinic:set-locale',
  printPage: 'clinic:print-page',
  setPlatformUrl: 'clinic:set-platform-url',
} as const satisfies Record<keyof ClinicHost, `clinic:${string}`>;

/**
 * The names of every {@link ClinicHost} method, sorted: exactly what the preload exposes as
 * `window.clinic` (its unit test and the Electron end-to-end test both check against this list).
 */
export const hostMethodNames = Object.freeze((Object.keys(hostChannelNames) as (keyof ClinicHost)[]).sort());
