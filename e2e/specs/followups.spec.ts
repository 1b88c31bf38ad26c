/**
 * The main flow against a real platform: a family doctor signs a contract with a resident,
 * enrols her in hypertension care, and records follow-up visits started from a consultation (its
 * blood pressure carried over, not typed twice). An unsatisfactory visit computes a revisit in two
 * weeks; the second one in a row prompts a referral with the reason filled in; a reading of
 * 182/100 stops the form with the red urgent-referral prompt until the doctor refers now. When the
 * desk's and the platform's clocks pass the next due date together, the resident appears on the
 * overdue worklist; the panorama shows the blood-pressure chart with the visits (screenshot).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { platformUrl } from '../ports';
import { demoPassword, signIn } from '../session';
import { registerResident } from '../steps';

const body = '11010519700312046';
const id = body + checkCharacter(body);
const name = '吴秀英';

/** A date `days` after now by the desk's calendar (Asia/Shanghai, as the config sets). */
const dayFromNow = (days: number, from = Date.now()) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(from + days * 86_400_000));

/** Signs the follow-up visit open on the page and waits for the signed view. */
async function sign(page: Page) {
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await expect(page.getByTestId('enc-status')).toContainText('已签名');
  await expect(page.getByTestId('followup-view')).toBeVisible();
}

/** Back to the consultation the visits start from, and a new follow-up visit from it. */
async function followUpFromConsultation(page: Page, consultation: string) {
  await page.evaluate((hash) => (window.location.hash = hash), `#/encounters/${consultation}`);
  await page.getByTestId('followup-start').click();
  await expect(page.getByTestId('followup-editor')).toBeVisible();
}

// The platform's clock moved on here must not outlive the test: the specs after it expect the
// platform's today to be the desks' today.
test.afterEach(async ({ request }) => {
  const reset = await request.post(`${platformUrl}/v1/test/clock`, { data: { reset: true } });
  expect(reset.ok()).toBe(true);
});

