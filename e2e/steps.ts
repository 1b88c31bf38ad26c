/**
 * Steps many specs take on the way to what they test: opening a desk of its own, registering a
 * resident, and finding one in the list. Each waits until the screen shows the step is done.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { realWork, signIn, type staff } from './session';

/** A resident as the specs register and find them: a name and a valid identity number. */
export interface Resident {
  name: string;
  id: string;
  mobile?: string;
  allergies?: readonly string[];
}

export interface Desk {
  context: BrowserContext;
  page: Page;
}

/**
 * A desk of its own (its own browser context, so its own IndexedDB), with `username` signed in
 * and connected to the platform.
 */
export async function openDesk(browser: Browser, username: keyof typeof staff): Promise<Desk> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page, username);
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台', { timeout: realWork });
  return { context, page };
}

/** Registers `resident` through 新建档案 and waits for their profile. */
export async function registerResident(page: Page, resident: Resident) {
  await page.getByRole('menuitem', { name: '新建档案' }).click();
  await page.getByLabel('证件号码').fill(resident.id);
  await page.getByLabel('证件号码').blur();
  await page.getByLabel('姓名').fill(resident.name);
  if (resident.mobile) await page.getByLabel('手机号码').fill(resident.mobile);
  for (const allergy of resident.allergies ?? []) {
    await page.getByLabel('过敏史').fill(allergy);
    await page.getByLabel('过敏史').press('Enter');
  }
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText(resident.name, { timeout: realWork });
}

/** Finds `resident` in 居民档案 by the last six characters of their ID and opens their profile. */
export async function openResident(page: Page, resident: Pick<Resident, 'name' | 'id'>) {
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  // The list is searched once per query, so the box is cleared first and the wait for the row is
  // bounded: a caller retrying until a synced resident arrives searches again, instead of waiting
  // on a list that will not change (typing the same text again changes nothing).
  const search = page.getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位');
  await search.fill('');
  await search.fill(resident.id.slice(-6));
  await page.getByRole('cell', { name: resident.name }).click({ timeout: 10_000 });
  await expect(page.getByTestId('patient-name')).toHaveText(resident.name);
}
