/**
 * A centre doctor enrols a resident in hypertension care from the resident page (a draft of the
 * form survives a reload), sees the first due window, moves its due date with a reason, enters a
 * blood count with values flagged low against the ranges for his sex and a result from another hospital that must name it, and
 * records the resident as moved away. A transplant enrolment asks for the resident's consent to
 * share with the transplant centre before it is saved.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { demoPassword } from '../session';
import { openDesk, registerResident } from '../steps';

const body = '31011519620714031';
const id = body + checkCharacter(body);
const name = '钱志明';

/** A date `days` from now on the desk's calendar (Asia/Shanghai, as the config sets). */
const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

async function unlockAfterReload(page: Page) {
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await lock.getByLabel('密码').fill(demoPassword);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('operator')).toBeVisible();
}

test('a doctor enrols a resident, moves a due date, enters results and records leaving', async ({
  browser,
}) => {
  // One desk, many saves and a reload on a machine shared with other runs.
  test.setTimeout(240_000);
  const { page } = await openDesk(browser, 'doc01');
  await registerResident(page, { id, name });
  const card = page.getByTestId('patient-programmes');
  await expect(card).toContainText('尚未纳入任何管理项目');

  // Enrol in hypertension care: the choice survives a reload as a draft.
  await card.getByTestId('programme-enrol').click();
  await page.getByRole('radio', { name: '高血压患者健康管理' }).check();
  await expect(page.getByTestId('draft-kept')).toBeVisible();
  await page.reload();
  await unlockAfterReload(page);
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByRole('radio', { name: '高血压患者健康管理' })).toBeChecked();

  // A transplant enrolment is refused without its date and the resident's consent, beside them;
  // only a tertiary hospital is offered as the transplant centre.
  await page.getByRole('radio', { name: '造血干细胞移植后随访' }).check();
  await expect(
    page.getByTestId('enrol-transplant-org').locator('option', { hasText: '区第二人民医院' }),
  ).toHaveCount(0);
  await page.getByTestId('enrol-transplant-org').selectOption({ label: '市血液病医院' });
  await page.getByTestId('enrol-save').click();
  await expect(page.getByTestId('enrol-consent-error')).toHaveText('须取得居民同意后才能与移植中心共享');
  await expect(page.getByTestId('enrol-transplant-date-error')).toHaveText('请填写此项');
  await page.getByRole('radio', { name: '高血压患者健康管理' }).check();
  await page.getByTestId('enrol-save').click();

  // The first visit is due two weeks after enrolment.
  const section = page.getByTestId('programme-hypertension');
  await expect(section.getByTestId('programme-status')).toHaveText('管理中');
  const first = section.getByTestId('window-v1');
  await expect(first.getByTestId('window-status')).toHaveText('未到期');
  await expect(first.getByTestId('window-due')).toHaveText(dayFromNow(14).replaceAll('-', '/'));
  // Enrolled already: the programme cannot be chosen twice.
  await card.getByTestId('programme-enrol').click();
  await expect(page.getByRole('radio', { name: '高血压患者健康管理' })).toBeDisabled();
  await page.getByTestId('enrol-cancel').click();

  // Move the due date: the reason is required, then the window shows it as moved.
  await first.getByTestId('window-edit-due').click();
  await page.getByTestId('due-date').fill(dayFromNow(30));
  await page.getByTestId('due-save').click();
  await expect(page.getByTestId('due-reason-error')).toHaveText('请填写此项');
  await page.getByTestId('due-reason').fill('患者外出务工，返乡后随访');
  await page.getByTestId('due-reason').press('Enter');
  await expect(first.getByTestId('window-due')).toHaveText(dayFromNow(30).replaceAll('-', '/'));
  await expect(first.getByTestId('window-moved')).toContainText('患者外出务工');

  // A blood count for the programme: a low WBC is flagged as it is typed.
  await section.getByTestId('programme-record-result').click();
  await expect(page.getByTestId('lab-enrolment')).toHaveValue(/.+/);
  await page.getByTestId('lab-value-wbc').fill('2.1');
  await page.getByTestId('lab-value-hb').fill('128');
  await page.getByTestId('lab-value-plt').fill('180');
  await expect(page.getByTestId('lab-flag-wbc')).toHaveText('↓ 偏低');
  // Hb 128 g/L is low for a man (his range starts at 130); the platelets are within range.
  await expect(page.getByTestId('lab-ref-low-hb')).toHaveValue('130');
  await expect(page.getByTestId('lab-flag-hb')).toHaveText('↓ 偏低');
  await expect(page.getByTestId('lab-flag-plt')).toHaveCount(0);
  await page.getByTestId('lab-save').click();
  const results = page.getByTestId('patient-results');
  await expect(results.getByTestId('result-row')).toHaveCount(1);
  await expect(results.getByTestId('result-wbc')).toContainText('2.1 10^9/L');
  await expect(results.getByTestId('result-wbc')).toContainText('偏低');

  // Glucose brought from another hospital in mg/dL: converted as typed; the hospital must be named.
  await results.getByTestId('results-record').click();
  await page.getByTestId('lab-panel').selectOption('glucose');
  await page.getByTestId('lab-unit-fbg').selectOption('mg/dL');
  await page.getByTestId('lab-value-fbg').fill('126');
  await expect(page.getByTestId('lab-converted-fbg')).toHaveText('换算为 7 mmol/L');
  await expect(page.getByTestId('lab-flag-fbg')).toHaveText('↑ 偏高');
  await page.getByRole('radio', { name: '外院检验' }).check();
  await page.getByTestId('lab-save').click();
  await expect(page.getByTestId('lab-source-name-error')).toHaveText('外院检验请填写检验机构');
  await page.getByTestId('lab-source-name').fill('区第二人民医院');
  await page.getByTestId('lab-save').click();
  await expect(results.getByTestId('result-row')).toHaveCount(2);
  await expect(results.getByTestId('result-row').filter({ hasText: '血糖' })).toContainText('区第二人民医院');

  // Leaving: moved away. The programme is no longer active and shows among those left.
  await section.getByTestId('programme-leave').click();
  await page.getByRole('radio', { name: '迁出' }).check();
  await page.getByTestId('leave-save').click();
  await expect(page.getByTestId('programme-hypertension')).toHaveCount(0);
  await card.getByTestId('programme-show-left').click();
  await expect(section.getByTestId('programme-status')).toHaveText('已退出');
  await expect(section).toContainText('迁出');
});

