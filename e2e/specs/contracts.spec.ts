/**
 * Family doctor contracts at the desk, against a real platform: a doctor signs a contract (a
 * missing package is said beside the field), prints the agreement (counted only when the desk's
 * 是否已打印出来？ is answered 已打印), finds it among the contracts
 * ending within 30 days on the worklist and 今日就诊, renews it in one click, and terminates the
 * renewal with a reason (required, said beside the field). Two desks that sign the same resident
 * while offline both end up showing the collision, and keeping one settles it on both.
 */
import { expect, test, type Page } from '@playwright/test';
import { addDays, addYears } from '../../shared/followups/dates';
import { checkCharacter } from '../../shared/identity/idNumber';
import { signIn } from '../session';
import { openDesk, openResident, registerResident } from '../steps';

const resident = (body: string, name: string, mobile: string) => ({
  id: body + checkCharacter(body),
  name,
  mobile,
});
const renewing = resident('11010519580708121', '岳长青', '13812340071');
const twoDesks = resident('11010519620412345', '韩素梅', '13812340072');

/** Today at the desk (the specs run in Asia/Shanghai). */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** Signs a contract from the resident's page with the form's own defaults, optionally from `start`. */
async function signContract(page: Page, start?: string) {
  await page.getByTestId('contract-sign').click();
  await expect(page.getByTestId('contract-form')).toBeVisible();
  if (start) await page.getByTestId('contract-startDate').fill(start);
  await page.getByTestId('contract-save').click();
  await expect(page.getByTestId('patient-name')).toBeVisible();
}

test('sign, print, renew from the worklist and terminate with a reason', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await signIn(page, 'doc01');
  await registerResident(page, renewing);

  // A term that started almost a year ago ends in 9 days.
  const start = addDays(addYears(today(), -1), 10);
  const end = addDays(today(), 9);
  await page.getByTestId('contract-sign').click();
  const form = page.getByTestId('contract-form');
  await expect(form.getByTestId('contract-teamName')).toHaveValue('张建国团队');
  await expect(form.getByTestId('contract-doctorId')).toHaveValue('staff-doc01');
  await form.getByTestId('contract-startDate').fill(start);
  await expect(form.getByTestId('contract-endDate')).toHaveValue(end);
  // No package: said beside the field, nothing saved.
  await form.getByRole('checkbox', { name: /基础服务包/ }).uncheck();
  await form.getByTestId('contract-save').click();
  await expect(form.getByText('请至少选择一个服务包。')).toBeVisible();
  await form.getByRole('checkbox', { name: /基础服务包/ }).check();
  await form.getByRole('checkbox', { name: /慢病管理包/ }).check();
  await expect(form.getByTestId('contract-total')).toContainText('120.00');
  await form.getByTestId('contract-save').click();

  const card = page.getByTestId('contract-card');
  const first = card.getByTestId('contract-item').first();
  await expect(first.getByTestId('contract-status')).toHaveText('生效中');
  await expect(first.getByTestId('contract-expiring')).toHaveText('9 天后到期');
  const agreementNo = (await first.getByTestId('contract-agreement-no').textContent()) ?? '';
  expect(agreementNo).toMatch(/^QY-\d{8}-[0-9A-F]{4}$/);

  // The printable agreement, through the print path (the browser's print() stands in).
  await first.getByTestId('contract-print').click();
  const agreement = page.getByTestId('contract-agreement');
  await expect(agreement.getByTestId('agreement-no')).toHaveText(agreementNo);
  await expect(agreement.getByTestId('agreement-resident')).toHaveText(renewing.name);
  await expect(agreement.getByTestId('agreement-doctor')).toHaveText('张建国');
  await expect(agreement.getByTestId('agreement-total')).toHaveText('120.00');
  await page.evaluate(() => {
    const win = window as unknown as { printed: boolean[] };
    win.printed = [];
    window.print = () =>
      void win.printed.push(
        document.querySelector('.rx-print-area [data-testid="contract-agreement"]') !== null,
      );
  });
  const printed = () => page.evaluate(() => (window as unknown as { printed: boolean[] }).printed);
  const state = page.getByTestId('contract-print-state');
  await expect(state).toHaveText('未打印');
  // The browser cannot tell a print from a cancel: the desk asks, 未打印 first; nothing is counted.
  await page.getByTestId('contract-print-button').click();
  await expect.poll(printed).toEqual([true]);
  const question = page.getByRole('dialog').filter({ hasText: '是否已打印出来？' });
  await expect(question).toBeVisible();
  await expect(page.getByTestId('print-confirm-no')).toBeFocused();
  await page.getByTestId('print-confirm-no').click();
  await expect(page.getByText('未记录打印，协议书仍为未打印。')).toBeVisible();
  await expect(state).toHaveText('未打印');
  // Confirmed twice: each counted, and audited.
  for (const count of [1, 2]) {
    await page.getByTestId('contract-print-button').click();
    await page.getByTestId('print-confirm-yes').click();
    await expect(question).toBeHidden();
    await expect(state).toHaveAttribute('data-count', String(count));
    await expect(state).toContainText(`已打印 ${count} 次，最近一次`);
  }
  expect(await printed()).toEqual([true, true, true]);
  // The count is read from the audit trail (carePlan.print events naming the contract): it stays
  // when the page is opened again.
  await page.getByTestId('contract-print-back').click();
  await page.getByTestId('contract-item').first().getByTestId('contract-print').click();
  await expect(state).toContainText('已打印 2 次');
  await page.getByTestId('contract-print-back').click();

  // 今日就诊 counts it among the contracts ending soon; the worklist lists it; one click renews.
  await page.getByRole('menuitem', { name: '今日就诊' }).click();
  await expect(page.getByTestId('today-worklist-contractsExpiring')).toHaveText(/签约将到期 [1-9]\d* 人/);
  await page.getByTestId('today-worklist-contractsExpiring').click();
  const row = page.getByTestId('worklist-row').filter({ hasText: renewing.name });
  await expect(row).toBeVisible();
  await row.getByTestId('worklist-renew').click();
  await expect(page.getByRole('heading', { name: new RegExp(`续约：${renewing.name}`) })).toBeVisible();
  await expect(page.getByTestId('contract-startDate')).toHaveValue(addDays(end, 1));
  await page.getByTestId('contract-save').click();
  await expect(page.getByTestId('patient-name')).toHaveText(renewing.name);
  const statuses = card.getByTestId('contract-item').getByTestId('contract-status');
  // The renewal starts the day after the old term ends.
  await expect(statuses).toHaveText(['未生效', '已续约']);

  // Terminating asks for the reason beside the field first.
  await card.getByTestId('contract-item').first().getByTestId('contract-terminate').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('contract-terminate-confirm').click();
  await expect(dialog.getByText('请填写解约原因。')).toBeVisible();
  await expect(dialog.getByTestId('contract-terminate-reason')).toBeFocused();
  await dialog.getByTestId('contract-terminate-reason').fill('迁出本辖区');
  await dialog.getByTestId('contract-terminate-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(statuses).toHaveText(['已解约', '已续约']);
  await expect(card.getByTestId('contract-termination')).toContainText('迁出本辖区');
  // With no active contract left, the resident can sign again.
  await expect(card.getByTestId('contract-sign')).toBeVisible();
});

