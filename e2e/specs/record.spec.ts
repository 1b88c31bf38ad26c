/**
 * The outpatient record as a reviewer checks it, against a real platform: a first visit cannot be
 * signed until the fields 病历书写基本规范 asks for are there (named beside the sign button); a
 * second 新建门诊病历 reopens the same draft, and a draft never signed can be discarded; the BP hint
 * sits under the pressure inputs without pushing the heart rate out of their row; a glucose above
 * the meter's range saves with a warning. A second doctor's amendment is an addendum in their name
 * that keeps the author and the visit time, and while it is a draft the resident's page still
 * shows the signed visit with a marker.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { openDesk, openResident as findResident, registerResident } from '../steps';

const body = '11010519600412003';
const id = body + checkCharacter(body);
const name = '孙建平';
const resident = { id, name, mobile: '13812340003' };

/** The resident's profile, with the consultations listed. */
async function openResident(page: Page) {
  await findResident(page, resident);
  await expect(page.getByTestId('clinical-history')).toBeVisible();
}

test('a complete first visit, one draft at a time, and a colleague’s addendum', async ({
  browser,
}, testInfo) => {
  const doctor = await openDesk(browser, 'doc01');
  const { page } = doctor;
  await registerResident(page, resident);

  // 新建门诊病历 twice opens the same draft; a discarded draft is gone from the chart.
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  const firstDraft = page.url();
  await expect(page.getByTestId('enc-sign-missing')).toHaveText(
    '签名前需填写：主诉、现病史、体格检查、诊断、处理',
  );
  await page.goBack();
  await expect(page.getByTestId('clinical-encounter')).toHaveCount(1);
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(firstDraft);
  await page.getByTestId('enc-discard').click();
  await page.getByTestId('enc-discard-confirm').click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);
  await expect(page.getByTestId('clinical-encounter')).toHaveCount(0);

  await page.getByTestId('enc-new').click();
  await expect(page).not.toHaveURL(firstDraft);
  await page.getByTestId('enc-chief-complaint').fill('头晕一周');
  // Signing an incomplete first visit names what is missing.
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await expect(page.getByTestId('enc-sign-errors')).toContainText('现病史：必填');
  await expect(page.getByTestId('enc-sign-errors')).toContainText('体格检查：必填');
  await page.getByTestId('enc-present-history').fill('一周来晨起头晕，无胸痛、无肢体麻木');

  // The BP hint goes under the inputs: heart rate stays in the row of the pressures.
  await page.getByTestId('vital-systolic').fill('152');
  await page.getByTestId('vital-diastolic').fill('96');
  await page.getByTestId('vital-heartRate').fill('78');
  await expect(page.getByTestId('enc-bp-hint')).toContainText('1级');
  const systolicBox = await page.getByTestId('vital-systolic').boundingBox();
  const heartRateBox = await page.getByTestId('vital-heartRate').boundingBox();
  expect(Math.abs((heartRateBox?.y ?? 0) - (systolicBox?.y ?? -100))).toBeLessThan(2);
  const hintBox = await page.getByTestId('enc-bp-hint').boundingBox();
  expect(hintBox!.y).toBeGreaterThan(systolicBox!.y + systolicBox!.height);

  // A glucose above the meter's range is kept, with a warning.
  await page.getByTestId('vital-glucose').fill('35.2');
  await expect(page.getByTestId('vital-glucose-warning')).toContainText('高于血糖仪量程');
  await page.getByTestId('vitals-fields').screenshot({ path: testInfo.outputPath('vitals.png') });
  await page.getByTestId('enc-physical-exam').fill('神清，心肺听诊无异常，双下肢无水肿');
  await page.getByTestId('diagnosis-search').fill('I10');
  await page.getByTestId('diagnosis-option').first().click();
  await page.getByTestId('enc-plan').fill('复查血糖，调整降压治疗');
  await expect(page.getByTestId('enc-sign-missing')).toHaveCount(0);
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await expect(page.getByTestId('enc-status')).toContainText('已签名');
  await expect(page.getByTestId('enc-view-vitals')).toContainText('血糖 35.2 mmol/L');
  await expect(page.getByTestId('enc-view-physicalExam')).toHaveText('神清，心肺听诊无异常，双下肢无水肿');
  const visitAt = await page.getByTestId('enc-visit-at').textContent();
  const recordUrl = page.url();
  await expect(page.getByTestId('enc-prescriptions')).toContainText('本次就诊尚未开处方');

  // A colleague amends it: an addendum in their name; the visit keeps its time.
  const colleague = await openDesk(browser, 'doc02');
  await expect(async () => {
    await openResident(colleague.page);
    await expect(colleague.page.getByTestId('clinical-encounter')).toContainText('已签名', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await colleague.page.getByTestId('clinical-encounter').getByRole('link').click();
  await colleague.page.getByTestId('enc-amend').click();
  await colleague.page.getByTestId('enc-amend-reason').fill('补充辅助检查结果');
  await colleague.page.getByTestId('enc-amend-confirm').click();
  await expect(colleague.page.getByTestId('enc-addendum')).toHaveText('补充记录：刘文静（非原接诊医生）');
  await expect(colleague.page.getByText('接诊医生：张建国')).toBeVisible();
  await expect(colleague.page.getByTestId('enc-visit-at')).toHaveText(visitAt ?? '');
  await expect(colleague.page.getByTestId('enc-amended-at')).toBeVisible();
  await colleague.page.getByTestId('enc-auxiliary-exams').fill('血常规（外院带入）：WBC 6.1×10⁹/L');
  await expect(colleague.page.getByTestId('enc-autosave')).toContainText('已自动保存');

  // The resident's page still shows the signed visit, marked while the amendment is a draft.
  await openResident(colleague.page);
  const row = colleague.page.getByTestId('clinical-encounter');
  await expect(row).toContainText('已签名');
  await expect(row).not.toContainText('第 2 版');
  await expect(row.getByTestId('clinical-pending-amendment')).toHaveText('修订草稿未签名');

  await doctor.page.goto(recordUrl);
  await expect(doctor.page.getByTestId('enc-status')).toContainText('已签名');
  await doctor.context.close();
  await colleague.context.close();
});