const body2 = '31011519850302022';
const id2 = body2 + checkCharacter(body2);
const name2 = '孔秀英';

test('the transplant centre’s specialist sets the plan the community centre follows', async ({ browser }) => {
  // Two desks, each signing in and syncing.
  test.setTimeout(240_000);
  const centre = await openDesk(browser, 'doc01');
  const cp = centre.page;
  await registerResident(cp, { id: id2, name: name2 });
  await cp.getByTestId('programme-enrol').click();
  await cp.getByRole('radio', { name: '造血干细胞移植后随访' }).check();
  await cp.getByTestId('enrol-transplant-org').selectOption({ label: '市血液病医院' });
  await cp.getByTestId('enrol-transplant-date').fill(dayFromNow(-40));
  await cp.getByTestId('enrol-consent').check();
  await cp.getByTestId('enrol-save').click();
  const section = cp.getByTestId('programme-transplant');
  await expect(section.getByTestId('plan-none')).toBeVisible();
  // The centre carries the plan out but does not set it.
  await expect(section.getByTestId('plan-set')).toHaveCount(0);
  const residentPage = new URL(cp.url()).hash;

  // The hospital's specialist opens the shared resident once the platform has shared them.
  const hospital = await openDesk(browser, 'spec03');
  const hp = hospital.page;
  await hp.evaluate((hash) => (location.hash = hash), residentPage);
  await expect(hp.getByTestId('patient-name')).toHaveText(name2, { timeout: 30_000 });
  const shared = hp.getByTestId('programme-transplant');
  await shared.getByTestId('plan-set').click();
  await expect(hp.getByTestId('plan-visits')).toContainText('3、6、9、12、18');
  await hp.getByRole('checkbox', { name: '他克莫司血药浓度' }).check();
  await hp.getByTestId('plan-intervalMonths-0').fill('2');
  await hp.getByTestId('plan-instructions').fill('每次随访查血常规、肝肾功能及他克莫司谷浓度');
  await hp.getByTestId('plan-save').click();
  await expect(shared.getByTestId('plan-revision')).toHaveText('第 1 版');
  await expect(shared.getByTestId('plan-phases')).toContainText('第 0–12 个月：每 2 个月一次');

  // The centre sees the plan and the schedule it makes, after sync.
  await expect(section.getByTestId('plan-tests-list')).toContainText('他克莫司血药浓度', { timeout: 30_000 });
  await expect(section.getByTestId('window-m2')).toBeVisible();
});
