/**
 * The day's queue at one desk, against a real platform: walk-ins name the doctor and department
 * they are for; queueing a resident again for the same doctor is warned with the ticket she
 * already holds; a cancel can be undone (nothing is written, after a reload too) and one left to
 * stand is written when the registrar leaves the page; each doctor's queue shows theirs and the
 * unassigned only; and the slip of a visit queued for a department prints its 科别.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { demoPassword, signIn, signOut, staff } from '../session';
import { registerResident } from '../steps';

const resident = (body: string, name: string, mobile: string) => ({
  id: body + checkCharacter(body),
  name,
  mobile,
});
const forZhang = resident('31010419900506211', '周雨桐', '13812340211');
const forLiu = resident('31010419900506222', '吴海燕', '13812340222');
const unassigned = resident('31010419900506233', '郑晓明', '13812340233');
const department = '全科诊室';

const rowOf = (page: Page, name: string) => page.getByTestId('queue-row').filter({ hasText: name });

/** Opens 现场挂号, names the doctor and department (when given) and picks the resident. */
async function addWalkIn(page: Page, who: { id: string; name: string }, doctor?: string, dept?: string) {
  await page.getByTestId('today-add-walkin').click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('walkin-search') });
  if (doctor) await dialog.getByLabel('医生', { exact: true }).selectOption({ label: doctor });
  if (dept) await dialog.getByLabel('科别', { exact: true }).selectOption({ label: dept });
  await dialog.getByTestId('walkin-search').fill(who.id.slice(-6));
  await dialog.getByTestId('walkin-result').filter({ hasText: who.name }).click();
}

/** Answers a sign password prompt if one comes up (a recent sign-in stands in for it). */
async function passPrompt(page: Page) {
  const prompt = page.getByRole('dialog').filter({ has: page.getByLabel('密码') });
  if (await prompt.isVisible().catch(() => false)) {
    await prompt.getByLabel('密码').fill(demoPassword);
    await prompt.getByRole('button', { name: '确认' }).click();
  }
}

/** Reloads the tab and gets back in: the lock screen's password, or a full sign-in. */
async function reloadAndReturn(page: Page, username: keyof typeof staff) {
  await page.reload();
  const lock = page.getByTestId('lock-screen');
  const signInForm = page.getByLabel('用户名');
  await expect(lock.or(signInForm)).toBeVisible({ timeout: 20_000 });
  if (await signInForm.isVisible()) await signIn(page, username);
  else {
    await lock.getByLabel('密码').fill(demoPassword);
    await lock.getByLabel('密码').press('Enter');
  }
  await expect(page.getByTestId('operator')).toContainText(staff[username].name);
}

