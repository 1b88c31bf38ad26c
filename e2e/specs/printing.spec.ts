/**
 * In web mode the browser's print dialog cannot say whether anything came out, so the desk asks
 * "是否已打印出来？" once it closes. A print answered 未打印 leaves the slip unprinted; a PDF saved
 * through the browser is an export, not a print; the next print answered 已打印 is the original
 * (no 副本), and only the one after it is a copy. The question is answered from the keyboard.
 * `window.print` is replaced by a stand-in that notes whether the page it would print carries
 * the 副本 mark (headless Chromium has no dialog to drive).
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { demoPassword, signIn } from '../session';
import { registerResident } from '../steps';

const body = '11010819790923005';
const resident = { id: body + checkCharacter(body), name: '周印华', mobile: '13812340051' };

/** Answers a sign password prompt if one comes up (a recent sign-in stands in for it). */
async function passPrompt(page: Page) {
  const dialog = page.getByRole('dialog').filter({ has: page.getByLabel('密码') });
  if (await dialog.isVisible().catch(() => false)) {
    await dialog.getByLabel('密码').fill(demoPassword);
    await dialog.getByRole('button', { name: '确认' }).click();
  }
}

/** For each call of the page's print(): whether the page it would print carried 副本. */
const printedCopies = (page: Page) =>
  page.evaluate(() => (window as unknown as { printed: boolean[] }).printed);

test('a print counts only when confirmed, a PDF is an export, and the first real print is no 副本', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await signIn(page, 'doc01');
  await registerResident(page, resident);

  // A signed consultation and one signed slip.
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  await page.getByTestId('enc-chief-complaint').fill('头晕一周');
  await page.getByTestId('enc-present-history').fill('一周来晨起头晕，家庭自测血压 150/95 mmHg');
  await page.getByTestId('enc-physical-exam').fill('神清，心肺听诊无异常');
  await page.getByTestId('diagnosis-search').fill('I10');
  await page.getByTestId('diagnosis-option').first().click();
  await page.getByTestId('enc-plan').fill('降压治疗，两周后复诊');
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  await passPrompt(page);
  await expect(page.getByTestId('enc-status')).toContainText('已签名');
  await page.getByTestId('enc-prescribe').click();
  await page.getByTestId('rx-drug-search').fill('氨氯地平');
  await page.getByTestId('rx-drug-option').filter({ hasText: '苯磺酸氨氯地平片' }).click();
  await page.getByTestId('rx-create').click();
  await expect(page).toHaveURL(/#\/prescriptions\//);
  await page.getByTestId('rx-sign').click();
  await page.getByTestId('rx-sign-confirm').click();
  await passPrompt(page);
  await expect(page.getByTestId('rx-status')).toContainText('已签名');

  await page.evaluate(() => {
    const win = window as unknown as { printed: boolean[] };
    win.printed = [];
    window.print = () => void win.printed.push(document.querySelector('[data-testid="slip-copy"]') !== null);
  });
  const question = page.getByRole('dialog', { name: '是否已打印出来？' });
  const printCount = page.getByTestId('rx-print-count');

  // The dialog closed but nothing came out: 未打印 has the focus, so Enter records nothing.
  await page.getByTestId('print-to-printer').click();
  await expect(question).toBeVisible();
  await expect(page.getByTestId('print-confirm-no')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(page.getByTestId('print-to-printer')).toBeFocused();
  await expect(page.getByText('未记录打印，处方仍为未打印')).toBeVisible();
  await expect(printCount).toHaveText('未打印');

  // Saved as a PDF through the browser's dialog: an export, no question, still unprinted.
  await page.getByTestId('print-to-pdf').click();
  await expect(page.getByText('已记录导出 PDF（不计为打印）')).toBeVisible();
  await expect(question).toHaveCount(0);
  await expect(printCount).toHaveText('未打印');
  await expect(page.getByTestId('slip-copy')).toHaveCount(0);

  // The slip came out: Tab to 已打印, Enter takes it. That print was the original.
  await page.getByTestId('print-to-printer').click();
  await expect(page.getByTestId('print-confirm-no')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('print-confirm-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(printCount).toHaveText(/1/);
  expect(await printedCopies(page)).toEqual([false, false, false]);

  // Printed again, it is a copy.
  await expect(page.getByTestId('slip-copy')).toHaveCount(1);
  await page.getByTestId('print-to-printer').click();
  await page.getByTestId('print-confirm-yes').click();
  await expect(printCount).toHaveText(/2/);
  expect(await printedCopies(page)).toEqual([false, false, false, true]);
});
