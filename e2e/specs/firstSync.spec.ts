/**
 * A fresh desk's first sync of a centre, in Chromium on real IndexedDB against its own platform
 * process (seeded with 4,500 residents) and server: whole pages of residents are written straight
 * into storage, the list follows them as they arrive, search says it waits for the first sync and
 * then finds what arrived without the user typing again, and nothing is sent back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { centrePlatformPort, centreWebPort } from '../ports';
import { signIn } from '../session';

const residents = 4500;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const platformUrl = `http://127.0.0.1:${centrePlatformPort}`;
const webUrl = `http://127.0.0.1:${centreWebPort}/`;
const children: ChildProcess[] = [];

/** Starts `node script port` and waits until `ready` answers. */
async function start(script: string, port: number, ready: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [script, String(port)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  children.push(child);
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode})`);
    const up = await fetch(ready).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${script} did not start`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await start('e2e/platform.mjs', centrePlatformPort, `${platformUrl}/v1/health`, {
    E2E_PLATFORM_RESIDENTS: String(residents),
  });
  await start('e2e/serve.mjs', centreWebPort, webUrl, { CLINICDESK_PLATFORM_URL: platformUrl });
});

test.afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
});

test('a fresh desk pulls the centre, searches it once the first sync is done, and sends nothing back', async ({
  page,
}) => {
  const pushes: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/v1/patients/push') pushes.push(request.url());
  });
  // A slow link, so that the first sync lasts long enough to be seen: each page takes 1.5 s.
  await page.route('**/v1/patients/pull?**', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(webUrl);
  await signIn(page, 'reg01');
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await expect(page.getByTestId('first-sync-search')).toHaveText(
    '首次同步进行中：居民档案正在陆续到达，同步完成后即可检索全部居民。',
  );
  // The list shows residents as soon as the first page is written, while the first sync goes on.
  await expect(page.getByTestId('list-summary')).toHaveText(/^共 [1-9]\d* 份档案$/);
  await expect(page.getByTestId('first-sync-search')).toBeVisible();
  const name = (await page.getByRole('row').nth(1).getByRole('cell').first().textContent())!.trim();
  await page.getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位').fill(name);

  // Once the first sync has ended, the search has run again by itself and found the resident.
  await expect(page.getByTestId('first-sync-search')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('list-summary')).toHaveText(/^找到 [1-9]\d* 条匹配$/);
  await expect(page.getByRole('cell', { name, exact: true }).first()).toBeVisible();
  await page.getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位').fill('');
  await expect(page.getByTestId('list-summary')).toHaveText(`共 ${residents} 份档案`);
  expect(pushes).toEqual([]);
});