test('walk-ins for a named doctor: duplicates warned, a cancel undone, queues per doctor, 科别 on the slip', async ({
  page,
}, testInfo) => {
  // Three residents, three sign-ins, a reload and a signed visit with a slip on a busy machine.
  test.setTimeout(150_000);
  await page.goto('/');
  await signIn(page, 'reg01');
  for (const r of [forZhang, forLiu, unassigned]) await registerResident(page, r);
  await page.getByRole('menuitem', { name: '今日就诊' }).click();

  // A walk-in for 张建国 in 全科诊室, then the same again: warned, and going back adds nothing.
  await addWalkIn(page, forZhang, staff.doc01.name, department);
  const zhangRow = rowOf(page, forZhang.name);
  await expect(zhangRow).toHaveCount(1);
  await expect(zhangRow.getByTestId('queue-doctor')).toHaveText(staff.doc01.name);
  await expect(zhangRow.getByTestId('queue-department')).toHaveText(department);
  const ticket = (await zhangRow.getByTestId('queue-ticket').textContent()) ?? '';
  await addWalkIn(page, forZhang, staff.doc01.name);
  const warning = page.getByRole('dialog', { name: `已在队列中：${ticket}` });
  await expect(warning).toBeVisible();
  // The safe choice has the focus: Enter goes back.
  await expect(warning.getByTestId('duplicate-back')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(warning).toBeHidden();
  // Esc then closes 现场挂号 once the focus is back in it (on a busy machine that can take a moment).
  const walkIn = page.getByRole('dialog', { name: '现场挂号' });
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(walkIn).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(rowOf(page, forZhang.name)).toHaveCount(1);

  await addWalkIn(page, forLiu, staff.doc02.name);
  await addWalkIn(page, unassigned);
  await expect(rowOf(page, unassigned.name)).toHaveCount(1);

  // The desk narrows to one doctor's queue: theirs and the unassigned.
  await page.getByLabel('按医生').selectOption({ label: staff.doc01.name });
  await expect(rowOf(page, forLiu.name)).toHaveCount(0);
  await expect(rowOf(page, forZhang.name)).toHaveCount(1);
  await expect(rowOf(page, unassigned.name)).toHaveCount(1);
  await page.getByLabel('按医生').selectOption({ label: '全部' });

  // A cancel undone: the row shows "正在取消… 撤销" and, undone, is waiting again.
  const liuRow = rowOf(page, forLiu.name);
  await liuRow.getByTestId('queue-cancel').click();
  await expect(liuRow.getByTestId('queue-cancelling')).toHaveText('正在取消…');
  await liuRow.getByTestId('queue-undo').click();
  await expect(liuRow.getByTestId('queue-cancelling')).toHaveCount(0);
  await expect(liuRow).toHaveAttribute('data-status', 'arrived');
  // A no-show cannot be undone, so it is asked first; Escape (or the focused 返回) leaves the row be.
  await liuRow.getByTestId('queue-noshow').click();
  const noShow = page.getByRole('dialog').filter({ hasText: '标记后不能撤销' });
  await expect(noShow.getByTestId('confirm-noShow-back')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(noShow).toBeHidden();
  await expect(liuRow).toHaveAttribute('data-status', 'arrived');
  // A cancel left to stand is written when the registrar leaves the page, before its window closes.
  const otherRow = rowOf(page, unassigned.name);
  await otherRow.getByTestId('queue-cancel').click();
  await expect(otherRow.getByTestId('queue-cancelling')).toBeVisible();
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await page.getByRole('menuitem', { name: '今日就诊' }).click();
  await expect(otherRow).toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 });
  await expect(liuRow).toHaveAttribute('data-status', 'arrived');
  // A reload within the window drops the cancel (nothing was written): after it the undone patient
  // still waits, and the cancel written on leaving the page stands.
  await liuRow.getByTestId('queue-cancel').click();
  await expect(liuRow.getByTestId('queue-cancelling')).toBeVisible();
  await reloadAndReturn(page, 'reg01');
  await page.getByRole('menuitem', { name: '今日就诊' }).click();
  await expect(liuRow).toHaveAttribute('data-status', 'arrived');
  await expect(otherRow).toHaveAttribute('data-status', 'cancelled');

  // 刘文静's queue: hers and the unassigned, not 张建国's.
  await signOut(page);
  await signIn(page, 'doc02');
  await page.getByRole('menuitem', { name: '今日就诊' }).click();
  await expect(liuRow).toHaveCount(1);
  await expect(otherRow).toHaveCount(1);
  await expect(rowOf(page, forZhang.name)).toHaveCount(0);
  await expect(page.getByTestId('today-next')).toContainText(forLiu.name);

  // 张建国 calls his patient; her slip prints the department she was queued for.
  await signOut(page);
  await signIn(page, 'doc01');
  await page.getByRole('menuitem', { name: '今日就诊' }).click();
  await expect(liuRow).toHaveCount(0);
  await rowOf(page, forZhang.name).getByTestId('queue-call').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  await page.getByTestId('enc-chief-complaint').fill('咳嗽三天');
  await page.getByTestId('enc-present-history').fill('三天前受凉后咳嗽，无发热');
  await page.getByTestId('enc-physical-exam').fill('咽部充血，双肺呼吸音清');
  await page.getByTestId('enc-plan').fill('对症治疗，多饮水');
  await page.getByTestId('diagnosis-search').fill('J06.9');
  await page.getByTestId('diagnosis-option').first().click();
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
  const slip = page.getByTestId('prescription-slip');
  await expect(slip.locator('.rx-field').filter({ hasText: '科别' })).toContainText(department);
  // As printed: Chromium's print-to-PDF of the page, read back.
  const pdf = testInfo.outputPath('slip.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain(`科别：${department}`);
});
