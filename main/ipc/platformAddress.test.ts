/**
 * An administrator points the desk at its platform in Settings: main checks the address with the
 * shared rule, stores it, answers with the app info as it now is, and the app protocol's CSP lets
 * the renderer reach the new platform from the next page load. The environment's address, when
 * Electron was started with one, cannot be overridden.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
  protocol: { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() },
}));

const { registerHostHandlers } = await import('./handlers');
const { PlatformAddress } = await import('../platformAddress');
const { loadSettings } = await import('../settings');
const { createAppProtocolHandler } = await import('../protocol');

const frame = { url: 'app://clinicdesk/', parent: null };
const event = { sender: { mainFrame: frame }, senderFrame: frame };
const invoke = (channel: string, ...args: unknown[]) => electron.handlers.get(channel)!(event, ...args);
const setPlatformUrl = (request: unknown) => invoke('clinic:set-platform-url', request);
const appInfo = async () => appInfoSchema.parse(await invoke('clinic:app-info'));

/** A desk's main process as it starts: settings read from the file, then the handlers. */
async function startMain(env?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-address-'));
  const settingsFile = join(dir, 'settings.json');
  return { settingsFile, ...(await restartMain(settingsFile, env)) };
}
async function restartMain(settingsFile: string, env?: string) {
  electron.handlers.clear();
  const address = PlatformAddress.from(env, await loadSettings(settingsFile));
  registerHostHandlers({ settingsFile, applyMenu: () => undefined, address });
  return { address };
}
const stored = (file: string) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

afterEach(() => vi.restoreAllMocks());

describe('the platform address set in Settings', () => {
  it('is checked, stored, answered with and kept over a restart', async () => {
    const { settingsFile } = await startMain();
    expect(await appInfo()).toMatchObject({ platformUrl: null, platformUrlSource: 'settings' });

    const info = appInfoSchema.parse(
      await setPlatformUrl({ url: 'https://Platform.District.example:8443/v1/', allowInsecure: false }),
    );
    expect(info).toMatchObject({
      platformUrl: 'https://platform.district.example:8443',
      platformUrlSource: 'settings',
    });
    expect(stored(settingsFile)).toMatchObject({ platformUrl: 'https://platform.district.example:8443' });

    await restartMain(settingsFile);
    expect((await appInfo()).platformUrl).toBe('https://platform.district.example:8443');
  });

  it('takes plain http on the clinic network, and elsewhere only when explicitly allowed', async () => {
    const { settingsFile } = await startMain();
    await expect(
      setPlatformUrl({ url: 'http://192.168.1.20:8720', allowInsecure: false }),
    ).resolves.toMatchObject({ platformUrl: 'http://192.168.1.20:8720' });
    await expect(setPlatformUrl({ url: 'http://platform.example', allowInsecure: false })).rejects.toThrow(
      'platformAddress.httpsRequired',
    );
    // Refused: nothing changed, in memory or on disk.
    expect((await appInfo()).platformUrl).toBe('http://192.168.1.20:8720');
    expect(stored(settingsFile)?.platformUrl).toBe('http://192.168.1.20:8720');

    await expect(
      setPlatformUrl({ url: 'http://platform.example', allowInsecure: true }),
    ).resolves.toMatchObject({
      platformUrl: 'http://platform.example',
    });
    await restartMain(settingsFile);
    expect((await appInfo()).platformUrl).toBe('http://platform.example');
  });

  it('refuses what is not an address, or not in the contract’s shape, and stores nothing', async () => {
    const { settingsFile } = await startMain();
    for (const [request, code] of [
      [{ url: 'javascript:alert(1)', allowInsecure: true }, 'platformAddress.scheme'],
      [{ url: 'https://admin:pw@platform.example', allowInsecure: false }, 'platformAddress.credentials'],
      [{ url: 'not an address', allowInsecure: false }, 'platformAddress.invalid'],
      [{ url: 'https://platform.example' }, 'ipc.invalidPayload'],
      [{ url: 42, allowInsecure: false }, 'ipc.invalidPayload'],
      [{ url: `https://${'a'.repeat(5000)}.example`, allowInsecure: false }, 'ipc.invalidPayload'],
    ] as const)
      await expect(setPlatformUrl(request), JSON.stringify(request).slice(0, 80)).rejects.toThrow(code);
    expect(stored(settingsFile)).toBeUndefined();
    expect((await appInfo()).platformUrl).toBeNull();
  });

  it('refuses a caller that is not the app’s own page', async () => {
    await startMain();
    const foreign = { url: 'https://evil.example/', parent: null };
    await expect(
      electron.handlers.get('clinic:set-platform-url')!(
        { sender: { mainFrame: foreign }, senderFrame: foreign },
        { url: 'https://evil.example', allowInsecure: false },
      ),
    ).rejects.toThrow('ipc.forbiddenSender');
    expect((await appInfo()).platformUrl).toBeNull();
  });

  it('cannot override the environment’s platform', async () => {
    const { settingsFile } = await startMain('http://127.0.0.1:8720');
    expect(await appInfo()).toMatchObject({
      platformUrl: 'http://127.0.0.1:8720',
      platformUrlSource: 'environment',
    });
    await expect(setPlatformUrl({ url: 'https://platform.example', allowInsecure: false })).rejects.toThrow(
      'platformAddress.fixed',
    );
    expect(stored(settingsFile)).toBeUndefined();
  });

  it('ignores a stored address that the rule refuses (a settings file edited by hand)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-address-'));
    mkdirSync(dir, { recursive: true });
    const settingsFile = join(dir, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify({ locale: 'en', platformUrl: 'http://8.8.8.8' }));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await restartMain(settingsFile);
    expect((await appInfo()).platformUrl).toBeNull();
  });

  it('lets the renderer connect to the new platform from the next page load', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clinicdesk-address-root-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const { address, settingsFile } = await startMain();
    const serve = createAppProtocolHandler({ root, platformOrigin: () => address.origin });
    const csp = async () =>
      (await serve(new Request('app://clinicdesk/'))).headers.get('content-security-policy') ?? '';
    expect(await csp()).not.toContain('platform.example');
    await address.set({ url: 'https://platform.example', allowInsecure: false }, settingsFile);
    expect(await csp()).toMatch(/connect-src[^;]*https:\/\/platform\.example/);
  });
});
