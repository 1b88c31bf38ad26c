/**
 * Removing a resident is an admin's act with a reason, and can be undone: a registrar's desk has
 * no removal; the admin removes by keyboard with a required reason, the registrar's desk drops the
 * resident, and the admin's restore brings them back to it.
 */
import { expect, test } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { openDesk, openResident, registerResident } from '../steps';

const body = '12010619750611004';
const resident = { id: body + checkCharacter(body), name: '韩雪梅', mobile: '13812340077' };

test('an admin removes a resident with a reason and restores them', async ({ browser }) => {
  // Two desks syncing through the platform on a busy machine.
  test.setTimeout(150_000);
  const registrar = await openDesk(browser, 'reg01');
  await registerResident(registrar.page, resident);
  await expect(registrar.page.getByTestId('patient-remove')).toHaveCount(0);

  const admin = await openDesk(browser, 'admin01');
  const { page } = admin;
  await expect(() => openResident(page, resident)).toPass({ timeout: 60_000 });
  await page.getByTestId('patient-remove').focus();
  await page.keyboard.press('Enter');
  const confirm = page.locator('#removal-confirm');
  await expect(confirm).toBeDisabled();
  await page.getByLabel('原因（必填）').pressSequentially('重复建档');
  await confirm.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/patients$/);
  const removed = page.getByTestId('removed-patients');
  await expect(removed.getByRole('row').filter({ hasText: resident.name })).toContainText('重复建档');

  // The registrar's desk no longer finds the resident (the list searched afresh each time).
  const searchRegistry = async () => {
    await registrar.page.getByRole('menuitem', { name: '今日就诊' }).click();
    await registrar.page.getByRole('menuitem', { name: '居民档案' }).click();
    await registrar.page
      .getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位')
      .fill(resident.id.slice(-6));
  };
  await expect(async () => {
    await searchRegistry();
    await expect(registrar.page.getByTestId('list-summary')).toContainText('0', { timeout: 2000 });
    await expect(registrar.page.getByRole('cell', { name: resident.name })).toHaveCount(0);
  }).toPass({ timeout: 30_000 });

  await removed.getByRole('row').filter({ hasText: resident.name }).getByTestId('patient-restore').click();
  await page.getByLabel('原因（必填）').fill('误删，已核实');
  await page.locator('#removal-confirm').click();
  await expect(removed).not.toContainText(resident.name);
  await expect(async () => {
    await registrar.page.getByRole('menuitem', { name: '今日就诊' }).click();
    await openResident(registrar.page, resident);
  }).toPass({ timeout: 60_000 });

  await registrar.context.close();
  await admin.context.close();
});
