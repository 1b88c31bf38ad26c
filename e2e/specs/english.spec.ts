/**
 * The desk in English reads as English. A doctor writes a consultation and a prescription in
 * Chinese, switches the interface to English in Settings, and reads the Today page, the resident's
 * profile and the prescription: no "(s)" plurals, no full-width punctuation (：，（）。、；) in the
 * English text, dates day first (she was born on 12 March 1968, which a month-first 03/12/1968
 * turns into 3 December; nor "Dec 7, 2026"), counts worded for one ("Sign the draft slip?",
 * "1 drug") and one font stack for the page and Ant Design's components alike. What is read is
 * checked softly, so one run names every slip in the wording, not only the first.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { demoPassword, signIn } from '../session';
import { registerResident } from '../steps';

const body = '12010619680312004';
const id = body + checkCharacter(body);
const name = '周雅琴';

/** Answers a sign password prompt if one comes up (a recent sign-in stands in for it). */
async function passPrompt(page: Page, password: string, confirm: string) {
  const dialog = page.getByRole('dialog').filter({ has: page.getByLabel(password) });
  if (await dialog.isVisible().catch(() => false)) {
    await dialog.getByLabel(password).fill(demoPassword);
    await dialog.getByRole('button', { name: confirm }).click();
  }
}

/**
 * What reads as un-English in the page's visible text, each with a little context: full-width
 * punctuation, "(s)" plurals, month-first dates, and a one followed by a plural noun.
 */
async function unEnglish(page: Page) {
  const text = await page.locator('body').innerText();
  const around = (pattern: RegExp) => text.match(pattern) ?? [];
  return {
    fullWidth: around(/.{0,24}[：，（）。、；].{0,24}/g),
    bracketPlural: around(/.{0,24}\((s|es)\)/g),
    // 12/07/2026, or Dec 7, 2026 (the US order in words).
    monthFirst: around(
      /\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* \d{1,2}, \d{4}/g,
    ),
    oneOfMany: around(/\b1 (records|matches|days|drugs|slips|times|years|months|minutes)\b/g),
  };
}
const reads = { fullWidth: [], bracketPlural: [], monthFirst: [], oneOfMany: [] };

/** The font stack the page's body and an Ant Design component are drawn with. */
async function fontsOf(page: Page, component: string) {
  const [body = '', other = ''] = await page.evaluate(
    (selector) =>
      [document.body, document.querySelector(selector)!].map((el) => getComputedStyle(el).fontFamily),
    component,
  );
  return [body, other] as const;
}

test('in English, Today, a resident profile and a prescription read as English', async ({ page }) => {
  // A registration, a signed consultation and a prescription on a busy machine.
  test.setTimeout(120_000);
  await page.goto('/');
  await signIn(page, 'doc01');
  await registerResident(page, { id, name, allergies: ['青霉素', '磺胺'] });

  // A signed consultation with one (primary) diagnosis and a one-drug prescription, in Chinese.
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  await page.getByTestId('enc-chief-complaint').fill('Dizziness for a month');
  await page.getByTestId('enc-present-history').fill('Home readings around 150/95 mmHg');
  await page.getByTestId('enc-physical-exam').fill('Alert, heart and lungs normal');
  await page.getByTestId('diagnosis-search').fill('I10');
  await page.getByTestId('diagnosis-option').first().click();
  await page.getByTestId('enc-plan').fill('Review in two weeks');
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await passPrompt(page, '密码', '确认');
  await expect(page.getByTestId('enc-status')).toContainText('已签名');
  await page.getByTestId('enc-prescribe').click();
  await page.getByTestId('rx-drug-search').fill('氨氯地平');
  await page.getByTestId('rx-drug-option').filter({ hasText: '苯磺酸氨氯地平片' }).click();
  await expect(page.getByTestId('rx-error')).toHaveCount(0);
  await page.getByTestId('rx-create').click();
  await expect(page).toHaveURL(/#\/prescriptions\//);

  // English, chosen in Settings.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.locator('[aria-label="language"]').getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  // Today.
  await page.getByRole('menuitem', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: "Today's clinic" })).toBeVisible();
  expect.soft(await unEnglish(page)).toEqual(reads);

  // The resident's profile: her birth date day first, her age and allergies, her history.
  await page.getByRole('menuitem', { name: 'Residents' }).click();
  await page
    .getByPlaceholder('Name, pinyin initials, last digits of the ID or of the mobile')
    .fill(id.slice(-6));
  await expect.soft(page.getByText(/^1 match$/)).toBeVisible();
  await page.locator('.ant-table').getByText(name, { exact: true }).click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);
  await expect.soft(page.getByText('12 Mar 1968', { exact: true })).toBeVisible();
  await expect.soft(page.getByText(/Female · \d+ years/)).toBeVisible();
  await expect.soft(page.getByTestId('allergies')).toHaveText('青霉素, 磺胺');
  await expect.soft(page.getByTestId('clinical-encounter')).toContainText('(Primary diagnosis)');
  await expect(page.getByTestId('clinical-prescription')).toContainText('1 drug');
  expect.soft(await unEnglish(page)).toEqual(reads);
  const [bodyFont, tableFont] = await fontsOf(page, '.ant-descriptions');
  expect.soft(tableFont).toBe(bodyFont);
  expect.soft(bodyFont.indexOf('Segoe UI')).toBeLessThan(bodyFont.indexOf('Noto Sans CJK SC'));

  // The prescription: one slip, signed with a question worded for one.
  await page.getByTestId('clinical-prescription').getByRole('link').click();
  await expect(page).toHaveURL(/#\/prescriptions\//);
  await expect(page.getByText('Slip 1 of 1').first()).toBeVisible();
  await page.getByTestId('rx-sign').click();
  await expect.soft(page.getByRole('dialog')).toContainText('Sign the draft slip?');
  await page.getByTestId('rx-sign-confirm').click();
  await passPrompt(page, 'Password', 'Confirm');
  await expect(page.getByTestId('rx-status')).toContainText('Signed');
  // The slip as it prints, in English too.
  await page.getByTestId('print-language').click();
  await page.locator('.ant-select-item-option[title="English"]').click();
  await expect(page.getByTestId('print-preview')).toContainText('Blank below');
  expect.soft(await unEnglish(page)).toEqual(reads);
  const [, slipFont] = await fontsOf(page, '.rx-slip');
  expect.soft(slipFont).toMatch(/^"?ClinicDesk CJK"?,/);
});
