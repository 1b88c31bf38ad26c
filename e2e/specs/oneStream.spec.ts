/**
 * A desk holds one change stream however many collections it replicates: a browser opens at most
 * six connections to one platform, and a stream per collection would leave a nurse's or doctor's
 * desk none for its pulls, pushes and sign-in refresh (it would show 离线 for good). A nurse's and
 * a doctor's desk, each its own browser, sign in, hold one stream each, and sync both ways.
 */
import { expect, test, type Browser, type Page, type Request } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { signIn, type staff } from '../session';
import { openResident, registerResident } from '../steps';

const body = '12010619900707077';
const resident = { name: '孙九', id: body + checkCharacter(body) };

/** Every collection a nurse's or doctor's desk reads (all but the audit trail, which only goes up). */
const clinicalDeskReads = [
  'appointments',
  'carePlans',
  'directory',
  'encounters',
  'observations',
  'patients',
  'prescriptions',
];

/** The change streams a desk has opened, as the browser sent them. */
interface Streams {
  /** Open now, with their `collections`. */
  open: Map<Request, string>;
  /** The most open at one moment. */
  most: number;
  /** Requests for a collection's own stream (`/v1/<collection>/stream`). */
  perCollection: number;
}

/** A desk of its own, signed in and connected, its change-stream requests counted from the start. */
async function openCountedDesk(browser: Browser, username: keyof typeof staff) {
  const context = await browser.newContext();
  const streams: Streams = { open: new Map(), most: 0, perCollection: 0 };
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (/^\/v1\/[^/]+\/stream$/.test(url.pathname)) streams.perCollection += 1;
    if (url.pathname !== '/v1/stream') return;
    streams.open.set(request, url.searchParams.get('collections') ?? '');
    streams.most = Math.max(streams.most, streams.open.size);
  });
  const ended = (request: Request) => void streams.open.delete(request);
  context.on('requestfinished', ended);
  context.on('requestfailed', ended);
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page, username);
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台', { timeout: 20_000 });
  return { context, page, streams };
}

async function editFamilyDoctor(page: Page, value: string) {
  await page.getByRole('button', { name: '编辑档案' }).click();
  await page.getByLabel('家庭医生').fill(value);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('button', { name: '编辑档案' })).toBeVisible();
}

test('a nurse’s and a doctor’s desk each hold one change stream, and changes flow both ways', async ({
  browser,
}) => {
  const nurse = await openCountedDesk(browser, 'nurse01');
  const doctor = await openCountedDesk(browser, 'doc01');

  // The nurse registers; the doctor's desk has the resident within seconds.
  await registerResident(nurse.page, resident);
  await expect(async () => openResident(doctor.page, resident)).toPass({ timeout: 15_000 });
  // The doctor names the family doctor; the nurse's open profile shows it.
  await editFamilyDoctor(doctor.page, '张建国');
  await expect(nurse.page.getByText('张建国', { exact: true }).last()).toBeVisible({ timeout: 15_000 });

  for (const desk of [nurse, doctor]) {
    // One stream now, carrying every collection the desk reads; never two at once, never one per collection.
    await expect.poll(() => desk.streams.open.size, { timeout: 10_000 }).toBe(1);
    const [carried] = [...desk.streams.open.values()];
    expect(carried!.split(',').sort()).toEqual(clinicalDeskReads);
    expect(desk.streams.most).toBe(1);
    expect(desk.streams.perCollection).toBe(0);
    await expect(desk.page.getByTestId('sync-indicator')).toContainText('已连接平台');
  }
  for (const desk of [nurse, doctor]) await desk.context.close();
});
