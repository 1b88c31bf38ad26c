/**
 * Signatures a reader can trust, against a real platform: a consultation signed while the desk is
 * offline shows "已签名，待平台确认" and, once sync brings back the platform's seal, "已签名，平台已确认",
 * on the record and on the resident's page. Signing within five minutes of sign-in asks nothing
 * more; once the desk's clock (and the platform's, through its test-only clock) has moved past
 * that, signing asks for the password again, and a wrong one is said under the field.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { platformUrl } from '../ports';
import { demoPassword, signIn } from '../session';
import { registerResident } from '../steps';

async function register(page: Page, body: string, name: string) {
  await registerResident(page, { id: body + checkCharacter(body), name, mobile: '13812340002' });
}

/** A first visit with everything signing needs. */
async function writeConsultation(page: Page) {
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  await page.getByTestId('enc-chief-complaint').fill('头晕三天');
  await page.getByTestId('enc-present-history').fill('三天前起头晕，无胸痛');
  await page.getByTestId('enc-physical-exam').fill('心肺听诊无异常');
  await page.getByTestId('diagnosis-search').fill('I10');
  await page.getByTestId('diagnosis-option').first().click();
  await page.getByTestId('enc-plan').fill('低盐饮食，两周后复查血压');
  await expect(page.getByTestId('enc-autosave')).not.toBeEmpty();
}

// The platform's clock moved on here must not outlive the test: the specs after it expect the
// platform's today to be the desks' today.
test.afterEach(async ({ request }) => {
  const reset = await request.post(`${platformUrl}/v1/test/clock`, { data: { reset: true } });
  expect(reset.ok()).toBe(true);
});

test('a record signed offline awaits the platform, and is confirmed by it after sync', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await signIn(page, 'doc01');
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台');
  await register(page, '11010519800101123', '孙志远');
  await writeConsultation(page);

  await context.setOffline(true);
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  // Signed a moment after signing in: no second password prompt.
  await expect(page.getByRole('dialog', { name: '确认身份后签名' })).toHaveCount(0);
  await expect(page.getByTestId('enc-status')).toContainText('已签名');
  const status = page.getByTestId('signature-status');
  await expect(status).toHaveText('已签名，待平台确认');

  await context.setOffline(false);
  await page.getByTestId('sync-indicator').hover();
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(status).toHaveText('已签名，平台已确认', { timeout: 30_000 });
  await expect(status).toHaveAttribute('data-state', 'sealed');

  // The resident's page says the same.
  await page.goBack();
  await expect(page.getByTestId('clinical-encounter').getByTestId('signature-status')).toHaveText(
    '已签名，平台已确认',
  );
});

test('signing more than five minutes after sign-in asks for the password again', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await signIn(page, 'doc01');
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台');
  await register(page, '11010519750202234', '周海燕');
  await writeConsultation(page);

  // Six minutes on, at the desk and on the platform alike (never by sleeping).
  const moved = await page.request.post(`${platformUrl}/v1/test/clock`, { data: { advanceMs: 6 * 60_000 } });
  expect(moved.ok()).toBe(true);
  await page.clock.fastForward('06:00');

  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  const dialog = page.getByRole('dialog', { name: '确认身份后签名' });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('enc-status')).not.toContainText('已签名');

  // A wrong password is said under the field; the record stays a draft.
  await dialog.getByLabel('密码').fill('wrong-password');
  await dialog.getByLabel('密码').press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('密码不正确。');
  await expect(page.getByTestId('enc-status')).not.toContainText('已签名');

  await dialog.getByLabel('密码').fill(demoPassword);
  await dialog.getByLabel('密码').press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('enc-status')).toContainText('已签名');
  await expect(page.getByTestId('signature-status')).toHaveText('已签名，平台已确认', { timeout: 30_000 });
});
