/**
 * The clinic's prescription print settings, kept on this desk: the paper size (A5 by default,
 * DOMAIN.md §1.6) and the language slips print in (zh-CN by default), independent of the
 * interface language. Screens read them with {@link usePrintSettings} and re-render on change.
 */
import { useSyncExternalStore } from 'react';
import { supportedLocales, type Locale } from '../../../shared/ipc/contract';
import { defaultPageSize, isPageSizeName, type PageSizeName } from '../../print/pageSize';

export interface PrintSettings {
  pageSize: PageSizeName;
  language: Locale;
}

export const printSettingsKeys = {
  pageSize: 'clinicdesk.print.pageSize',
  language: 'clinicdesk.print.language',
} as const;

export const defaultPrintSettings: PrintSettings = { pageSize: defaultPageSize, language: 'zh-CN' };

const listeners = new Set<() => void>();
let snapshot: PrintSettings | null = null;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The stored settings; anything missing or unknown falls back to the default. */
export function loadPrintSettings(): PrintSettings {
  const pageSize = read(printSettingsKeys.pageSize);
  const language = read(printSettingsKeys.language);
  return {
    pageSize: isPageSizeName(pageSize) ? pageSize : defaultPrintSettings.pageSize,
    language: supportedLocales.find((l) => l === language) ?? defaultPrintSettings.language,
  };
}

/** Stores a change to the settings and tells every screen showing them. */
export function savePrintSettings(change: Partial<PrintSettings>): PrintSettings {
  const next = { ...loadPrintSettings(), ...change };
  localStorage.setItem(printSettingsKeys.pageSize, next.pageSize);
  localStorage.setItem(printSettingsKeys.language, next.language);
  snapshot = next;
  for (const listener of listeners) listener();
  return next;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function getSnapshot(): PrintSettings {
  snapshot ??= loadPrintSettings();
  return snapshot;
}

/** The current print settings, live. */
export function usePrintSettings(): PrintSettings {
  return useSyncExternalStore(subscribe, getSnapshot);
}
