/// <reference types="vite/client" />
import type { ClinicHost } from '../shared/ipc/contract';

declare global {
  /** Version from package.json, injected at build time. */
  const __APP_VERSION__: string;
  interface Window {
    /** Present only inside Electron, exposed by the preload. */
    clinic?: ClinicHost;
  }
}
