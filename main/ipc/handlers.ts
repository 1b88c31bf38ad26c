/** Main's side of every {@link ClinicHost} method. */
import { app } from 'electron';
import type { Locale } from '../../shared/ipc/contract';
import { platformOriginFrom } from '../origin';
import { updateSettings } from '../settings';
import { printPage } from '../print';
import { handle, handleWithSender } from './handle';

export interface HostHandlerDeps {
  /** Where main keeps its settings (settings.json under userData). */
  settingsFile: string;
  /** Relabels the native menu; called before the choice is saved. */
  applyMenu: (locale: Locale) => void;
}

/**
 * Registers every host handler. Call once, after `ready`. The platform the renderer signs in
 * against is env `CLINICDESK_PLATFORM_URL` (its origin; null when unset or not http(s)), the same
 * origin the app protocol's CSP lets the renderer connect to.
 */
export function registerHostHandlers({ settingsFile, applyMenu }: HostHandlerDeps): void {
  const platformUrl = platformOriginFrom(process.env.CLINICDESK_PLATFORM_URL) ?? null;
  handle('appInfo', () => ({
    name: app.getName(),
    version: app.getVersion(),
    mode: 'electron',
    platform: process.platform,
    versions: runtimeVersions(),
    platformUrl,
  }));

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
