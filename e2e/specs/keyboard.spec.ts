/**
 * A morning at the front desk without the mouse, against a real platform: the registrar signs in,
 * registers a resident (F4), finds her (`/`, the arrow keys, Enter) and queues her as a walk-in
 * for a named doctor, all with `page.keyboard`. Every mouse method and every locator action that
 * could stand in for a key (click, fill, focus …) throws here, and the page counts pointer events:
 * none may happen. Enter with no result highlighted takes nothing; a page chosen from the menu
 * starts with focus in its first field (or its heading); `?` shows the shortcut overlay, Escape
 * closes it and focus returns. The named doctor then calls her in with F8.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { demoPassword, staff } from '../session';

const body = '11010819850716002';
const id = body + checkCharacter(body);
const name = '钟慧敏';
const doctor = staff.doc01.name;
const screenshots = 'docs/screenshots';

/** Methods that would act without a key press; each throws while the spec runs. */
const mouseMethods = ['click', 'dblclick', 'down', 'up', 'move', 'wheel'] as const;
const locatorMethods = [
  'click',
  'dblclick',
  'tap',
  'check',
  'uncheck',
  'setChecked',
  'hover',
  'dragTo',
  'selectOption',
  'fill',
  'clear',
  'type',
  'pressSequentially',
  'press',
  'focus',
] as const;
const pageMethods = [
  'click',
  'dblclick',
  'tap',
  'check',
  'uncheck',
  'hover',
  'fill',
  'type',
  'press',
  'focus',
];

const restore: (() => void)[] = [];

/** Replaces `object[method]` by a thrower for the duration of the test. */
function forbid(object: object, method: string, what: string) {
  const target = object as Record<string, unknown>;
  const original = Object.getOwnPropertyDescriptor(target, method);
  target[method] = () => {
    throw new Error(`${what} used in a keyboard-only spec`);
  };
  restore.push(() => {
    if (original) Object.defineProperty(target, method, original);
    else delete target[method];
  });
}

/** A desk whose page refuses the mouse and counts any pointer event that reaches it. */
async function keyboardDesk(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const counts = { pointer: 0 };
    (window as unknown as { pointerUse: typeof counts }).pointerUse = counts;
    for (const type of ['pointerdown', 'mousedown', 'touchstart', 'wheel'])
      window.addEventListener(type, () => void counts.pointer++, true);
    // A click made with a key (Enter, Space) has detail 0; one made with a pointer does not.
    window.addEventListener('click', (e) => void (e.detail > 0 && counts.pointer++), true);
  });
  const page = await context.newPage();
  for (const m of mouseMethods) forbid(page.mouse, m, `page.mouse.${m}`);
  forbid(page.touchscreen, 'tap', 'page.touchscreen.tap');
  for (const m of pageMethods) forbid(page, m, `page.${m}`);
  const locatorPrototype = Object.getPrototypeOf(page.locator('body')) as object;
  for (const m of locatorMethods) forbid(locatorPrototype, m, `Locator.${m}`);
  return page;
}

test.afterEach(() => {
  while (restore.length) restore.pop()!();
});

