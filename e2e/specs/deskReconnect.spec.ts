/**
 * A desk finds its way back, and the last person of a centre at a desk decides what stays on it:
 * a registrar signed in offline reconnects by herself when the network returns (no password typed
 * again) and what she typed offline goes up; signing out, she keeps the centre's data or clears
 * it, and clearing is refused while anything is not on the platform yet.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { signIn, submitSignIn } from '../session';
import { registerResident } from '../steps';

const resident = (body: string, name: string) => ({ id: body + checkCharacter(body), name });
const kept = resident('12010119900101051', '孙保留');
const typedOffline = resident('12010119900101062', '孙离线');

const indicator = (page: Page) => page.getByTestId('sync-indicator');
const dialog = (page: Page) => page.getByRole('dialog', { name: '退出登录' });
const keepButton = (page: Page) => page.getByRole('button', { name: '保留数据并退出' });
const clearButton = (page: Page) => page.getByRole('button', { name: '清除本机数据并退出' });
const centreDatabases = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases())
      .map((info) => info.name ?? '')
      .filter((name) => name.includes('clinicdesk-org-chc-demo')),
  );

test('signed in offline, the desk reconnects by itself; the last user keeps or clears the centre’s data', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await signIn(page, 'reg01');
  await registerResident(page, kept);
  await expect(indicator(page)).toContainText('已连接平台');
  await expect(indicator(page)).not.toContainText('待上传');

  // Nobody else of the centre has signed in here: signing out offers to clear; the keyboard keeps.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(dialog(page)).toContainText('您是最后一位在本机使用「某某街道社区卫生服务中心」数据的人员');
  await expect(keepButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();

  // Offline: the kept data is there, and what is typed waits, counted in the header.
  await context.setOffline(true);
  await signIn(page, 'reg01');
  await expect(page.getByTestId('offline-session')).toHaveText('离线');
  await expect(page.locator('.ant-table-tbody')).toContainText(kept.name);
  await registerResident(page, typedOffline);
  await expect(indicator(page)).toContainText(/\d+ 条待上传/);

  // Clearing is refused while rows wait; Escape closes the dialog and nothing happens.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('尚未上传到平台，清除会使其永久丢失');
  await expect(clearButton(page)).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByTestId('patient-name')).toHaveText(typedOffline.name);

  // The network returns: nobody types the password, the session turns online and sync pushes.
  await context.setOffline(false);
  await expect(page.getByTestId('offline-session')).toHaveCount(0, { timeout: 30_000 });
  await expect(indicator(page)).toContainText('已连接平台');
  await expect(indicator(page)).not.toContainText('待上传', { timeout: 30_000 });

  // Now clearing is allowed; it removes the centre's databases and the offline verifier.
  expect((await centreDatabases(page)).length).toBeGreaterThan(3);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(dialog(page).getByRole('alert')).toHaveCount(0);
  await clearButton(page).click();
  await expect(page.getByText('已清除本机上「某某街道社区卫生服务中心」的数据。')).toBeVisible();
  await expect.poll(() => centreDatabases(page), { timeout: 15_000 }).toEqual([]);
  await context.setOffline(true);
  await submitSignIn(page, 'reg01');
  // The verifier went with the data: this person can no longer sign in offline here.
  await expect(page.getByRole('alert').filter({ hasText: '无法连接平台' })).toHaveText(
    '无法连接平台，且该账户从未在本机联网登录过，因此不能离线登录。',
  );
});
