import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appInfoSchema } from '../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  app: { getName: () => 'ClinicDesk', getVersion: () => '0.1.0', getPath: () => tmpdir() },
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showSaveDialog: async () => ({ canceled: true, filePath: '' }) },
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
  beforeAll(() => {
    vi.stubEnv('CLINICDESK_PLATFORM_URL', 'https://Platform.example:8443/v1/');
    registerHostHandlers({ settingsFile, applyMenu });
  });
  afterAll(() => vi.unstubAllEnvs());

  it('appInfo describes the Electron app', async () => {
    const info = appInfoSchema.parse(await invoke('clinic:app-info'));
    expect(info).toMatchObject({
      name: 'ClinicDesk',
      version: '0.1.0',
      mode: 'electron',
      platform: process.platform,
      platformUrl: 'https://platform.example:8443',
    });
    // Under Electron all three are present; under Node only `node`.
    expect(info.versions.node).toBe(process.versions.node);
    expect(['chrome', 'electron', 'node']).toEqual(expect.arrayContaining(Object.keys(info.versions)));
  });

  it('appInfo names no platform when the environment has none or a bad one', async () => {
    for (const value of ['', 'ftp://platform.example', 'not a url']) {
      electron.handlers.clear();
      vi.stubEnv('CLINICDESK_PLATFORM_URL', value);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      registerHostHandlers({ settingsFile, applyMenu });
      warn.mockRestore();
      expect(appInfoSchema.parse(await invoke('clinic:app-info')).platformUrl, value).toBeNull();
    }
  });

  it('setLocale relabels the menu and saves the choice', async () => {
    await invoke('clinic:set-locale', 'en');
    expect(applyMenu).toHaveBeenLastCalledWith('en');
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ locale: 'en' });
    await invoke('clinic:set-locale', 'zh-CN');
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ locale: 'zh-CN' });
  });

  it('printPage prints the calling page', async () => {
    const print = vi.fn((_options: unknown, done: (success: boolean, reason: string) => void) =>
      done(true, ''),
    );
    const printToPDF = vi.fn(async () => Buffer.from('%PDF'));
    const sender = { mainFrame: frame, print, printToPDF };
    const call = (options: unknown) =>
      electron.handlers.get('clinic:print-page')?.({ sender, senderFrame: frame }, options);
    await expect(call({ pageSize: 'A5', target: 'printer', title: '处方笺' })).resolves.toEqual({
      outcome: 'printed',
    });
    expect(print).toHaveBeenCalledOnce();
    await expect(call({ pageSize: 'A4', target: 'pdf', title: '处方笺' })).resolves.toEqual({
      outcome: 'cancelled',
    });
    expect(printToPDF).toHaveBeenCalledOnce();
  });

  it('printPage reports a cancelled or failed print as such, never as printed', async () => {
    const call = (success: boolean, reason: string) => {
      const print = vi.fn((_options: unknown, done: (ok: boolean, why: string) => void) =>
        done(success, reason),
      );
      const sender = { mainFrame: frame, print, printToPDF: vi.fn() };
      return electron.handlers.get('clinic:print-page')?.(
        { sender, senderFrame: frame },
        { pageSize: 'A5', target: 'printer', title: '处方笺' },
      );
    };
    await expect(call(false, 'Print job canceled')).resolves.toEqual({ outcome: 'cancelled' });
    await expect(call(false, 'Print job failed')).rejects.toThrow('print.failed');
  });
});
