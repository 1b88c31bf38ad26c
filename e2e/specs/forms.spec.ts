/**
 * Nothing typed is lost, and a form says what is wrong where it is wrong: a half-filled
 * registration survives a reload (restored with a notice, gone at sign-out), leaving an edited
 * form asks first, a field is checked when it is left, a failed save puts the cursor on the first
 * error, and a birth date after today is refused.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { demoPassword, signIn, signOut } from '../session';
import { registerResident } from '../steps';

const validId = (body: string) => body + checkCharacter(body);

const registerTitle = (page: Page) => page.getByRole('heading', { name: '新建居民档案' });
const restoredNotice = (page: Page) => page.getByText('已恢复未保存的草稿');

/**
 * After a reload: the desk asks for the password on its lock screen, or for a full sign-in;
 * either way the same person returns, and opens registration again if not already there.
 */
async function returnAfterReload(page: Page) {
  const lock = page.getByTestId('lock-screen');
  const signInForm = page.getByLabel('用户名');
  await expect(lock.or(signInForm)).toBeVisible();
  if (await lock.isVisible()) {
    await lock.getByLabel('密码').fill(demoPassword);
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(page.getByTestId('operator')).toBeVisible();
  } else await signIn(page, 'reg01');
  if (!page.url().includes('#/patients/new')) await page.getByRole('menuitem', { name: '新建档案' }).click();
  await expect(registerTitle(page)).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'reg01');
});

test('a half-filled registration survives a reload, can be discarded, and is gone after sign-out', async ({
  page,
}) => {
  const id = validId('12010119900505062');
  await page.getByRole('menuitem', { name: '新建档案' }).click();
  await expect(restoredNotice(page)).toHaveCount(0);
  await page.getByLabel('证件号码').fill(id);
  await page.getByLabel('证件号码').blur();
  await page.getByLabel('姓名').fill('孙草稿');
  await page.getByLabel('手机号码').fill('13812340000');
  await expect(page.getByTestId('draft-kept')).toHaveText('草稿已保存在本机');

  await page.reload();
  await returnAfterReload(page);
  await expect(restoredNotice(page)).toBeVisible();
  await expect(page.getByLabel('证件号码')).toHaveValue(id);
  await expect(page.getByLabel('姓名')).toHaveValue('孙草稿');
  await expect(page.getByLabel('手机号码')).toHaveValue('13812340000');
  await expect(page.getByLabel('出生日期')).toHaveValue('1990-05-05');

  // Discarded: the form is empty again and the notice goes.
  await page.getByRole('button', { name: '放弃草稿' }).click();
  await expect(restoredNotice(page)).toHaveCount(0);
  await expect(page.getByLabel('姓名')).toHaveValue('');
  await expect(page.getByLabel('证件号码')).toHaveValue('');

  // Typed again, then signing out: whoever signs in next finds no draft, the same person neither.
  await page.getByLabel('姓名').fill('周离开');
  await expect(page.getByTestId('draft-kept')).toBeVisible();
  await signOut(page);
  await signIn(page, 'reg01');
  await page.getByRole('menuitem', { name: '新建档案' }).click();
  await expect(page.getByLabel('姓名')).toHaveValue('');
  await expect(restoredNotice(page)).toHaveCount(0);
});

test('leaving an edited form asks first: staying keeps what was typed, leaving drops it', async ({
  page,
}) => {
  const resident = { id: validId('12010119850707071'), name: '钱问离', mobile: '13812345670' };
  await registerResident(page, resident);
  await page.getByRole('button', { name: '编辑档案' }).click();
  const mobile = page.getByLabel('手机号码');
  await mobile.fill('13900001111');

  const dialog = page.getByRole('dialog', { name: '离开此页？' });
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await expect(dialog).toBeVisible();
  // The focus starts on staying; Enter takes it.
  await expect(dialog.getByRole('button', { name: '留在此页' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/#\/patients\/[^/]+\/edit$/);
  await expect(mobile).toHaveValue('13900001111');

  // The form's own cancel asks too; this time the person leaves.
  await page.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '离开，不保存' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText(resident.name);
  await expect(page.getByTestId('mobile')).toHaveText(resident.mobile);

  // What was left is not offered again, and a form nobody changed lets the person go.
  await page.getByRole('button', { name: '编辑档案' }).click();
  await expect(mobile).toHaveValue(resident.mobile);
  await expect(restoredNotice(page)).toHaveCount(0);
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await expect(page.getByTestId('list-summary')).toBeVisible();
});

test('fields are checked when left, a failed save puts the cursor on the first error, and a future birth date is refused', async ({
  page,
}) => {
  await page.getByRole('menuitem', { name: '新建档案' }).click();
  await expect(page.getByText('带 * 的为必填项')).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveAttribute('aria-required', 'true');
  await expect(page.getByLabel('证件号码')).toHaveAttribute('aria-required', 'true');
  await expect(page.getByLabel('手机号码')).not.toHaveAttribute('aria-required', 'true');

  // A birth date after today is refused by the picker, and says why.
  const birthDate = page.getByLabel('出生日期');
  await birthDate.fill('2099-01-01');
  await birthDate.press('Tab');
  await expect(page.getByText('出生日期不能晚于今天')).toBeVisible();
  await expect(birthDate).toHaveValue('');

  // The check digit and the mobile are checked on leaving the field, before any save.
  await page.getByLabel('证件号码').fill('120101198001010013');
  await page.getByLabel('证件号码').press('Tab');
  await expect(page.getByText('身份证号码校验位不正确，请核对')).toBeVisible();
  await page.getByLabel('手机号码').fill('1381234567');
  await page.getByLabel('手机号码').press('Tab');
  await expect(page.getByText('手机号码应为 11 位，以 13–19 开头')).toBeVisible();
  // Correcting a field clears its message.
  await page.getByLabel('证件号码').fill(validId('12010119800101001'));
  await page.getByLabel('证件号码').press('Tab');
  await expect(page.getByText('身份证号码校验位不正确，请核对')).toHaveCount(0);

  // Saving with the name still empty: nothing saved, the cursor is on the first field to correct.
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('请先更正标出的内容，未保存任何信息。')).toBeVisible();
  await expect(page.getByLabel('姓名')).toBeFocused();
  await expect(page).toHaveURL(/#\/patients\/new$/);
});
