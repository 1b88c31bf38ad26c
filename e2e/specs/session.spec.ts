/**
 * Signing in at the desk against a real platform: translated refusals, offline sign-in with the
 * verifier an earlier online sign-in left, and the idle lock (Playwright's clock skips the wait).
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { centre, demoPassword, signIn, signOut, staff, submitSignIn } from '../session';

/** A valid 18-digit identity number with the given 17-digit body. */
const idNumber = (body: string) => body + checkCharacter(body);

async function registerResident(page: Page, name: string, id: string) {
  await page.getByRole('menuitem', { name: '新建档案' }).click();
  await page.getByLabel('证件号码').fill(id);
  await page.getByLabel('证件号码').blur();
  await page.getByLabel('姓名').fill(name);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);
}

test('a wrong password is refused in the user’s language; the right one signs in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('平台：http://127.0.0.1:')).toBeVisible();
  await submitSignIn(page, 'nurse01', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确。');
  await expect(page.getByLabel('密码')).toHaveValue('');

  await page.getByText('English').click();
  await page.getByLabel('Password').fill('still-wrong');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('The username or password is not correct.');
  await page.getByText('中文').click();

  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('operator')).toHaveText(`${staff.nurse01.name}（${staff.nurse01.role}）`);
  await expect(page.getByTestId('organisation')).toHaveText(centre);
  await expect(page.getByTestId('offline-session')).toHaveCount(0);
});

test('signs in offline with the verifier of an earlier online sign-in and keeps registering', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await signIn(page, 'reg01');
  await signOut(page);

  await context.setOffline(true);
  // Someone who never signed in online at this desk cannot sign in offline.
  await submitSignIn(page, 'doc01');
  await expect(page.getByRole('alert')).toHaveText(
    '无法连接平台，且该账户从未在本机联网登录过，因此不能离线登录。',
  );
  // A wrong password is checked against the verifier and refused.
  await submitSignIn(page, 'reg01', 'Demo@2025');
  await expect(page.getByRole('alert')).toHaveText(
    '用户名或密码不正确（平台无法连接，已按本机保存的凭据核对）。',
  );

  await signIn(page, 'reg01');
  await expect(page.getByTestId('offline-session')).toHaveText('离线');
  await expect(page.getByTestId('organisation')).toHaveText(centre);
  await registerResident(page, '周离线', idNumber('12010119850505003'));
  await expect(page.getByTestId('history')).toBeVisible();
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toContainText(['周离线']);

  // The verifier is no password and no token.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain(demoPassword);
  expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT
});

test('locks after the idle time set in Settings; the password returns to the same page', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await signIn(page, 'reg01');
  await registerResident(page, '钱锁屏', idNumber('12010119790808002'));
  const profileUrl = page.url();

  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByLabel('无操作自动锁屏（分钟）').fill('1');
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await page.getByRole('cell', { name: '钱锁屏' }).click();
  await expect(page).toHaveURL(profileUrl);

  // Nothing happens for 61 seconds.
  await page.clock.fastForward('01:01');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByText('长时间无操作，工作站已自动锁定。')).toBeVisible();
  await expect(page.getByText(`${staff.reg01.name}（${staff.reg01.role}）· ${centre}`)).toBeVisible();
  // The record behind the lock is gone from the page, not just covered.
  await expect(page.getByTestId('patient-name')).toHaveCount(0);

  await page.getByLabel('密码').fill('wrong');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('alert')).toHaveText('密码不正确。');
  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText('钱锁屏');
  expect(page.url()).toBe(profileUrl);
  await expect(page.getByTestId('offline-session')).toHaveCount(0);

  // The setting survives; the lock button locks at once.
  await page.getByRole('button', { name: '锁屏' }).click();
  await expect(page.getByText('工作站已锁定。')).toBeVisible();
  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText('钱锁屏');
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page.getByLabel('无操作自动锁屏（分钟）')).toHaveValue('1');
});
