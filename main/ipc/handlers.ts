/** Main's side of every {@link ClinicHost} method. */
import { app } from 'electron';
import type { Locale } from '../../shared/ipc/contract';
import { updateSettings } from '../settings';
import { handle } from './handle';

export interface HostHandlerDeps {
  /** Where main keeps its settings (settings.json under userData). */
  settingsFile: string;
  /** Relabels the native menu; called before the choice is saved. */
  applyMenu: (locale: Locale) => void;
}

/** Registers every host handler. Call once, after `ready`. */
export function registerHostHandlers({ settingsFile, applyMenu }: HostHandlerDeps): void {
  handle('appInfo', () => ({
    name: app.getName(),
    version: app.getVersion(),
    mode: 'electron',
    platform: process.platform,
    versions: runtimeVersions(),
  }));

  handle('setLocale', async (locale) => {
    applyMenu(locale);
    await updateSettings(settingsFile, { locale });
  });
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
