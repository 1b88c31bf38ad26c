/**
 * Prescribing safety at the desk, end to end against a real platform: a dose above the label
 * maximum (amlodipine 50 mg) cannot be saved until the doctor writes a reason and signs again with
 * their password (a cancelled or wrong password leaves it unconfirmed); amoxicillin typed by name
 * becomes the formulary drug and meets the resident's 氨苄西林 allergy as a penicillin, which stops
 * the slip until an override reason is written. The printed PDF (read back with pdftotext) carries
 * both reasons and "超剂量，已再次签名", and the slip links back to its consultation. When an
 * amendment then adds a diagnosis, the slip shows 诊断已修订, does not print, and is voided and
 * written again for the latest revision with the same lines.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { demoPassword, signIn } from '../session';
import { registerResident } from '../steps';

const body = '11010519850612003';
const id = body + checkCharacter(body);
const name = '孙立华';
const overdoseReason = '难治性高血压，三药联合仍未达标，已告知风险';
const allergyReason = '青霉素皮试阴性，既往使用阿莫西林无不良反应';

/** The password dialog of a second signature: cancel it, or answer it. */
async function answerReauth(page: Page, password: string | null) {
  const dialog = page.getByRole('dialog', { name: '超剂量：再次签名' });
  await expect(dialog).toBeVisible();
  if (password === null) return dialog.getByRole('button', { name: '取消' }).click();
  await dialog.getByLabel('密码').fill(password);
  await dialog.getByRole('button', { name: '确认' }).click();
}

/** Answers a sign or void password prompt if one comes up (a recent sign-in stands in for it). */
async function passPrompt(page: Page) {
  const dialog = page.getByRole('dialog').filter({ has: page.getByLabel('密码') });
  if (await dialog.isVisible().catch(() => false)) {
    await dialog.getByLabel('密码').fill(demoPassword);
    await dialog.getByRole('button', { name: '确认' }).click();
  }
}

