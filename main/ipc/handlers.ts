/** Main's side of every {@link ClinicHost} method. */
import { app } from 'electron';
import type { AppInfo, Locale } from '../../shared/ipc/contract';
import { PlatformAddress } from '../platformAddress';
import { updateSettings } from '../settings';
import { printPage } from '../print';
import { handle, handleWithSender } from './handle';

export interface HostHandlerDeps {
  /** Where main keeps its settings (settings.json under userData). */
  settingsFile: string;
  /** Relabels the native menu; called before the choice is saved. */
  applyMenu: (locale: Locale) => void;
  /**
   * The platform address, shared with the app protocol's CSP (default: from env
   * `CLINICDESK_PLATFORM_URL` alone).
   */
  address?: PlatformAddress;
}

/**
 * Registers every host handler. Call once, after `ready`. The platform the renderer signs in
 * against is `address` (main/platformAddress.ts: the environment's, else the one set in
 * Settings), the same origin the app protocol's CSP lets the renderer connect to.
 */
export function registerHostHandlers({
  settingsFile,
  applyMenu,
  address = PlatformAddress.from(process.env.CLINICDESK_PLATFORM_URL, {}),
}: HostHandlerDeps): void {
  const appInfo = (): AppInfo => ({
    name: app.getName(),
    version: app.getVersion(),
    mode: 'electron',
    platform: process.platform,
    versions: runtimeVersions(),
    platformUrl: address.origin ?? null,
    platformUrlSource: address.source,
  });
  handle('appInfo', appInfo);

  // The request's shape is checked by handle(); the address itself by the shared rule.
  handle('setPlatformUrl', async (request) => {
    await address.set(request, settingsFile);
    return appInfo();
  });

  handle('setLocale', async (locale) => {
    applyMenu(locale);
    await updateSettings(settingsFile, { locale });
  });

  handleWithSender('printPage', printPage);
}

/** Electron, Chromium and Node versions (only those present: Node alone under unit tests). */
function runtimeVersions(): Record<string, string> {
  const { electron, chrome, node } = process.versions;
  return Object.fromEntries(
    Object.entries({ electron, chrome, node }).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
