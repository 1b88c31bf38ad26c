/**
 * In web mode the server that serves the page decides the platform: Settings shows its address
 * read-only, even to an administrator (in Electron an administrator sets it there; that path is
 * unit-tested in main/ipc/platformAddress.test.ts and the Settings component's test).
 */
import { expect, test } from '@playwright/test';
import { signIn } from '../session';

test('Settings shows the web server’s platform address read-only', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'admin01');
  await page.getByRole('menuitem', { name: '设置' }).click();
  // The page names its own origin: the web server forwards /v1/* to the platform.
  await expect(page.getByTestId('platform-address-current')).toHaveText(new URL(page.url()).origin);
  await expect(page.getByTestId('platform-url-readonly')).toHaveText(
    '网页模式下平台地址由提供本页面的服务器设定，此处不能修改。',
  );
  await expect(page.getByLabel('新的平台地址')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '保存平台地址' })).toHaveCount(0);
});