/** Whitespace-free text, so a reason wrapped over two PDF lines still reads as one. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

test('an over-dose needs a reason and a second signature, an allergy an override; both print', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await signIn(page, 'doc01');

  // A resident with an ampicillin allergy.
  await registerResident(page, { id, name, mobile: '13812340021', allergies: ['氨苄西林'] });

  // A signed first visit.
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  const encounterUrl = page.url();
  await page.getByTestId('enc-chief-complaint').fill('头晕、血压控制不佳一月');
  await page
    .getByTestId('enc-present-history')
    .fill('规律服用三种降压药，家庭自测血压仍在 160/100 mmHg 左右');
  await page.getByTestId('vital-weight').fill('72');
  await page.getByTestId('enc-physical-exam').fill('神清，心肺听诊无异常，双下肢无水肿');
  await page.getByTestId('diagnosis-search').fill('I10');
  await page.getByTestId('diagnosis-option').first().click();
  await page.getByTestId('enc-plan').fill('调整降压方案，两周后复诊');
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await passPrompt(page);
  await expect(page.getByTestId('enc-status')).toContainText('已签名');
  await page.getByTestId('enc-prescribe').click();
  await expect(page).toHaveURL(/\/prescribe$/);

  // Amlodipine 50 mg: above the 10 mg maximum, not yet possible.
  await page.getByTestId('rx-drug-search').fill('氨氯地平');
  await page.getByTestId('rx-drug-option').filter({ hasText: '苯磺酸氨氯地平片' }).click();
  const amlodipine = page.getByTestId('rx-item').nth(0);
  await amlodipine.getByTestId('rx-dose').fill('50');
  await expect(amlodipine.getByTestId('rx-overdose')).toContainText('单次剂量超过说明书最大剂量 10 mg');
  await expect(page.getByTestId('rx-error')).toContainText(['剂量超过说明书最大剂量，须注明理由']);
  await expect(amlodipine.getByTestId('rx-overdose-confirm')).toBeDisabled();
  await amlodipine.getByTestId('rx-overdose-reason').fill(overdoseReason);
  await expect(page.getByTestId('rx-error')).toContainText(['超剂量须医师再次签名（输入密码）确认']);
  // Cancelled, then a wrong password: still unconfirmed.
  await amlodipine.getByTestId('rx-overdose-confirm').click();
  await answerReauth(page, null);
  await expect(amlodipine.getByTestId('rx-overdose-confirmed')).toHaveCount(0);
  await amlodipine.getByTestId('rx-overdose-confirm').click();
  await answerReauth(page, 'not-my-password');
  await expect(page.getByRole('dialog', { name: '超剂量：再次签名' }).getByRole('alert')).toBeVisible();
  await page.getByRole('dialog', { name: '超剂量：再次签名' }).getByLabel('密码').fill(demoPassword);
  await page.getByRole('dialog', { name: '超剂量：再次签名' }).getByRole('button', { name: '确认' }).click();
  await expect(amlodipine.getByTestId('rx-overdose-confirmed')).toHaveText('超剂量，已再次签名');

  // Lines typed here are not saved yet: leaving the page asks first, and staying keeps them.
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  const leave = page.getByRole('dialog', { name: '离开此页？' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: '留在此页' }).click();
  await expect(leave).toHaveCount(0);
  await expect(page).toHaveURL(/\/prescribe$/);
  await expect(amlodipine.getByTestId('rx-overdose-confirmed')).toHaveText('超剂量，已再次签名');

  // Amoxicillin typed by name becomes the formulary drug and meets the ampicillin allergy.
  await page.getByTestId('rx-drug-search').fill('阿莫西林胶囊');
  await page.getByTestId('rx-add-off-formulary').click();
  const amoxicillin = page.getByTestId('rx-item').nth(1);
  await expect(amoxicillin).toContainText('阿莫西林胶囊');
  await expect(amoxicillin).not.toContainText('目录外药品');
  await expect(amoxicillin.getByTestId('rx-allergy')).toContainText('与患者过敏史相符：氨苄西林');
  await expect(page.getByTestId('rx-error')).toContainText(['该药品与患者过敏史相符，须填写仍予开具的理由']);
  await page.getByTestId('rx-create').click();
  await expect(page).toHaveURL(/\/prescribe$/);
  await amoxicillin.getByTestId('rx-allergy-reason').fill(allergyReason);
  await expect(page.getByTestId('rx-error')).toHaveCount(0);

  await page.getByTestId('rx-create').click();
  await expect(page).toHaveURL(/#\/prescriptions\//);
  await expect(page.getByTestId('rx-slip-overdose')).toContainText(overdoseReason);
  await expect(page.getByTestId('rx-slip-allergy')).toContainText(allergyReason);
  await page.getByTestId('rx-sign').click();
  await page.getByTestId('rx-sign-confirm').click();
  await passPrompt(page);
  await expect(page.getByTestId('rx-status')).toContainText('已签名');

  const pdf = testInfo.outputPath('prescribing.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const text = squeeze(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
  for (const expected of [
    name,
    '苯磺酸氨氯地平片',
    '每次50mg',
    `超剂量，已再次签名；理由：${overdoseReason}`,
    '阿莫西林胶囊',
    `过敏史（氨苄西林）仍予开具；理由：${allergyReason}`,
    '以下空白',
  ])
    expect(text).toContain(squeeze(expected));
  expect(text.indexOf(squeeze(allergyReason))).toBeLessThan(text.indexOf('以下空白'));

  // The slip leads back to its consultation.
  const slipsUrl = page.url();
  await page.getByTestId('rx-slip-encounter').click();
  await expect(page).toHaveURL(encounterUrl);

  // An amendment adds a diagnosis: the slip no longer matches the signed record, so it is marked,
  // does not print, and is voided and written again for the latest revision.
  await page.getByTestId('enc-amend').click();
  await page.getByTestId('enc-amend-reason').fill('补充诊断');
  await page.getByTestId('enc-amend-confirm').click();
  await expect(page).not.toHaveURL(encounterUrl);
  await page.getByTestId('diagnosis-search').fill('E11.9');
  await page.getByTestId('diagnosis-option').first().click();
  await expect(page.getByTestId('diagnosis-item')).toHaveCount(2);
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await passPrompt(page);
  await expect(page.getByTestId('enc-status')).toContainText('已签名');
  const amendedUrl = page.url();

  await page.goto(slipsUrl);
  await expect(page.getByTestId('rx-slip-revised')).toHaveText('诊断已修订');
  await expect(page.getByTestId('rx-print-blocked')).toContainText('不能打印');
  await expect(page.getByTestId('print-to-pdf')).toHaveCount(0);
  await page.getByTestId('rx-reissue').click();
  await page.getByTestId('rx-reissue-confirm').click();
  await passPrompt(page);
  await expect(page).toHaveURL(`${amendedUrl}/prescribe`);
  await expect(page.getByTestId('rx-reissue')).toBeVisible();
  await expect(page.getByTestId('rx-item')).toHaveCount(2);
  // The over-dose needs its second signature again; the reasons are carried over.
  await expect(page.getByTestId('rx-overdose-reason')).toHaveValue(overdoseReason);
  await expect(page.getByTestId('rx-overdose-confirm')).toBeVisible();
  await expect(page.getByTestId('rx-allergy-reason')).toHaveValue(allergyReason);
  await page.goto(slipsUrl);
  await expect(page.getByTestId('rx-status')).toContainText('已作废');
});
