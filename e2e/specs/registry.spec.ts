/**
 * The patient registry as a registrar uses it, in Debian Chromium on real IndexedDB, signed in
 * against a real platform: register, reload, find by each kind of search, edit and read the
 * history, switch language, and see bad input refused with nothing saved.
 */
import { expect, test, type Page } from '@playwright/test';
import { centre, hospital, signIn, signOut, unlock } from '../session';

const screenshots = 'docs/screenshots';

interface Resident {
  idNumber: string;
  name: string;
  mobile: string;
  /** Typed into the area picker's search; the option with exactly this path is chosen. */
  area?: { search: string; path: string };
  detail?: string;
  allergy?: string;
}

const zhang: Resident = {
  idNumber: '120101198001010012',
  name: '张三',
  mobile: '138 1234 5678',
  area: { search: '劝业场', path: '天津市 / 市辖区 / 和平区 / 劝业场街道' },
  // Markup in a free-text field must be stored and shown as text, never run.
  detail: '<img src=x onerror="window.__xss=1">3号楼2单元501',
  allergy: '青霉素',
};
const zeng: Resident = { idNumber: '120104197506150031', name: '曾小明', mobile: '13912349876' };
// A legacy 15-digit number, upgraded to 18 digits on save.
const li: Resident = { idNumber: '120105800312021', name: '李四', mobile: '+86 137-0000-2468' };

async function register(page: Page, r: Resident) {
  await page.getByRole('menuitem', { name: '新建档案' }).click();
  await page.getByLabel('证件号码').fill(r.idNumber);
  await page.getByLabel('证件号码').blur();
  await page.getByLabel('姓名').fill(r.name);
  await page.getByLabel('手机号码').fill(r.mobile);
  if (r.area) {
    await page.getByLabel('省 / 市 / 区县 / 街道').fill(r.area.search);
    await page.locator('.ant-cascader-menu-item').getByText(r.area.path, { exact: true }).click();
  }
  if (r.detail) await page.getByLabel('详细地址').fill(r.detail);
  if (r.allergy) {
    await page.getByLabel('过敏史').fill(r.allergy);
    await page.getByLabel('过敏史').press('Enter');
  }
  await page.getByRole('button', { name: '保存' }).click();
}

async function listed(page: Page) {
  return page.locator('.ant-table-tbody tr.ant-table-row').allInnerTexts();
}

async function search(page: Page, query: string) {
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  const box = page.getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位');
  await box.fill(query);
  return box;
}

