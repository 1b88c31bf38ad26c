/** Signing in and out of the workstation as the demo staff (platform/seed/demo.ts). */
import { expect, type Page } from '@playwright/test';

export const demoPassword = 'Demo@2026';

/** Demo accounts the specs use, with what the header shows for them. */
export const staff = {
  reg01: { name: '王丽华', role: '挂号/建档员' },
  nurse01: { name: '李秀梅', role: '护士' },
  doc01: { name: '张建国', role: '医生' },
  doc02: { name: '刘文静', role: '医生' },
  spec01: { name: '陈立新', role: '专科医生' },
  spec03: { name: '周海燕', role: '专科医生' },
  admin01: { name: '赵志强', role: '管理员' },
} as const;

export const centre = '某某街道社区卫生服务中心';
export const hospital = '区第二人民医院';

/** How long a step doing real work (hashing, a database, a first sync) may take on a busy machine. */
export const realWork = 30_000;

/** Fills the sign-in form and submits it. */
export async function submitSignIn(page: Page, username: string, password = demoPassword) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Signs a demo account in and waits for the header to name them. */
export async function signIn(page: Page, username: keyof typeof staff, password = demoPassword) {
  await submitSignIn(page, username, password);
  const { name, role } = staff[username];
  // Signing in derives keys from the password and opens the desk's database: real work that a
  // busy machine stretches past the default wait.
  await expect(page.getByTestId('operator')).toHaveText(`${name}（${role}）`, { timeout: realWork });
}

/**
 * Unlocks the lock screen a reload (or the idle lock) shows with the signed-in person's password,
 * and waits for the header to name them again.
 */
export async function unlock(page: Page, username: keyof typeof staff, password = demoPassword) {
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '解锁' }).click();
  const { name, role } = staff[username];
  // Signing in derives keys from the password and opens the desk's database: real work that a
  // busy machine stretches past the default wait.
  await expect(page.getByTestId('operator')).toHaveText(`${name}（${role}）`, { timeout: realWork });
}

/**
 * Signs out from the header. When the desk offers to clear the organisation's data (the last of
 * its users here signs out), keeps it, as a person going on working at this desk would.
 */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  const keep = page.getByRole('button', { name: '保留数据并退出' });
  const signInButton = page.getByRole('button', { name: '登录', exact: true });
  await expect(keep.or(signInButton)).toBeVisible({ timeout: realWork });
  if (await keep.isVisible()) await keep.click();
  await expect(signInButton).toBeVisible({ timeout: realWork });
}
