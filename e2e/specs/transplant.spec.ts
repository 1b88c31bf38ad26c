/**
 * A post-transplant patient shared across organisations by platform grant, on three desks (each its
 * own browser) against one real platform: the community centre enrols a resident in
 * post-transplant follow-up with the transplant centre named and the resident's consent; the
 * transplant centre's specialist finds the shared resident and sets the plan; the community centre
 * sees the plan and records a blood count for it; the specialist sees the new result after sync,
 * then revises the plan (revision 2, with its reason), which the centre sees after sync; the centre
 * signs the visit due, its next date taken from the revised plan, and the specialist sees the
 * signed visit after sync; another hospital, whose desk has synced all along, sees nothing of the
 * resident.
 */
import { expect, test, type Page } from '@playwright/test';
import { addMonths } from '../../shared/followups/dates';
import { checkCharacter } from '../../shared/identity/idNumber';
import { openDesk, registerResident } from '../steps';

const body = '31011519580916041';
const id = body + checkCharacter(body);
const name = '严慧芳';

/** A date `days` from now on the desk's calendar (Asia/Shanghai, as the config sets). */
const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** Searches 居民档案 for the resident by name (a specialist sees identity numbers masked). */
async function searchResident(page: Page) {
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await page.getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位').fill(name);
  await expect(page.getByText('找到 0 条匹配')).toBeVisible();
}

test('the transplant centre sets and revises the plan, follows the centre’s results and visits, and no other hospital sees them', async ({
  browser,
}) => {
  test.setTimeout(210_000);
  // Another hospital's desk, open and synced from the start.
  const other = await openDesk(browser, 'spec01');
  const transplantDate = dayFromNow(-100);
  const revisionReason = '血象偏低，第一年改为每月随访';

  // The community centre enrols the resident, naming the transplant centre, with consent.
  const centre = await openDesk(browser, 'doc01');
  const cp = centre.page;
  await registerResident(cp, { id, name });
  await cp.getByTestId('programme-enrol').click();
  await cp.getByRole('radio', { name: '造血干细胞移植后随访' }).check();
  await cp.getByTestId('enrol-transplant-org').selectOption({ label: '市血液病医院' });
  await cp.getByTestId('enrol-transplant-date').fill(transplantDate);
  await cp.getByTestId('enrol-consent').check();
  await cp.getByTestId('enrol-save').click();
  const programme = cp.getByTestId('programme-transplant');
  await expect(programme).toContainText('移植中心尚未制定随访计划');
  const residentPage = new URL(cp.url()).hash;

  // The transplant centre's specialist finds the shared resident and sets the plan.
  const transplant = await openDesk(browser, 'spec03');
  const tp = transplant.page;
  await tp.evaluate((hash) => (location.hash = hash), residentPage);
  await expect(tp.getByTestId('patient-name')).toHaveText(name, { timeout: 30_000 });
  const shared = tp.getByTestId('programme-transplant');
  await shared.getByTestId('plan-set').click();
  await tp.getByRole('checkbox', { name: '他克莫司血药浓度' }).check();
  await tp.getByTestId('plan-instructions').fill('每次随访查血常规、肝肾功能及他克莫司谷浓度');
  await tp.getByTestId('plan-save').click();
  await expect(shared.getByTestId('plan-revision')).toHaveText('第 1 版');
  // No result from the centre yet.
  await expect(tp.getByTestId('patient-results').getByTestId('result-row')).toHaveCount(0);

  // The community centre sees the plan after sync, and records a blood count for the programme.
  await expect(programme.getByTestId('plan-tests-list')).toContainText('他克莫司血药浓度', {
    timeout: 30_000,
  });
  await programme.getByTestId('programme-record-result').click();
  await expect(cp.getByTestId('lab-enrolment')).toHaveValue(/.+/);
  await cp.getByTestId('lab-value-wbc').fill('2.1');
  await cp.getByTestId('lab-value-hb').fill('118');
  await cp.getByTestId('lab-value-plt').fill('95');
  await cp.getByTestId('lab-save').click();
  await expect(cp.getByTestId('patient-results').getByTestId('result-row')).toHaveCount(1);

  // The specialist sees the new result after sync, flagged as the centre entered it.
  const results = tp.getByTestId('patient-results');
  await expect(results.getByTestId('result-row')).toHaveCount(1, { timeout: 30_000 });
  await expect(results.getByTestId('result-wbc')).toContainText('2.1 10^9/L');
  await expect(results.getByTestId('result-wbc')).toContainText('偏低');

  // The specialist revises the plan: monthly visits in the first year, with the reason.
  await shared.getByTestId('plan-revise').click();
  await tp.getByTestId('plan-intervalMonths-0').fill('1');
  await tp.getByTestId('plan-save').click();
  await expect(tp.getByTestId('plan-reason-error')).toBeVisible();
  await tp.locator('input[data-testid="plan-reason"]').fill(revisionReason);
  await tp.getByTestId('plan-save').click();
  await expect(shared.getByTestId('plan-revision')).toHaveText('第 2 版');
  await expect(shared.getByTestId('plan-phases')).toContainText('第 0–12 个月：每 1 个月一次');

  // The community centre sees the revised plan after sync, with its reason.
  await expect(programme.getByTestId('plan-revision')).toHaveText('第 2 版', { timeout: 30_000 });
  await expect(programme.getByTestId('transplant-plan')).toContainText(revisionReason);
  await expect(programme.getByTestId('plan-phases')).toContainText('每 1 个月一次');

  // The centre records and signs the visit due at month 3. Its next date is the plan's next one,
  // month 4 of the revised plan (not 3 months on).
  await cp.evaluate((hash) => (location.hash = hash), residentPage);
  await programme.getByTestId('window-m3').getByTestId('window-record').click();
  await expect(cp.getByTestId('followup-editor')).toBeVisible();
  const monthFour = addMonths(transplantDate, 4);
  await expect(cp.getByTestId('followup-next-date')).toHaveValue(monthFour);
  await cp.getByTestId('vital-systolic').fill('126');
  await cp.getByTestId('vital-diastolic').fill('78');
  await cp.getByTestId('enc-sign').click();
  await cp.getByTestId('enc-sign-confirm').click();
  await expect(cp.getByTestId('enc-status')).toContainText('已签名');
  await expect(cp.getByTestId('followup-view-next')).toContainText(`常规随访，下次随访 ${monthFour}`);

  // The specialist sees the signed visit after sync: listed, month 3 done, and it opens.
  const visitRow = tp.getByTestId('clinical-encounter');
  await expect(visitRow).toHaveCount(1, { timeout: 30_000 });
  await expect(visitRow).toContainText('已签名');
  await expect(shared.getByTestId('window-m3')).toHaveAttribute('data-status', 'done');
  await visitRow.getByRole('link').click();
  await expect(tp.getByTestId('followup-view-next')).toContainText(`下次随访 ${monthFour}`);

  // The other hospital, synced all along, holds nothing of the resident.
  await searchResident(other.page);
  await expect(other.page.getByRole('cell', { name })).toHaveCount(0);
  await other.page.evaluate((hash) => (location.hash = hash), residentPage);
  await expect(other.page.getByText('找不到这份档案')).toBeVisible();
  await expect(other.page.getByTestId('patient-name')).toHaveCount(0);

  for (const desk of [other, centre, transplant]) await desk.context.close();
});
