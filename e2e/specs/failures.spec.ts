/**
 * The desk says when something fails instead of hanging: with the browser's database refusing
 * every write (as on a full disk), the consultation's autosave says the text is still on this
 * computer and saves it on retry once writes work again; registering says why nothing was saved
 * and keeps the form as typed; an error nobody handled shows a notice and the desk goes on.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { signIn } from '../session';
import { registerResident } from '../steps';

/** Makes every IndexedDB write of the page throw QuotaExceededError while `full` is true. */
async function diskFull(page: Page, full: boolean) {
  await page.evaluate((on) => {
    const w = window as unknown as { diskFull?: boolean };
    if (w.diskFull === undefined) {
      const proto = IDBObjectStore.prototype;
      for (const name of ['put', 'add'] as const) {
        const original = proto[name];
        proto[name] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          if (w.diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return original.apply(this, args);
        };
      }
    }
    w.diskFull = on;
  }, full);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'doc01');
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台');
});

test('autosave refused by the database says so, keeps the text, and saves on retry', async ({ page }) => {
  const body = '11010519810303456';
  await registerResident(page, { id: body + checkCharacter(body), name: '钱晓东' });
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  await page.getByTestId('enc-chief-complaint').fill('咳嗽两天');
  await expect(page.getByTestId('enc-autosave')).toContainText('已自动保存');

  await diskFull(page, true);
  await page.getByTestId('enc-present-history').fill('两天前受凉后咳嗽');
  const autosave = page.getByTestId('enc-autosave');
  await expect(autosave).toHaveText('保存失败，内容仍在本机');
  await expect(page.getByTestId('enc-present-history')).toHaveValue('两天前受凉后咳嗽');

  await diskFull(page, false);
  await page.getByTestId('enc-autosave-retry').click();
  await expect(autosave).toContainText('已自动保存');
  // Read back from the database: away to the resident's page and back to the record.
  await page.goBack();
  await expect(page.getByTestId('patient-name')).toHaveText('钱晓东');
  await page.goForward();
  await expect(page.getByTestId('enc-present-history')).toHaveValue('两天前受凉后咳嗽');
});

test('registering when the database refuses the write says why and keeps what was typed', async ({
  page,
}) => {
  const body = '11010519820404567';
  await page.getByRole('menuitem', { name: '新建档案' }).click();
  await page.getByLabel('证件号码').fill(body + checkCharacter(body));
  await page.getByLabel('证件号码').blur();
  await page.getByLabel('姓名').fill('李春燕');
  await diskFull(page, true);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('save-failure')).toContainText('已填写的内容仍在页面上');
  await expect(page.getByLabel('姓名')).toHaveValue('李春燕');

  await diskFull(page, false);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText('李春燕');
});

test('an error nobody handled shows a notice, and the desk keeps working', async ({ page }) => {
  await page.evaluate(() => {
    void Promise.reject(new Error('unexpected'));
  });
  await expect(page.getByText('出现意外错误，刚才的操作可能未完成，请检查后重试')).toBeVisible();
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page).toHaveURL(/#\/settings/);
});