test('two desks sign one resident while offline: the collision shows on both and one choice settles it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await openDesk(browser, 'doc01');
  const b = await openDesk(browser, 'doc02');
  await registerResident(a.page, twoDesks);
  await expect(async () => openResident(b.page, twoDesks)).toPass({ timeout: 15_000 });

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await signContract(a.page);
  await signContract(b.page);
  for (const page of [a.page, b.page])
    await expect(page.getByTestId('contract-item').getByTestId('contract-status')).toHaveText('生效中');
  await a.context.setOffline(false);
  await b.context.setOffline(false);

  for (const page of [a.page, b.page]) {
    const collision = page.getByTestId('contract-collision');
    await expect(collision).toBeVisible({ timeout: 30_000 });
    await expect(collision).toContainText('张建国团队');
    await expect(collision).toContainText('刘文静团队');
  }
  // Desk A keeps desk B's contract (刘文静's team): its own is terminated, naming the one kept.
  await a.page
    .getByTestId('contract-collision-row')
    .filter({ hasText: '刘文静团队' })
    .getByTestId('contract-keep')
    .click();
  for (const page of [a.page, b.page]) {
    await expect(page.getByTestId('contract-collision')).toHaveCount(0, { timeout: 30_000 });
    const items = page.getByTestId('contract-item');
    await expect(items.filter({ hasText: '刘文静团队' }).getByTestId('contract-status')).toHaveText('生效中');
    await expect(items.filter({ hasText: '张建国团队' }).getByTestId('contract-status')).toHaveText('已解约');
  }
  for (const d of [a, b]) await d.context.close();
});
