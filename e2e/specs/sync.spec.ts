/**
 * Two desks of one centre and a hospital desk, each its own browser (own IndexedDB), against one
 * real platform process: a desk that was offline catches up, edits of different fields merge, a
 * same-field clash is kept for a person to settle, and the hospital sees none of it.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { openDesk, openResident, registerResident } from '../steps';

const body = '12010619870523015';
const id = body + checkCharacter(body);
const name = '钱七';
const resident = { id, name, mobile: '13812340000' };

async function edit(page: Page, label: string, value: string) {
  await page.getByRole('button', { name: '编辑档案' }).click();
  await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('button', { name: '编辑档案' })).toBeVisible();
}

test('two desks converge after one was offline; a clash waits for a person; the hospital sees nothing', async ({
  browser,
}) => {
  const a = await openDesk(browser, 'reg01');
  const b = await openDesk(browser, 'doc01');

  // Desk A registers; desk B finds the resident within seconds.
  await registerResident(a.page, resident);
  await expect(async () => openResident(b.page, resident)).toPass({ timeout: 15_000 });

  // A goes offline and edits the mobile; B edits the family doctor meanwhile.
  await a.context.setOffline(true);
  await edit(a.page, '手机号码', '13600001111');
  await expect(a.page.getByTestId('sync-mark')).toHaveText('尚未上传到平台');
  await edit(b.page, '家庭医生', '张建国');
  await a.context.setOffline(false);
  for (const page of [a.page, b.page]) {
    await expect(page.getByTestId('mobile')).toHaveText('13600001111', { timeout: 15_000 });
    await expect(page.getByText('张建国', { exact: true }).last()).toBeVisible({ timeout: 15_000 });
  }
  await expect(a.page.getByTestId('sync-mark')).toHaveCount(0);

  // Both change the mobile while A is offline: the clash is kept on both desks.
  await a.context.setOffline(true);
  await edit(a.page, '手机号码', '13700002222');
  await edit(b.page, '手机号码', '13900003333');
  await a.context.setOffline(false);
  for (const page of [a.page, b.page]) {
    const collisions = page.getByTestId('collisions');
    await expect(collisions).toContainText('13700002222', { timeout: 15_000 });
    await expect(collisions).toContainText('13900003333');
  }
  await b.page.getByRole('menuitem', { name: '冲突' }).click();
  await b.page.getByRole('cell', { name }).click();
  const choice = b.page.getByTestId('collisions').getByRole('listitem').filter({ hasText: '13700002222' });
  await choice.getByRole('button', { name: '采用此值' }).click();
  for (const page of [a.page, b.page]) {
    await expect(page.getByTestId('collisions')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId('mobile')).toHaveText('13700002222');
  }

  // The hospital's desk holds none of the centre's residents.
  const h = await openDesk(browser, 'spec01');
  await expect(h.page.getByTestId('list-summary')).toHaveText('共 0 份档案');
  for (const d of [a, b, h]) await d.context.close();
});
