/**
 * A family doctor's core hour against a real platform: a walk-in is called from the queue, the
 * consultation gets vitals and two diagnoses and is signed; six drugs become two slips (at most
 * five per slip), which are signed and printed. The page as printed is read back as a PDF with
 * poppler: the patient, every drug, 以下空白 and the 儿科 label (the patient is eight) are there,
 * and the CJK font is embedded. A nurse's desk then sees the signed record and both slips after sync.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { platformUrl } from '../ports';
import { demoPassword } from '../session';
import { openDesk, openResident, registerResident } from '../steps';

const body = '12010620180315002';
const id = body + checkCharacter(body);
const name = '钱小朵';
const resident = { id, name, mobile: '13812340001' };
const drugs = [
  '阿莫西林颗粒',
  '盐酸氨溴索口服溶液',
  '小儿氨酚黄那敏颗粒',
  '蒙脱石散',
  '孟鲁司特钠咀嚼片',
  '氯雷他定糖浆',
];

test('walk-in → signed consultation → six drugs on two signed slips → PDF; another desk sees it all', async ({
  browser,
}, testInfo) => {
  // Two desks, three PDFs and the audit verification (a bundle built and run) on a busy machine.
  test.setTimeout(180_000);
  const doctor = await openDesk(browser, 'doc01');
  const { page } = doctor;
  await registerResident(page, resident);

  // The queue: a walk-in, called in by the doctor.
  await page.getByRole('menuitem', { name: '今日就诊' }).click();
  await page.getByTestId('today-add-walkin').click();
  await page.getByTestId('walkin-search').fill(id.slice(-6));
  await page.getByTestId('walkin-result').filter({ hasText: name }).click();
  const row = page.getByTestId('queue-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await row.getByTestId('queue-call').click();
  await expect(page).toHaveURL(/#\/encounters\//);

  // The consultation.
  await page.getByTestId('enc-chief-complaint').fill('发热、咳嗽两天');
  await page.getByTestId('enc-present-history').fill('两天前受凉后发热，最高38.5℃，伴咳嗽少痰');
  await page.getByTestId('vital-temperature').fill('38.2');
  await page.getByTestId('vital-heartRate').fill('104');
  await page.getByTestId('vital-weight').fill('25');
  await page.getByTestId('vital-height').fill('125');
  await expect(page.getByTestId('enc-bmi')).toContainText('16');
  // Eight years old: the value, and no adult BMI band.
  await expect(page.getByTestId('enc-bmi-child')).toHaveText('儿童按年龄/性别参考值');
  await expect(page.getByTestId('enc-bmi-band')).toHaveCount(0);
  await page.getByTestId('enc-physical-exam').fill('咽部充血，双肺呼吸音粗，未闻及湿啰音');
  for (const code of ['J06.9', 'J20.9']) {
    await page.getByTestId('diagnosis-search').fill(code);
    await page.getByTestId('diagnosis-option').first().click();
  }
  await expect(page.getByTestId('diagnosis-item')).toHaveCount(2);
  await page.getByTestId('enc-plan').fill('对症治疗，多饮水，三天后复诊');
  await expect(page.getByTestId('enc-autosave')).not.toBeEmpty();
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await expect(page.getByTestId('enc-status')).toContainText('已签名');

  // Six drugs: the builder says they need two slips.
  await page.getByTestId('enc-prescribe').click();
  for (const drug of drugs) {
    await page.getByTestId('rx-drug-search').fill(drug);
    await page.getByTestId('rx-drug-option').filter({ hasText: drug }).first().click();
  }
  await expect(page.getByTestId('rx-item')).toHaveCount(6);
  await expect(page.getByTestId('rx-error')).toHaveCount(0);
  await expect(page.getByTestId('rx-slip-count')).toContainText('2');
  await page.getByTestId('rx-fee-category').click();
  await page.locator('.ant-select-item-option[title="居民医保"]').click();
  await page.getByTestId('rx-create').click();
  await expect(page).toHaveURL(/#\/prescriptions\//);
  await expect(page.getByTestId('rx-slip')).toHaveCount(2);
  await page.getByTestId('rx-sign').click();
  await page.getByTestId('rx-sign-confirm').click();
  for (const status of await page.getByTestId('rx-status').all())
    await expect(status).toContainText('已签名');

  // Print. The browser's own print dialog cannot be driven headless, so Chromium's print-to-PDF of
  // the page as it stands (the same printToPDF Electron's main process calls) stands in for the
  // paper that comes out; the doctor confirms it did, and the app records the print on each slip.
  const pdf = testInfo.outputPath('prescription.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.getByTestId('print-to-printer').click();
  await page.getByTestId('print-confirm-yes').click();
  for (const count of await page.getByTestId('rx-print-count').all()) await expect(count).toContainText('1');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  for (const expected of [name, ...drugs, '以下空白', '儿科', '居民医保']) expect(text).toContain(expected);
  expect(text.match(/以下空白/g)).toHaveLength(2);
  expect(text).not.toContain('副本');
  expect(text).not.toContain(id);
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
  expect(fonts.length).toBeGreaterThan(0);
  // Columns: name, type, encoding, emb, sub, uni, object, ID — every font embedded.
  for (const font of fonts) expect(font).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
  // Printed again, each slip is marked as a copy.
  const reprint = testInfo.outputPath('reprint.pdf');
  await page.pdf({ path: reprint, preferCSSPageSize: true, printBackground: true });
  expect(execFileSync('pdftotext', [reprint, '-'], { encoding: 'utf8' }).match(/副本/g)).toHaveLength(2);
  // In English for this print: the slip's words and the drugs' names change with it.
  await page.getByTestId('print-language').click();
  await page.locator('.ant-select-item-option[title="English"]').click();
  const english = testInfo.outputPath('english.pdf');
  await page.pdf({ path: english, preferCSSPageSize: true, printBackground: true });
  const englishText = execFileSync('pdftotext', [english, '-'], { encoding: 'utf8' });
  for (const expected of ['Amoxicillin Granules', 'Montmorillonite Powder', 'Blank below', 'COPY'])
    expect(englishText).toContain(expected);
  mkdirSync('docs/screenshots', { recursive: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '110',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    'docs/screenshots/prescription-slip',
  ]);

  // A nurse's desk of the same centre: the signed record and both slips arrive by sync.
  const nurse = await openDesk(browser, 'nurse01');
  await expect(async () => {
    await openResident(nurse.page, resident);
    await expect(nurse.page.getByTestId('clinical-encounter')).toContainText('已签名', { timeout: 2000 });
    await expect(nurse.page.getByTestId('clinical-prescription')).toHaveCount(2, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });

  // The platform's own audit trail is intact after all of it, and reaches the furthest head the
  // doctor's desk was sent (`npm run audit:verify` as an admin, against the running platform).
  const head = await page.evaluate(() => localStorage.getItem('clinicdesk.auditHead'));
  expect(head).toMatch(/^\d+\.[0-9a-f]{64}\.[0-9a-f]{64}$/);
  const verdict = execFileSync(
    'npm',
    ['run', '--silent', 'audit:verify', '--', '--url', platformUrl, '--head', head!],
    {
      encoding: 'utf8',
      env: { ...process.env, CLINICDESK_AUDIT_USERNAME: 'admin01', CLINICDESK_AUDIT_PASSWORD: demoPassword },
    },
  );
  expect(verdict).toContain('Audit chain intact');
  expect(verdict).toContain('Signed heads checked');

  await doctor.context.close();
  await nurse.context.close();
});
