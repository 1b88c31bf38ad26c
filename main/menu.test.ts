import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

const electron = vi.hoisted(() => ({
  setApplicationMenu: vi.fn(),
  buildFromTemplate: vi.fn((t: unknown) => ({ t })),
}));
vi.mock('electron', () => ({ Menu: electron }));

const { applyApplicationMenu, buildMenuTemplate, menuLabels } = await import('./menu');

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

describe('application menu', () => {
  const linux = { platform: 'linux' as const, appName: 'ClinicDesk', devTools: false };

  it('labels the menu in Chinese and in English', () => {
    expect(buildMenuTemplate('zh-CN', linux).map((item) => item.label)).toEqual([
      '文件',
      '编辑',
      '视图',
      '窗口',
      '帮助',
    ]);
    expect(buildMenuTemplate('en', linux).map((item) => item.label)).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
  });

  it('uses roles for every action, each with a translated label', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const leaves = flatten(buildMenuTemplate(locale, { ...linux, devTools: true })).filter(
        (item) => !item.submenu && item.type !== 'separator',
      );
      expect(leaves.length).toBeGreaterThan(10);
      const labels = Object.values(menuLabels[locale]);
      for (const item of leaves) {
        expect(item.role, item.label).toBeTruthy();
        expect(labels).toContain(item.label);
      }
    }
  });

  it('offers developer tools only when asked', () => {
    const roles = (devTools: boolean) =>
      flatten(buildMenuTemplate('en', { ...linux, devTools })).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('puts the app menu first on macOS', () => {
    const template = buildMenuTemplate('en', { platform: 'darwin', appName: 'ClinicDesk', devTools: false });
    expect(template[0]?.label).toBe('ClinicDesk');
    expect(flatten(template).filter((item) => item.role === 'quit')).toHaveLength(1);
  });

  it('installs the built menu', () => {
    applyApplicationMenu('en', linux);
    expect(electron.buildFromTemplate).toHaveBeenCalledWith(buildMenuTemplate('en', linux));
    expect(electron.setApplicationMenu).toHaveBeenCalledOnce();
  });
});
