/**
 * Nothing a desk holds can jam its sync, against a real platform: a character no database can
 * store (a lone UTF-16 surrogate, as a broken input method leaves) is refused while typing, in the
 * user's language, and nothing of it is saved; and a row the platform refuses (here one damaged
 * in the desk's own storage, around the forms) is shown refused, with the reason, on its record,
 * while the rows pushed with it and after it still go up.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { signIn, unlock } from '../session';
import { openDesk, openResident, registerResident } from '../steps';

async function register(page: Page, body: string, name: string) {
  await registerResident(page, { id: body + checkCharacter(body), name, mobile: '13812340003' });
}

/** A first visit with everything signing needs. */
async function writeConsultation(page: Page) {
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  await page.getByTestId('enc-chief-complaint').fill('头晕三天');
  await page.getByTestId('enc-present-history').fill('三天前起头晕，无胸痛');
  await page.getByTestId('enc-physical-exam').fill('心肺听诊无异常');
  await page.getByTestId('diagnosis-search').fill('I10');
  await page.getByTestId('diagnosis-option').first().click();
  await page.getByTestId('enc-plan').fill('低盐饮食，两周后复查血压');
  await expect(page.getByTestId('enc-autosave')).toContainText('已自动保存');
}

/**
 * Appends one UTF-16 code unit to a text area as typing does (an input event React sees). Made in
 * the page, since a lone surrogate does not survive being sent to it as text.
 */
async function typeCodeUnit(page: Page, testId: string, codeUnit: number) {
  await page.getByTestId(testId).evaluate((element, unit) => {
    const area = element as HTMLTextAreaElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    setValue.call(area, area.value + String.fromCharCode(unit));
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, codeUnit);
}

test('a lone surrogate typed into the plan is refused at the desk, and nothing of it is saved', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, 'doc01');
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台');
  await register(page, '11010519820303345', '郑晓光');
  await writeConsultation(page);

  await typeCodeUnit(page, 'enc-plan', 0xd800);
  const plan = page.locator('.ant-form-item').filter({ has: page.getByTestId('enc-plan') });
  await expect(plan).toContainText('含有无法保存的字符');
  await expect(page.getByTestId('enc-autosave')).toContainText('未保存：请先更正标红的内容');

  // What is stored is the plan before the broken character: leaving the record (which saves
  // what is pending) and opening it again brings that back.
  await page.goBack();
  await expect(page.getByTestId('patient-name')).toHaveText('郑晓光');
  await page.goForward();
  await expect(page.getByTestId('enc-plan')).toHaveValue('低盐饮食，两周后复查血压');
  expect(await page.getByTestId('enc-plan').evaluate((e) => (e as HTMLTextAreaElement).value.length)).toBe(
    '低盐饮食，两周后复查血压'.length,
  );
});

/**
 * Writes a NUL into a resident's address in this desk's own storage, around the forms and the
 * database's validation, as a damaged profile or an older desk could leave it, and marks it as a
 * local change, so the push at the desk's next start carries it.
 */
async function damageStoredAddress(page: Page, residentName: string) {
  await page.evaluate(async (name) => {
    const databases = await indexedDB.databases();
    const found = databases.find((d) => d.name?.startsWith('rxdb-dexie-') && d.name.endsWith('--patients'));
    if (!found?.name) throw new Error('no local patients store');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(found.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const docs = db.transaction('docs', 'readwrite').objectStore('docs');
    const all = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const request = docs.getAll();
      request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
      request.onerror = () => reject(request.error);
    });
    const doc = all.find((d) => d.name === name) as {
      address: { detail: string };
      _meta: { lwt: number };
    };
    doc.address = { ...doc.address, detail: `幸福路${String.fromCharCode(0)}1 号` };
    doc._meta = { ...doc._meta, lwt: Date.now() };
    await new Promise<void>((resolve, reject) => {
      const request = db.transaction('docs', 'readwrite').objectStore('docs').put(doc);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    db.close();
  }, residentName);
}

test('a row the platform refuses is marked refused on its record, and the rows after it still go up', async ({
  browser,
}) => {
  const { page, context } = await openDesk(browser, 'reg01');
  const damaged = { id: '11010519830404456', name: '冯雨桐' };
  const edited = { id: '11010519840505567', name: '褚嘉禾' };
  await register(page, damaged.id, damaged.name);
  await register(page, edited.id, edited.name);
  await expect(page.getByTestId('sync-mark')).toHaveCount(0, { timeout: 30_000 });

  // The damaged row goes up when the desk next starts, ahead of the edit made after it.
  await damageStoredAddress(page, damaged.name);
  await page.reload();
  await unlock(page, 'reg01');
  await openResident(page, { id: edited.id + checkCharacter(edited.id), name: edited.name });
  await page.getByRole('button', { name: '编辑档案' }).click();
  await page.getByLabel('手机号码').fill('13600004444');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('mobile')).toHaveText('13600004444');

  // The edit reaches the platform: another desk sees it.
  const other = await openDesk(browser, 'doc01');
  await expect(async () => {
    await openResident(other.page, { id: edited.id + checkCharacter(edited.id), name: edited.name });
    await expect(other.page.getByTestId('mobile')).toHaveText('13600004444', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('sync-mark')).toHaveCount(0);

  // The damaged resident's record says why the platform refused it.
  await openResident(page, { id: damaged.id + checkCharacter(damaged.id), name: damaged.name });
  const mark = page.getByTestId('sync-mark');
  await expect(mark).toContainText('被平台退回', { timeout: 30_000 });
  await expect(mark).toContainText('含有无法保存的字符');
  for (const desk of [context, other.context]) await desk.close();
});