const pointerUse = (page: Page) =>
  page.evaluate(() => (window as unknown as { pointerUse: { pointer: number } }).pointerUse.pointer);

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Tabs (forwards or back, whichever way `target` lies) until it has focus. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    const before = await target.evaluate(
      (el) =>
        document.activeElement !== null &&
        document.activeElement !== document.body &&
        (el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
    );
    await page.keyboard.press(before ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not tab to ${target.toString()}`);
}

/** Signs in with the keyboard: the user name has focus, Tab to the password, Enter. */
async function signInByKeyboard(page: Page, username: keyof typeof staff) {
  await page.goto('/');
  await expect(page.getByLabel('用户名')).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('密码')).toBeFocused();
  await page.keyboard.type(demoPassword);
  await page.keyboard.press('Enter');
  const { name: who, role } = staff[username];
  await expect(page.getByTestId('operator')).toHaveText(`${who}（${role}）`);
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台', { timeout: 20_000 });
}

/** Chooses a menu item with the keyboard: Tab into the menu, arrows to the item, Enter. */
async function chooseMenu(page: Page, item: string) {
  await tabTo(page, page.getByRole('menu'));
  for (let i = 0; i < 8; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (focused === item) break;
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')), { timeout: 2_000 })
      .toBe('menuitem');
  }
  await expect(page.getByRole('menuitem', { name: item })).toBeFocused();
  await page.keyboard.press('Enter');
}

/** The page's first field, else its heading: where focus should be after a menu choice. */
const focusIsAtPageStart = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('.shell-content');
    const visible = (el: Element) => el.getClientRects().length > 0;
    const first = (selector: string) => Array.from(root?.querySelectorAll(selector) ?? []).find(visible);
    const field = first(
      'input:not([type="hidden"]):not([disabled]):not([tabindex="-1"]), textarea:not([disabled]), select:not([disabled])',
    );
    const heading = first('h1, h2, h3, h4');
    return document.activeElement !== null && document.activeElement === (field ?? heading);
  });

test('a registrar registers, finds and queues a resident for a named doctor with the keyboard only', async ({
  browser,
}) => {
  // Two desks signing in, a registration and a sync between them on a busy machine.
  test.setTimeout(120_000);
  const page = await keyboardDesk(browser);
  await signInByKeyboard(page, 'reg01');

  // F4: the registration form, focus in its first field; Tab on to the ID number.
  await page.keyboard.press('F4');
  await expect(page).toHaveURL(/#\/patients\/new$/);
  await expect.poll(() => focusIsAtPageStart(page), { timeout: 5_000 }).toBe(true);
  await tabTo(page, page.getByLabel('证件号码'));
  await page.keyboard.type(id);
  await tabTo(page, page.getByLabel('姓名'));
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-name')).toHaveText(name);

  // `/` from the profile: the residents list with focus in its search box.
  await page.keyboard.press('/');
  await expect(page).toHaveURL(/#\/patients$/);
  const search = page.getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
  await page.keyboard.type(id.slice(-6));
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  // Enter with nothing highlighted opens nothing.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/patients$/);
  await page.keyboard.press('ArrowDown');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', (await row.getAttribute('id')) ?? 'none');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-name')).toHaveText(name);

  // 今日就诊 from the menu: focus starts on the page, then a walk-in for 张建国.
  await chooseMenu(page, '今日就诊');
  await expect(page).toHaveURL(/#\/today$/);
  await expect.poll(() => focusIsAtPageStart(page), { timeout: 5_000 }).toBe(true);
  await tabTo(page, page.getByTestId('today-add-walkin'));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '现场挂号' });
  await expect(dialog).toBeVisible();
  const doctorField = dialog.getByRole('combobox', { name: /^医生/ });
  await tabTo(page, doctorField);
  for (let i = 0; i < 10; i++) {
    if ((await doctorField.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)) === doctor)
      break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(doctorField.locator('option:checked')).toHaveText(doctor);
  await tabTo(page, dialog.getByTestId('walkin-search'));
  await page.keyboard.type(id.slice(-6));
  const result = dialog.getByTestId('walkin-result').filter({ hasText: name });
  await expect(result).toBeVisible();
  // Enter without a highlight takes nothing; Tab away and back takes nothing either.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('queue-row').filter({ hasText: name })).toHaveCount(0);
  await expect(dialog.getByTestId('walkin-search')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(result).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const queued = page.getByTestId('queue-row').filter({ hasText: name });
  await expect(queued).toBeVisible();
  await expect(queued).toContainText(doctor);

  // `?`: the shortcut overlay; Escape closes it and focus returns to where it was.
  await tabTo(page, page.getByTestId('today-add-walkin'));
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(help).toBeVisible();
  for (const text of ['查找居民', '新建居民档案', '呼叫下一位患者', 'F2', 'F4', 'F8'])
    await expect(help).toContainText(text);
  mkdirSync(screenshots, { recursive: true });
  await help.screenshot({ path: `${screenshots}/shortcuts.png` });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByTestId('today-add-walkin')).toBeFocused();
  expect(await pointerUse(page)).toBe(0);

  // The named doctor's desk: F8 on 今日就诊 calls her straight into a consultation.
  const doctorPage = await keyboardDesk(browser);
  await signInByKeyboard(doctorPage, 'doc01');
  await chooseMenu(doctorPage, '今日就诊');
  await expect(doctorPage.getByTestId('today-next')).toContainText(name, { timeout: 20_000 });
  await doctorPage.keyboard.press('F8');
  await expect(doctorPage).toHaveURL(/\/encounters\//);
  expect(await pointerUse(doctorPage)).toBe(0);
});
