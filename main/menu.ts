/**
 * The native application menu in the user's language. Every item is role-based, so Electron does
 * the work (and the platform conventions); only the labels come from
 * shared/i18n/locales/{zh-CN,en}/menu.json.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../shared/ipc/contract';
import menuEn from '../shared/i18n/locales/en/menu.json';
import menuZh from '../shared/i18n/locales/zh-CN/menu.json';

export type MenuLabels = typeof menuZh;

export const menuLabels: Record<Locale, MenuLabels> = { 'zh-CN': menuZh, en: menuEn };

export interface MenuOptions {
  /** `process.platform`: macOS gets the app menu first and keeps Quit there. */
  platform: NodeJS.Platform;
  /** Application name for the macOS app menu. */
  appName: string;
  /** Whether View offers the developer tools (not in packaged builds). */
  devTools: boolean;
}

type Item = MenuItemConstructorOptions;

/** The menu template for `locale` (pure, so tests can read it). */
export function buildMenuTemplate(locale: Locale, { platform, appName, devTools }: MenuOptions): Item[] {
  const t = menuLabels[locale];
  const mac = platform === 'darwin';
  const separator: Item = { type: 'separator' };
  const when = (condition: boolean, ...items: Item[]): Item[] => (condition ? items : []);
  return [
    ...when(mac, {
      label: appName,
      submenu: [{ role: 'about', label: t.about }, separator, { role: 'quit', label: t.quit }],
    }),
    { label: t.file, submenu: [mac ? { role: 'close', label: t.close } : { role: 'quit', label: t.quit }] },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        separator,
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: 'reload', label: t.reload },
        ...when(devTools, { role: 'toggleDevTools', label: t.toggleDevTools }),
        separator,
        { role: 'resetZoom', label: t.resetZoom },
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
      ],
    },
    {
      label: t.window,
      role: 'windowMenu',
      submenu: [{ role: 'minimize', label: t.minimize }, ...when(!mac, { role: 'close', label: t.close })],
    },
    ...when(!mac, { label: t.help, role: 'help', submenu: [{ role: 'about', label: t.about }] }),
  ];
}

/** Replaces the application menu with the one for `locale`. */
export function applyApplicationMenu(locale: Locale, options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(locale, options)));
}
