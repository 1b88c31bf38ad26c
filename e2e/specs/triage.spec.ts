/**
 * The nurse's station (预检分诊) against a real platform: a nurse queues a walk-in, takes her
 * vitals and chief complaint from the Today queue (with the consultation's hints), and the queue
 * shows the triage done; she is offered no consultation. At the doctor's desk the visit's
 * consultation starts with the nurse's values, marked as hers (name and time), until the doctor
 * changes one. Outside a visit, the nurse records a weight that joins the resident's measurements.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { openDesk, registerResident } from '../steps';

const body = '31011519780315042';
const id = body + checkCharacter(body);
const name = '周桂兰';

test('a nurse’s triage reaches the doctor’s consultation as hers', async ({ browser }) => {
  // Two desks on a busy machine, each signing in and syncing.
  test.setTimeout(120_000);
  const nurse = await openDesk(browser, 'nurse01');
  const { page } = nurse;
  await registerResident(page, { id, name });
  // The nurse keeps no consultation: the resident's page offers none.
  await expect(page.getByTestId('patient-measurements')).toBeVisible();
  await expect(page.getByTestId('enc-new')).toHaveCount(0);

  await page.getByRole('menuitem', { name: '今日就诊' }).click();
  await page.getByTestId('today-add-walkin').click();
  await page.getByTestId('walkin-search').fill(id.slice(-6));
  await page.getByTestId('walkin-result').filter({ hasText: name }).click();
  const row = page.getByTestId('queue-row').filter({ hasText: name });
  await expect(row.getByTestId('triage-pending')).toHaveText('待分诊');
  await expect(row.getByTestId('queue-call')).toBeDisabled();

  // Triage from the queue: the complaint first, then the vitals with the consultation's hints.
  await row.getByTestId('queue-triage-open').click();
  await expect(page.getByTestId('triage-card')).toContainText(name);
  await expect(page.getByTestId('triage-complaint')).toBeFocused();
  await page.getByTestId('triage-complaint').fill('头晕三天');
  await page.getByTestId('vital-systolic').fill('152');
  await page.getByTestId('vital-diastolic').fill('94');
  await page.getByTestId('vital-heartRate').fill('82');
  await page.getByTestId('vital-temperature').fill('36.7');
  await page.getByTestId('vital-spo2').fill('93');
  await expect(page.getByTestId('enc-bp-hint')).toContainText('1级');
  await expect(page.getByTestId('enc-spo2-hint')).toContainText('偏低');
  // The walk-in's notice has gone, so the screenshot shows the screen alone.
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/triage.png' });
  // Enter saves, as the keyboard expects.
  await page.getByTestId('vital-spo2').press('Enter');
  await expect(page.getByTestId('triage-card')).toHaveCount(0);

  await page.getByRole('menuitem', { name: '今日就诊' }).click();
  const done = row.getByTestId('triage-done');
  await expect(done).toContainText('已分诊：李秀梅');
  const time = /\d{1,2}:\d{2}/.exec((await done.textContent()) ?? '')?.[0];
  expect(time).toBeTruthy();

  // The doctor's desk: once the triage has arrived, calling the patient opens a consultation
  // that starts with the nurse's values, marked as hers.
  const doctor = await openDesk(browser, 'doc01');
  const dp = doctor.page;
  await dp.getByRole('menuitem', { name: '今日就诊' }).click();
  const doctorRow = dp.getByTestId('queue-row').filter({ hasText: name });
  // Observations reach other desks by a pull every few seconds (shared/sync/collections.ts).
  await expect(doctorRow.getByTestId('triage-done')).toContainText('李秀梅', { timeout: 20_000 });
  await doctorRow.getByTestId('queue-call').click();
  await expect(dp).toHaveURL(/#\/encounters\//);
  await expect(dp.getByTestId('enc-chief-complaint')).toHaveValue('头晕三天');
  await expect(dp.getByTestId('vital-systolic')).toHaveValue('152');
  await expect(dp.getByTestId('vital-spo2')).toHaveValue('93');
  const taken = dp.getByTestId('enc-triage-vitals');
  await expect(taken).toContainText('李秀梅');
  await expect(taken).toContainText(time!);
  await expect(taken).toContainText('收缩压');
  await expect(dp.getByTestId('enc-triage-complaint')).toContainText(`李秀梅，`);
  // A value the doctor changes is the doctor's.
  await dp.getByTestId('vital-systolic').fill('148');
  await expect(taken).not.toContainText('收缩压');
  await expect(taken).toContainText('舒张压');

  // Outside a visit: a weight joins the resident's measurements, with the triage.
  await page.getByRole('link', { name }).click();
  await page.getByTestId('vitals-record').click();
  await expect(page.getByTestId('patient-vitals-page')).toBeVisible();
  await page.getByTestId('vital-weight').fill('61.5');
  await page.getByTestId('vitals-save').click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);
  const measurements = page.getByTestId('measurement-row');
  await expect(measurements).toHaveCount(2);
  await expect(measurements.first()).toContainText('日常测量');
  await expect(measurements.first()).toContainText('61.5');
  await expect(measurements.nth(1)).toContainText('就诊分诊');

  await doctor.context.close();
  await nurse.context.close();
});
