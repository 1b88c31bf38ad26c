/**
 * The only way to make a window (CONVENTIONS.md §7): sandboxed, context-isolated, no Node in the
 * page, our bundled preload, and no way out of the app's own origin — new windows, navigation,
 * redirects and `<webview>` are all refused.
 */
import {
  BrowserWindow,
  app,
  type BrowserWindowConstructorOptions,
  type WebContents,
  type WebPreferences,
} from 'electron';
import { join } from 'node:path';
import { isAppUrl } from './origin';

/** The bundled preload, next to `dist/main/index.cjs` (see build/bundle-main.mjs). */
export function preloadPath(): string {
  return join(app.getAppPath(), 'dist', 'main', 'preload.cjs');
}

/** The exact web preferences of every ClinicDesk window. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

/** Everything a caller may choose about a window; web preferences are not among them. */
export type SecureWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

const hardened = new WeakSet<WebContents>();

/**
 * Locks a web contents to the app's origin: `window.open` and target=_blank are denied, navigation
 * and redirects leave only for another `app://clinicdesk` URL, and `<webview>` never attaches.
 * Idempotent; main also calls it for every web contents Electron creates.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Creates a window with {@link secureWebPreferences} and {@link hardenWebContents} applied. */
export function createSecureWindow(options: SecureWindowOptions = {}): BrowserWindow {
  const window = new BrowserWindow({ ...options, webPreferences: secureWebPreferences(preloadPath()) });
  hardenWebContents(window.webContents);
  return window;
}
