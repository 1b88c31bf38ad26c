import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { appInfoSchema } from '../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  app: { getName: () => 'ClinicDesk', getVersion: () => '0.1.0' },
  ipcMain: {
    handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      electron.handlers.set(channel, listener),
  },
}));

const { registerHostHandlers } = await import('./handlers');

const frame = { url: 'app://clinicdesk/', parent: null };
const event = { sender: { mainFrame: frame }, senderFrame: frame };
const invoke = (channel: string, ...args: unknown[]) => electron.handlers.get(channel)?.(event, ...args);

describe('host handlers', () => {
  const settingsFile = join(mkdtempSync(join(tmpdir(), 'clinicdesk-handlers-')), 'nested', 'settings.json');
  const applyMenu = vi.fn();
  beforeAll(() => registerHostHandlers({ settingsFile, applyMenu }));

  it('appInfo describes the Electron app', async () => {
    const info = appInfoSchema.parse(await invoke('clinic:app-info'));
    expect(info).toMatchObject({
      name: 'ClinicDesk',
      version: '0.1.0',
      mode: 'electron',
      platform: process.platform,
    });
    // Under Electron all three are present; under Node only `node`.
    expect(info.versions.node).toBe(process.versions.node);
    expect(['chrome', 'electron', 'node']).toEqual(expect.arrayContaining(Object.keys(info.versions)));
  });

  it('setLocale relabels the menu and saves the choice', async () => {
    await invoke('clinic:set-locale', 'en');
    expect(applyMenu).toHaveBeenLastCalledWith('en');
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ locale: 'en' });
    await invoke('clinic:set-locale', 'zh-CN');
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ locale: 'zh-CN' });
  });
});
