/**
 * The IPC channel name of every {@link ClinicHost} method, free of zod so the sandboxed preload can
 * import it without bundling a validator it never uses. `contract.ts` builds its schemas on these.
 */
import type { ClinicHost } from './contract';

export const hostChannelNames = {
  appInfo: 'clinic:app-info',
  setLocale: 'clinic:set-locale',
  printPage: 'clinic:print-page',
} as const satisfies Record<keyof ClinicHost, `clinic:${string}`>;
