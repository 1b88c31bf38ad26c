import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, updateSettings } from './settings';

const dir = () => mkdtempSync(join(tmpdir(), 'clinicdesk-settings-'));

describe('settings', () => {
  it('defaults to zh-CN when the file is missing, corrupt or holds an unknown locale', async () => {
    const base = dir();
    expect(await loadSettings(join(base, 'missing.json'))).toEqual({ locale: 'zh-CN' });
    writeFileSync(join(base, 'corrupt.json'), '{');
    expect(await loadSettings(join(base, 'corrupt.json'))).toEqual({ locale: 'zh-CN' });
    writeFileSync(join(base, 'odd.json'), '{"locale":"fr"}');
    expect(await loadSettings(join(base, 'odd.json'))).toEqual({ locale: 'zh-CN' });
  });

  it('keeps the last of concurrent updates', async () => {
    const file = join(dir(), 'settings.json');
    await Promise.all([
      updateSettings(file, { locale: 'en' }),
      updateSettings(file, { locale: 'zh-CN' }),
      updateSettings(file, { locale: 'en' }),
    ]);
    expect(await loadSettings(file)).toEqual({ locale: 'en' });
  });
});
