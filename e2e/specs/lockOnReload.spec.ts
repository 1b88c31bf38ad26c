/**
 * A reload is not a sign-out: the tab opens on the lock screen of whoever was signed in (their
 * name, one password field), and the right password returns to the same page, online and
 * syncing. Signing out from the lock screen, a new tab, another desk, or the address opened anew
 * get the full sign-in.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { centre, demoPassword, signIn, staff } from '../session';
import { registerResident } from '../steps';

const resident = (body: string, name: string) => ({ id: body + checkCharacter(body), name });
const afterUnlock = resident('12010119880303082', '吴解锁');

const lockScreen = (page: Page) => page.getByTestId('lock-screen');
const indicator = (page: Page) => page.getByTestId('sync-indicator');
const signInForm = (page: Page) => page.getByLabel('用户名');
const idleMinutesField = (page: Page) => page.getByLabel('无操作自动锁屏（分钟）');

/** Reloads the tab and waits for the lock screen. */
async function reloadToLock(page: Page) {
  await page.reload();
  await expect(lockScreen(page)).toBeVisible();
}

test('a reload returns to the lock screen; the password returns to the same page, online and syncing', async ({
  page,
  browser,
}) => {
  // Two desks sign in and one pulls the centre: give a busy machine room.
  test.setTimeout(150_000);
  await page.goto('/');
  await signIn(page, 'reg01');
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(idleMinutesField(page)).toBeVisible();
  const settingsUrl = page.url();

  await reloadToLock(page);
  await expect(page.getByText('页面已重新加载，请输入密码继续。')).toBeVisible();
  await expect(page.getByText(`${staff.reg01.name}（${staff.reg01.role}）· ${centre}`)).toBeVisible();
  // Only the password is typed: no username field, one input a person can type in.
  await expect(signInForm(page)).toHaveCount(0);
  await expect(page.locator('input:not([type="hidden"])')).toHaveCount(1);
  await expect(idleMinutesField(page)).toHaveCount(0);

  await page.getByLabel('密码').fill('Demo@2025');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('alert')).toHaveText('密码不正确。');
  await expect(lockScreen(page)).toBeVisible();

  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(idleMinutesField(page)).toBeVisible();
  expect(page.url()).toBe(settingsUrl);
  await expect(page.getByTestId('offline-session')).toHaveCount(0);
  await expect(indicator(page)).toContainText('已连接平台');
  await registerResident(page, afterUnlock);

  // Another desk signs in in full and finds what was registered after the unlock: it synced.
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await otherPage.goto('/');
    await expect(lockScreen(otherPage)).toHaveCount(0);
    await signIn(otherPage, 'doc01');
    await otherPage
      .getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位')
      .fill(afterUnlock.id.slice(-6));
    await expect(otherPage.locator('.ant-table-tbody')).toContainText(afterUnlock.name, { timeout: 30_000 });
  } finally {
    await other.close();
  }
});

test('signing out from the lock screen, a new tab, or the address opened again gets the full sign-in', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await signIn(page, 'reg01');

  // A new tab of the same browser, where this person's verifier is: the full sign-in.
  const newTab = await context.newPage();
  await newTab.goto('/');
  await expect(signInForm(newTab)).toBeVisible();
  await expect(lockScreen(newTab)).toHaveCount(0);
  await newTab.close();

  // Signing out from the lock screen leaves the full sign-in, and a reload keeps it so.
  await reloadToLock(page);
  await page.getByRole('button', { name: '退出，换人登录' }).click();
  await expect(signInForm(page)).toBeVisible();
  await page.reload();
  await expect(signInForm(page)).toBeVisible();
  await expect(lockScreen(page)).toHaveCount(0);

  // The address opened again in the same tab is no reload: the full sign-in.
  await signIn(page, 'reg01');
  await page.goto('/');
  await expect(signInForm(page)).toBeVisible();
  await expect(lockScreen(page)).toHaveCount(0);
});
