/**
 * The sandboxed preload: exposes exactly {@link ClinicHost} as `window.clinic`, one wrapper per
 * method, and nothing else — no raw `ipcRenderer`, no Node. It imports only channel names (no
 * zod), so the bundle is this file plus `require('electron')`. Main validates every payload.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { hostChannelNames } from '../shared/ipc/channels';
import type { ClinicHost, Locale, PlatformUrlRequest, PrintPageOptions } from '../shared/ipc/contract';

const host = {
  appInfo: () => ipcRenderer.invoke(hostChannelNames.appInfo),
  setLocale: (locale: Locale) => ipcRenderer.invoke(hostChannelNames.setLocale, locale),
  printPage: (options: PrintPageOptions) => ipcRenderer.invoke(hostChannelNames.printPage, options),
  setPlatformUrl: (request: PlatformUrlRequest) =>
    ipcRenderer.invoke(hostChannelNames.setPlatformUrl, request),
} satisfies ClinicHost;

contextBridge.exposeInMainWorld('clinic', host);
