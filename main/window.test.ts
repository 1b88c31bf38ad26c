import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ windows: [] as { options: Record<string, unknown> }[] }));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeWebContents extends EventEmitter {
    openHandler?: (details: { url: string }) => { action: string };
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
  }
  class BrowserWindow {
    webContents = new FakeWebContents();
    constructor(public options: Record<string, unknown>) {
      electron.windows.push(this);
    }
  }
  return { BrowserWindow, app: { getAppPath: () => '/opt/clinicdesk' } };
});

const { createSecureWindow, hardenWebContents, secureWebPreferences } = await import('./window');

type Contents = EventEmitter & { openHandler?: (details: { url: string }) => { action: string } };

/** Emits a navigation-like event and says whether a listener prevented it. */
function attempt(contents: Contents, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { url, preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('createSecureWindow', () => {
  beforeEach(() => {
    electron.windows.length = 0;
  });

  it('uses the secure web preferences and the bundled preload', () => {
    const window = createSecureWindow({ width: 800, title: 'x' });
    const prefs = (window as unknown as { options: { webPreferences: Record<string, unknown> } }).options
      .webPreferences;
    expect(prefs).toEqual(secureWebPreferences('/opt/clinicdesk/dist/main/preload.cjs'));
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      preload: '/opt/clinicdesk/dist/main/preload.cjs',
    });
  });

  it('does not let callers override web preferences', () => {
    const unsafe = { webPreferences: { sandbox: false, nodeIntegration: true } } as Record<string, unknown>;
    const window = createSecureWindow(unsafe);
    const prefs = (window as unknown as { options: { webPreferences: Record<string, unknown> } }).options
      .webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, nodeIntegration: false });
  });

  it('denies window.open', () => {
    const contents = createSecureWindow().webContents as unknown as Contents;
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://clinicdesk/patients' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects to other origins', () => {
    const contents = createSecureWindow().webContents as unknown as Contents;
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:5180/',
      'file:///etc/passwd',
      'app://other/',
      'app://clinicdesk:8080/',
      'app://user@clinicdesk/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(attempt(contents, 'will-navigate', url), url).toBe(true);
      expect(attempt(contents, 'will-redirect', url), url).toBe(true);
    }
  });

  it('allows navigation within app://clinicdesk', () => {
    const contents = createSecureWindow().webContents as unknown as Contents;
    expect(attempt(contents, 'will-navigate', 'app://clinicdesk/patients/42')).toBe(false);
    expect(attempt(contents, 'will-redirect', 'app://clinicdesk/')).toBe(false);
  });

  it('never attaches a webview', () => {
    const contents = createSecureWindow().webContents as unknown as Contents;
    expect(attempt(contents, 'will-attach-webview', 'app://clinicdesk/')).toBe(true);
  });

  it('hardens a web contents only once', () => {
    const contents = createSecureWindow().webContents as unknown as Contents;
    hardenWebContents(contents as never);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});
