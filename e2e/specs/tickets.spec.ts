/**
 * Queue tickets handed out offline: two desks of one centre, each its own browser (own IndexedDB:
 * the registrar's and the nurse's), lease today's ticket blocks at sign-in, lose the
 * network, and add a walk-in each at the same moment; after going back online and syncing, every
 * walk-in in the queue has a ticket of its own, the same on both desks.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { openDesk, registerResident, type Resident } from '../steps';

const numbersDatabase = 'clinicdesk-org-chc-demo-numbers';

const residents = [
  { name: '吴三', id: withCheck('12010619820303003') },
  { name: '郑四', id: withCheck('12010619830404004') },
];

function withCheck(body: string) {
  return body + checkCharacter(body);
}

/** Walk-in tickets this desk holds for its own today, read straight from its IndexedDB. */
function ticketsLeftToday(page: Page): Promise<number> {
  return page.evaluate(async (name) => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === name)) return 0;
    return new Promise<number>((resolve) => {
      const request = indexedDB.open(name);
      request.onerror = () => resolve(0);
      request.onsuccess = () => {
        const db = request.result;
        const all = db.transaction('blocks').objectStore('blocks').getAll();
        all.onsuccess = () => {
          db.close();
          const blocks = all.result as { series: string; day?: string; last: number; next: number }[];
          resolve(
            blocks
              .filter((b) => b.series === 'walkInTicket' && b.day === today)
              .reduce((sum, b) => sum + b.last - b.next + 1, 0),
          );
        };
      };
    });
  }, numbersDatabase);
}

/** Opens 今日就诊 and puts `resident` in the queue as a walk-in. */
async function addWalkIn(page: Page, resident: Resident) {
  await page.getByTestId('today-add-walkin').click();
  await page.getByTestId('walkin-search').fill(resident.id.slice(-6));
  await page.getByTestId('walkin-result').filter({ hasText: resident.name }).click();
  await expect(page.getByTestId('queue-row').filter({ hasText: resident.name })).toBeVisible();
}

test('two desks add walk-ins offline at the same moment; after sync every walk-in has its own ticket on both desks', async ({
  browser,
}) => {
  const a = await openDesk(browser, 'reg01');
  const b = await openDesk(browser, 'nurse01');
  for (const resident of residents) await registerResident(a.page, resident);
  for (const d of [a, b]) {
    // Each desk leases its own block of today's tickets at sign-in.
    await expect.poll(() => ticketsLeftToday(d.page), { timeout: 15_000 }).toBeGreaterThan(0);
    await d.page.getByRole('menuitem', { name: '今日就诊' }).click();
  }
  // Desk B has both residents before the network goes.
  await b.page.getByTestId('today-add-walkin').click();
  await expect(async () => {
    await b.page.getByTestId('walkin-search').fill('');
    await b.page.getByTestId('walkin-search').fill(residents[1]!.id.slice(-6));
    await expect(b.page.getByTestId('walkin-result').filter({ hasText: residents[1]!.name })).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 20_000 });
  await b.page.keyboard.press('Escape');

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await Promise.all([addWalkIn(a.page, residents[0]!), addWalkIn(b.page, residents[1]!)]);

  await a.context.setOffline(false);
  await b.context.setOffline(false);
  // Each desk shows both walk-ins with the same tickets, and no ticket twice in its queue.
  const mine: string[][] = [];
  for (const d of [a, b]) {
    const rows = residents.map((r) => d.page.getByTestId('queue-row').filter({ hasText: r.name }));
    for (const row of rows) await expect(row).toBeVisible({ timeout: 20_000 });
    mine.push(await Promise.all(rows.map((row) => row.getByTestId('queue-ticket').innerText())));
    const all = await d.page.getByTestId('queue-ticket').allInnerTexts();
    expect(new Set(all).size, all.join(' ')).toBe(all.length);
  }
  expect(mine[1]).toEqual(mine[0]);
  expect(mine[0]![0]).not.toBe(mine[0]![1]);
  for (const ticket of mine[0]!) expect(ticket).toMatch(/^W\d{3}$/);

  for (const d of [a, b]) await d.context.close();
});