test('register, reload, find, edit, see history, switch language', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });

  await page.goto('/');
  await signIn(page, 'reg01');
  await expect(page.getByTestId('organisation')).toHaveText(centre);

  await register(page, zhang);
  await expect(page.getByTestId('patient-name')).toHaveText('张三');
  await expect(page.getByTestId('address')).toContainText(
    '<img src=x onerror="window.__xss=1">3号楼2单元501',
  );
  await expect(page.getByTestId('mobile')).toHaveText('13812345678');
  await expect(page.getByTestId('allergies')).toHaveText('青霉素');
  await register(page, zeng);
  await expect(page.getByTestId('patient-name')).toHaveText('曾小明');
  await register(page, li);
  await expect(page.getByTestId('patient-name')).toHaveText('李四');
  await expect(page.getByTestId('id-number')).toHaveText('120105198003120210');
  await expect(page.getByTestId('mobile')).toHaveText('13700002468');

  // Bad input: a clear message, and the list keeps its three residents.
  await page.getByRole('menuitem', { name: '新建档案' }).click();
  await page.getByLabel('证件号码').fill('120101198001010013');
  await page.getByLabel('姓名').fill('王五');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('身份证号码校验位不正确，请核对')).toBeVisible();
  await expect(page.getByText('请先更正标出的内容，未保存任何信息。')).toBeVisible();
  await page.getByLabel('证件号码').fill('120102199202280044');
  await page.getByLabel('姓名').fill('<script>alert(1)</script>');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('姓名只能包含文字、间隔号·、空格和连字符')).toBeVisible();
  await page.getByLabel('证件号码').fill('120102199202280044');
  await page.getByLabel('姓名').fill('赵六');
  await page.getByLabel('手机号码').fill('1381234567');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('手机号码应为 11 位，以 13–19 开头')).toBeVisible();
  // The same identity number twice is refused with a link to the existing record.
  await page.getByLabel('证件号码').fill('120101198001010012');
  await page.getByLabel('姓名').fill('张三');
  await page.getByLabel('手机号码').fill('');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('该证件号码已有档案，不能重复建档。')).toBeVisible();
  await expect(page.getByRole('link', { name: '打开已有档案：张三' })).toBeVisible();

  // The form still holds what was typed: leaving it asks first.
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await page
    .getByRole('dialog', { name: '离开此页？' })
    .getByRole('button', { name: '离开，不保存' })
    .click();
  await expect(page.getByTestId('list-summary')).toHaveText('共 3 份档案');

  // Everything is in IndexedDB: a reload loses nothing. The session lives in memory only, so the
  // reload locks the desk and asks for the password again.
  await page.reload();
  await unlock(page, 'reg01');
  await expect(page.getByTestId('list-summary')).toHaveText('共 3 份档案');
  const rows = await listed(page);
  expect(rows.join('\n')).toContain('1201**********0012');
  expect(rows.join('\n')).toContain('138****5678');
  expect(rows.join('\n')).not.toContain('120101198001010012');
  await page.screenshot({ path: `${screenshots}/residents-list.png` });

  // Pinyin initials, with the other reading of the polyphonic surname 曾 (zeng / ceng).
  await search(page, 'cxm');
  await expect.poll(() => listed(page)).toEqual([expect.stringContaining('曾小明')]);
  await search(page, 'zs');
  await expect.poll(() => listed(page)).toEqual([expect.stringContaining('张三')]);
  // The last six digits of an identity number.
  await search(page, '120210');
  await expect.poll(() => listed(page)).toEqual([expect.stringContaining('李四')]);
  // The end of a mobile number.
  await search(page, '9876');
  await expect.poll(() => listed(page)).toEqual([expect.stringContaining('曾小明')]);
  await search(page, '张');
  await expect.poll(() => listed(page)).toEqual([expect.stringContaining('张三')]);

  // Edit, then see who changed what on the profile.
  await search(page, 'zs');
  await page.getByRole('cell', { name: '张三' }).click();
  await page.getByRole('button', { name: '编辑档案' }).click();
  await page.getByLabel('手机号码').fill('13600001111');
  await page.getByLabel('家庭医生').fill('刘医生');
  await page.getByRole('button', { name: '保存' }).click();
  const history = page.getByTestId('history');
  await expect(history).toContainText('王丽华 于');
  await expect(history).toContainText('手机号码：13812345678 → 13600001111');
  await expect(history).toContainText('家庭医生：无 → 刘医生');
  await page.screenshot({ path: `${screenshots}/resident-history.png`, fullPage: true });

  // English and back; the choice survives a reload.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page.getByTestId('storage-usage')).toBeVisible();
  await page.getByText('English').click();
  await expect(page.getByRole('menuitem', { name: 'Residents' })).toBeVisible();
  // The reload locks the desk: only the password is asked for, in English.
  await page.reload();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByLabel('Password').fill('Demo@2026');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Residents' })).toBeVisible();
  await expect(page.getByTestId('operator')).toHaveText('王丽华 (Registrar)');
  await page.getByRole('menuitem', { name: 'Residents' }).click();
  await expect(page.getByTestId('list-summary')).toHaveText('3 records');
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await page.getByLabel('language').getByText('中文').click();
  await expect(page.getByRole('menuitem', { name: '居民档案' })).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(problems).toEqual([]);
});

// What a specialist sees of a resident (identifiers masked, no edit) is covered by
// renderer/features/patients/display.test.ts: a hospital desk holds none of the centre's records.
test("a hospital specialist sees none of the centre's residents and cannot register", async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'reg01');
  await register(page, { idNumber: '120102199202280044', name: '赵六', mobile: '13512345678' });
  await expect(page.getByTestId('id-number')).toHaveText('120102199202280044');
  await expect(page.getByRole('button', { name: '编辑档案' })).toBeVisible();
  await signOut(page);

  await signIn(page, 'spec01');
  await expect(page.getByTestId('organisation')).toHaveText(hospital);
  await expect(page.getByTestId('list-summary')).toHaveText('共 0 份档案');
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(0);
  await search(page, 'zl');
  await expect(page.getByTestId('list-summary')).toHaveText('找到 0 条匹配');
  await expect(page.getByRole('menuitem', { name: '新建档案' })).toHaveCount(0);
});
