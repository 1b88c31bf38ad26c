/**
 * Electron main: lifecycle only. One instance per desk, every renderer sandboxed, the app served
 * from `app://clinicdesk/`, permissions denied, the typed host handlers registered, one window.
 */
import { BrowserWindow, app, session } from 'electron';
import { join } from 'node:path';
import { registerHostHandlers } from './ipc/handlers';
import { applyApplicationMenu, type MenuOptions } from './menu';
import { APP_ENTRY_URL } from './origin';
import { PlatformAddress } from './platformAddress';
import { installPermissionHandlers } from './permissions';
import { registerAppSchemePrivileges, serveAppProtocol } from './protocol';
import { loadSettings } from './settings';
import { createSecureWindow, hardenWebContents } from './window';

app.enableSandbox();
registerAppSchemePrivileges();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;

  const openMainWindow = () => {
    const window = createSecureWindow({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      title: 'ClinicDesk',
      show: false,
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(APP_ENTRY_URL);
    mainWindow = window;
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(async () => {
      const settingsFile = join(app.getPath('userData'), 'settings.json');
      const settings = await loadSettings(settingsFile);
      // The environment's platform, else the one an administrator set in Settings.
      const address = PlatformAddress.from(process.env.CLINICDESK_PLATFORM_URL, settings);
      serveAppProtocol({
        root: join(app.getAppPath(), 'dist', 'renderer'),
        platformOrigin: () => address.origin,
      });
      installPermissionHandlers(session.defaultSession);

      const menu: MenuOptions = {
        platform: process.platform,
        appName: app.getName(),
        devTools: !app.isPackaged,
      };
      const applyMenu = (locale: Parameters<typeof applyApplicationMenu>[0]) =>
        applyApplicationMenu(locale, menu);
      registerHostHandlers({ settingsFile, applyMenu, address });
      applyMenu(settings.locale);

      openMainWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('ClinicDesk failed to start:', error);
      app.exit(1);
    });
}
