/**
 * The printable home-visit list goes through the desk's print path: in web mode the browser's
 * dialog cannot say whether anything came out, so the desk asks 是否已打印出来？ once it closes and
 * records the print (in the audit trail) only on 已打印. `window.print` is replaced by a stand-in
 * that counts its calls (headless Chromium has no dialog to drive).
 */
import { expect, test } from '@playwright/test';
import { signIn } from '../session';

test('a home-visit list asks whether it came out of the printer and records only a confirmed print', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, 'doc01');
  await page.getByRole('menuitem', { name: '随访工作单' }).click();
  await page.getByTestId('worklist-print').click();
  await expect(page.getByTestId('home-visit-list')).toBeVisible();
  await page.evaluate(() => {
    const win = window as unknown as { printed: number };
    win.printed = 0;
    window.print = () => void (win.printed += 1);
  });
  const question = page.getByRole('dialog', { name: '是否已打印出来？' });

  // Nothing came out: 未打印 has the focus, so Enter records nothing.
  await page.getByTestId('home-visit-print').click();
  await expect(question).toBeVisible();
  await expect(question).toContainText('纸质清单');
  await expect(page.getByTestId('print-confirm-no')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(page.getByText('未记录打印。')).toBeVisible();

  // It came out: 已打印 records the print.
  await page.getByTestId('home-visit-print').click();
  await expect(question).toBeVisible();
  await page.getByTestId('print-confirm-yes').click();
  await expect(question).toBeHidden();
  await expect(page.getByText('已记录打印。')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
});
