import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  lock: true,
  calls: [] as string[],
  windows: [] as unknown[],
  ready: () => {},
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const log = (name: string) => () => void state.calls.push(name);
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(log('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(log('quit')),
    exit: vi.fn(),
    whenReady: vi.fn(
      () =>
        new Promise<void>((resolve) => {
          state.ready = () => {
            state.calls.push('ready');
            resolve();
          };
        }),
    ),
    getAppPath: () => '/opt/clinicdesk',
    getPath: () => mkdtempSync(join(tmpdir(), 'clinicdesk-index-')),
    getName: () => 'ClinicDesk',
    getVersion: () => '0.1.0',
  });
  class WebContents extends EventEmitter {
    setWindowOpenHandler = vi.fn();
  }
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => state.windows;
    webContents = new WebContents();
    loadURL = vi.fn(async (url: string) => void state.calls.push(`loadURL ${url}`));
    isMinimized = vi.fn(() => true);
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    constructor(public options: unknown) {
      super();
      state.windows.push(this);
    }
  }
  return {
    app,
    BrowserWindow,
    Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn(log('setApplicationMenu')) },
    ipcMain: { handle: vi.fn((channel: string) => void state.calls.push(`ipc ${channel}`)) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(log('registerSchemesAsPrivileged')),
      handle: vi.fn(log('protocol.handle')),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(log('permissions')),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
  };
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('main lifecycle', () => {
  afterEach(() => {
    vi.resetModules();
    state.calls.length = 0;
    state.windows.length = 0;
    state.lock = true;
  });

  it('sandboxes and registers the scheme before ready, then serves, guards and opens the window', async () => {
    await import('./index');
    expect(state.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged']);
    state.ready();
    await settle();
    expect(state.calls).toEqual([
      'enableSandbox',
      'registerSchemesAsPrivileged',
      'ready',
      'protocol.handle',
      'permissions',
      'ipc clinic:app-info',
      'ipc clinic:set-platform-url',
      'ipc clinic:set-locale',
      'ipc clinic:print-page',
      'setApplicationMenu',
      'loadURL app://clinicdesk/',
    ]);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { app } = await import('electron');
    await import('./index');
    state.ready();
    await settle();
    app.emit('second-instance');
    const [window] = state.windows as { restore: () => void; focus: () => void }[];
    expect(window?.restore).toHaveBeenCalledOnce();
    expect(window?.focus).toHaveBeenCalledOnce();
  });

  it('quits when another instance holds the lock', async () => {
    state.lock = false;
    await import('./index');
    expect(state.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'quit']);
  });
});
