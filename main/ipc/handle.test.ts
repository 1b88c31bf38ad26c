import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { hostChannels, type PrintPageOptions } from '../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, listener);
    },
  },
}));

const { handle, handleWithSender, isTrustedSender } = await import('./handle');

interface Frame {
  url: string;
  parent: Frame | null;
}
const mainFrame = (url = 'app://clinicdesk/settings'): Frame => ({ url, parent: null });
const eventFrom = (frame: Frame | null, top: Frame | null = frame) => ({
  sender: { mainFrame: top },
  senderFrame: frame,
});
const invoke = (channel: string, event: unknown, ...args: unknown[]) => {
  const listener = electron.handlers.get(channel);
  if (!listener) throw new Error(`no handler on ${channel}`);
  return listener(event, ...args);
};

describe('handle', () => {
  const setLocale = vi.fn(async () => undefined);
  const appInfo = vi.fn(() => ({
    name: 'ClinicDesk',
    version: '0.1.0',
    mode: 'electron' as const,
    platform: 'linux',
    versions: {},
    platformUrl: null,
  }));

  beforeEach(() => {
    electron.handlers.clear();
    setLocale.mockClear();
    appInfo.mockClear();
    handle('setLocale', setLocale);
    handle('appInfo', appInfo);
  });

  it('registers on the contract channel', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(
      [hostChannels.appInfo.channel, hostChannels.setLocale.channel].sort(),
    );
  });

  it('accepts a valid payload from the app main frame', async () => {
    await expect(invoke('clinic:set-locale', eventFrom(mainFrame()), 'en')).resolves.toBeUndefined();
    expect(setLocale).toHaveBeenCalledExactlyOnceWith('en');
    await expect(invoke('clinic:app-info', eventFrom(mainFrame()))).resolves.toMatchObject({
      mode: 'electron',
    });
  });

  it('rejects a sender from another origin', async () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:5180/',
      'file:///tmp/x.html',
      'app://other/',
      'about:blank',
      'data:text/html,x',
    ]) {
      await expect(invoke('clinic:set-locale', eventFrom(mainFrame(url)), 'en'), url).rejects.toThrow(
        'ipc.forbiddenSender',
      );
    }
    expect(setLocale).not.toHaveBeenCalled();
  });

  it('rejects a subframe, even one at the app origin', async () => {
    const top = mainFrame();
    const iframe: Frame = { url: 'app://clinicdesk/embedded', parent: top };
    await expect(invoke('clinic:set-locale', eventFrom(iframe, top), 'en')).rejects.toThrow(
      'ipc.forbiddenSender',
    );
    expect(setLocale).not.toHaveBeenCalled();
  });

  it('rejects a sender whose frame is gone', async () => {
    await expect(invoke('clinic:app-info', eventFrom(null, mainFrame()))).rejects.toThrow(
      'ipc.forbiddenSender',
    );
  });

  it('rejects a bad payload', async () => {
    for (const args of [['fr'], [42], [], ['en', 'extra'], [{ locale: 'en' }]]) {
      await expect(
        invoke('clinic:set-locale', eventFrom(mainFrame()), ...args),
        JSON.stringify(args),
      ).rejects.toThrow('ipc.invalidPayload');
    }
    await expect(invoke('clinic:app-info', eventFrom(mainFrame()), 'extra')).rejects.toThrow(
      'ipc.invalidPayload',
    );
    expect(setLocale).not.toHaveBeenCalled();
    expect(appInfo).not.toHaveBeenCalled();
  });

  it('rejects a response that breaks the contract', async () => {
    electron.handlers.clear();
    handle('appInfo', () => ({ name: 'ClinicDesk' }) as never);
    await expect(invoke('clinic:app-info', eventFrom(mainFrame()))).rejects.toThrow('ipc.invalidResponse');
  });
});

describe('handleWithSender', () => {
  const printPage = vi.fn(async (_sender: WebContents, _options: PrintPageOptions) => ({
    outcome: 'printed' as const,
  }));
  beforeEach(() => {
    electron.handlers.clear();
    printPage.mockClear();
    handleWithSender('printPage', printPage);
  });
  const options = { pageSize: 'A5', target: 'printer', title: '处方笺' };

  it('hands the checked payload and the calling web contents to the handler', async () => {
    const event = eventFrom(mainFrame());
    await expect(invoke('clinic:print-page', event, options)).resolves.toEqual({ outcome: 'printed' });
    expect(printPage).toHaveBeenCalledExactlyOnceWith(event.sender, options);
  });

  it('keeps the sender and payload checks', async () => {
    await expect(
      invoke('clinic:print-page', eventFrom(mainFrame('https://evil.example/')), options),
    ).rejects.toThrow('ipc.forbiddenSender');
    await expect(
      invoke('clinic:print-page', eventFrom(mainFrame()), { ...options, pageSize: 'Letter' }),
    ).rejects.toThrow('ipc.invalidPayload');
    expect(printPage).not.toHaveBeenCalled();
  });
});

describe('isTrustedSender', () => {
  it('trusts only the app origin in a main frame', () => {
    expect(isTrustedSender(eventFrom(mainFrame()) as never)).toBe(true);
    expect(isTrustedSender(eventFrom(mainFrame('app://clinicdesk.evil/')) as never)).toBe(false);
  });
});
