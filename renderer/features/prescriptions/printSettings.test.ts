import { beforeEach, describe, expect, it } from 'vitest';
import { loadPrintSettings, printSettingsKeys, savePrintSettings } from './printSettings';

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  globalThis.localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  } as Storage;
});

describe('print settings', () => {
  it('defaults to A5 and Chinese, ignoring unknown stored values', () => {
    expect(loadPrintSettings()).toEqual({ pageSize: 'A5', language: 'zh-CN' });
    store.set(printSettingsKeys.pageSize, 'Letter');
    store.set(printSettingsKeys.language, 'fr');
    expect(loadPrintSettings()).toEqual({ pageSize: 'A5', language: 'zh-CN' });
  });

  it('stores a change under clinicdesk.print.*', () => {
    expect(savePrintSettings({ pageSize: 'A4' })).toEqual({ pageSize: 'A4', language: 'zh-CN' });
    savePrintSettings({ language: 'en' });
    expect(store.get('clinicdesk.print.pageSize')).toBe('A4');
    expect(store.get('clinicdesk.print.language')).toBe('en');
    expect(loadPrintSettings()).toEqual({ pageSize: 'A4', language: 'en' });
  });
});