test('contract, enrolment, follow-up visits, urgent referral, overdue list and panorama', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page, 'doc01');
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台');
  await registerResident(page, { id, name, mobile: '13812345678' });

  // A family-doctor contract, signed at the desk.
  await page.getByTestId('contract-sign').click();
  await expect(page.getByTestId('contract-form')).toBeVisible();
  await page.getByTestId('contract-populationTypes').getByRole('checkbox', { name: '高血压' }).check();
  await page
    .getByTestId('contract-packages')
    .getByRole('checkbox', { name: /基础服务包/ })
    .check();
  await page.getByTestId('contract-save').click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);
  await expect(page.getByTestId('contract-status').first()).toContainText('生效');

  // Enrolment in hypertension care.
  await page.getByTestId('programme-enrol').click();
  await page.getByRole('radio', { name: '高血压患者健康管理' }).check();
  await page.getByTestId('enrol-save').click();
  const programme = page.getByTestId('programme-hypertension');
  await expect(programme.getByTestId('programme-status')).toHaveText('管理中');

  // A consultation with a raised blood pressure; the follow-up starts from it.
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  const consultation = /#\/encounters\/([^/?]+)/.exec(page.url())![1]!;
  await page.getByTestId('vital-systolic').fill('150');
  await page.getByTestId('vital-diastolic').fill('95');
  await expect(page.getByTestId('enc-autosave')).toContainText('已自动保存');
  await page.getByTestId('followup-start').click();

  // Visit 1: the vitals came over; first unsatisfactory → revisit within two weeks.
  await expect(page.getByTestId('followup-editor')).toBeVisible();
  await expect(page.getByTestId('vital-systolic')).toHaveValue('150');
  await expect(page.getByTestId('vital-diastolic')).toHaveValue('95');
  await expect(page.getByTestId('followup-target')).toContainText('140/90');
  await expect(page.getByTestId('followup-classification-computed')).toHaveText('系统判定：控制不满意');
  await expect(page.getByTestId('followup-next-step')).toContainText('第1次控制不满意2周随访');
  const twoWeeks = dayFromNow(14, await page.evaluate(() => Date.now()));
  await expect(page.getByTestId('followup-next-date')).toHaveValue(twoWeeks);
  await page.getByTestId('followup-symptoms').getByRole('checkbox', { name: '头痛头晕' }).check();
  await page.getByTestId('followup-adherence').getByText('间断').click();
  await page.getByTestId('followup-medication-advice').fill('氨氯地平加量至 10 mg，每日一次');
  await page.getByTestId('followup-resident-confirmed').check();
  await sign(page);
  await expect(page.getByTestId('followup-view-classification')).toContainText('控制不满意');
  await expect(page.getByTestId('followup-view-next')).toContainText(
    `第1次控制不满意2周随访，下次随访 ${twoWeeks}`,
  );

  // Visit 2: unsatisfactory again → referral prompt, the referral's reason filled in.
  await followUpFromConsultation(page, consultation);
  await expect(page.getByTestId('vital-systolic')).toHaveValue('150');
  const prompt = page.getByTestId('followup-referral-prompt');
  await expect(prompt).toContainText('建议转诊');
  await expect(prompt).toContainText('连续两次控制不满意');
  await expect(page.getByTestId('followup-next-step')).toContainText('两次控制不满意转诊随访');
  await expect(page.getByTestId('followup-referral-reason')).toHaveValue('连续两次控制不满意');
  await page.getByTestId('followup-referral-institution').fill('区第二人民医院');
  await page.getByTestId('followup-referral-department').fill('心内科');
  await sign(page);
  await expect(page.getByTestId('followup-view-referral')).toContainText('区第二人民医院');

  // Visit 3: 182/100 stops the form with the urgent prompt; signing waits for "refer now".
  await followUpFromConsultation(page, consultation);
  await page.getByTestId('vital-systolic').fill('182');
  await page.getByTestId('vital-diastolic').fill('100');
  const urgent = page.getByTestId('followup-urgent');
  await expect(urgent).toContainText('紧急转诊：请立即转诊');
  await expect(urgent).toContainText('收缩压≥180 mmHg');
  await expect(page.getByTestId('followup-section-lifestyle')).toHaveCount(0);
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await expect(page.getByTestId('enc-sign-errors')).toContainText('请先点击“立即转诊”');
  await expect(page.getByTestId('enc-status')).not.toContainText('已签名');
  await urgent.getByTestId('followup-urgent-refer').click();
  await expect(page.getByTestId('followup-referral-reason')).toHaveValue('紧急转诊：收缩压≥180 mmHg');
  await expect(page.getByTestId('followup-next-step')).toContainText('紧急转诊');
  await expect(page.getByTestId('followup-section-lifestyle')).toBeVisible();
  await sign(page);
  await expect(page.getByTestId('followup-view-urgent')).toContainText('收缩压≥180 mmHg');

  // Nothing is overdue yet; sixteen days on (desk and platform together) the next visit is.
  await page.getByRole('menuitem', { name: '随访工作单' }).click();
  await page.getByTestId('worklist-tab-overdue').click();
  await expect(page.getByTestId('worklist-row').filter({ hasText: name })).toHaveCount(0);
  const moved = await page.request.post(`${platformUrl}/v1/test/clock`, {
    data: { advanceMs: 16 * 86_400_000 },
  });
  expect(moved.ok()).toBe(true);
  await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + 16 * 86_400_000);
  // The platform's sign-in has lapsed by then: the desk locks and the doctor unlocks it.
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible({ timeout: 30_000 });
  await lock.getByLabel('密码').fill(demoPassword);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('operator')).toBeVisible();
  await page.getByRole('menuitem', { name: '随访工作单' }).click();
  await page.getByTestId('worklist-tab-overdue').click();
  await expect(page.getByTestId('worklist-row').filter({ hasText: name })).toHaveCount(1);

  // The panorama: the blood-pressure chart with the three visits.
  await page.getByTestId('worklist-row').filter({ hasText: name }).getByTestId('worklist-name').click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);
  await page.getByTestId('panorama-open').click();
  await expect(page.getByTestId('panorama-chart-bp')).toHaveAttribute('data-drawn', 'true');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/panorama.png', fullPage: true });
  await context.close();
});
