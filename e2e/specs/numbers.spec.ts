/**
 * Outpatient numbers (门诊号) handed out offline: two desks of one centre, each its own browser
 * (own IndexedDB), lease their blocks at sign-in, lose the network, register a resident each, and
 * after going back online and syncing both residents keep their distinct numbers on both desks.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { openDesk, openResident, registerResident, type Resident } from '../steps';

const numbersDatabase = 'clinicdesk-org-chc-demo-numbers';
const numberPattern = /^SQ\d{8}$/;

const residents = [
  { name: '孙一', id: withCheck('12010619800101001') },
  { name: '周二', id: withCheck('12010619810202002') },
];

function withCheck(body: string) {
  return body + checkCharacter(body);
}

/** Numbers this desk holds in its blocks, read straight from its IndexedDB. */
function numbersLeft(page: Page): Promise<number> {
  return page.evaluate(async (name) => {
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === name)) return 0;
    return new Promise<number>((resolve) => {
      const request = indexedDB.open(name);
      request.onerror = () => resolve(0);
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('blocks')) {
          db.close();
          return resolve(0);
        }
        const all = db.transaction('blocks').objectStore('blocks').getAll();
        all.onsuccess = () => {
          db.close();
          const blocks = all.result as { last: number; next: number; retiredAt?: string }[];
          resolve(blocks.reduce((sum, b) => sum + (b.retiredAt ? 0 : b.last - b.next + 1), 0));
        };
      };
    });
  }, numbersDatabase);
}

/** Registers `resident` and reads the outpatient number their profile shows. */
async function register(page: Page, resident: Resident): Promise<string> {
  await registerResident(page, resident);
  const number = page.getByTestId('outpatient-no');
  await expect(number).toHaveText(numberPattern);
  return (await number.textContent())!;
}

test('two desks hand out outpatient numbers offline; both residents keep distinct numbers after sync', async ({
  browser,
}) => {
  const a = await openDesk(browser, 'reg01');
  const b = await openDesk(browser, 'nurse01');

  // Each desk leases its own block at sign-in.
  for (const d of [a, b])
    await expect.poll(() => numbersLeft(d.page), { timeout: 15_000 }).toBeGreaterThan(0);

  // The network goes; each desk registers a resident with a number from its own block.
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  const numberA = await register(a.page, residents[0]!);
  const numberB = await register(b.page, residents[1]!);
  expect(numberA).not.toBe(numberB);
  await expect(a.page.getByTestId('sync-mark')).toHaveText('尚未上传到平台');

  // Back online: both records reach the platform, unchanged, and each desk receives the other's.
  await a.context.setOffline(false);
  await b.context.setOffline(false);
  for (const d of [a, b]) await expect(d.page.getByTestId('sync-mark')).toHaveCount(0, { timeout: 20_000 });
  await expect(async () => openResident(b.page, residents[0]!)).toPass({ timeout: 20_000 });
  await expect(b.page.getByTestId('outpatient-no')).toHaveText(numberA);
  await expect(async () => openResident(a.page, residents[1]!)).toPass({ timeout: 20_000 });
  await expect(a.page.getByTestId('outpatient-no')).toHaveText(numberB);
  // And each desk still shows its own resident's number as registered.
  await openResident(a.page, residents[0]!);
  await expect(a.page.getByTestId('outpatient-no')).toHaveText(numberA);
  await openResident(b.page, residents[1]!);
  await expect(b.page.getByTestId('outpatient-no')).toHaveText(numberB);
  // The list shows the number too.
  await b.page.getByRole('menuitem', { name: '居民档案' }).click();
  await expect(b.page.getByRole('cell', { name: numberA })).toBeVisible();

  for (const d of [a, b]) await d.context.close();
});
