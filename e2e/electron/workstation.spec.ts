/**
 * The workstation in Electron: the secure window, the typed bridge and nothing more, and sign-in
 * and the registry working on the app:// origin against the e2e platform. Runs only where the
 * Electron binary is installed. (The renderer calls the platform from app://clinicdesk, a
 * cross-origin request: the platform must answer CORS for that origin.)
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { findElectron } from '../../build/electronBinary.mjs';
import { hostMethodNames } from '../../shared/ipc/channels';
import { platformUrl } from '../ports';
import { demoPassword, signIn } from '../session';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

test('opens a sandboxed window that exposes only the ClinicHost bridge', async () => {
  const executablePath = findElectron();
  const app = await electron.launch({
    executablePath,
    args: [repoRoot],
    env: { ...process.env, CLINICDESK_PLATFORM_URL: platformUrl },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
    expect(page.url()).toMatch(/^app:\/\/clinicdesk\//);

    const exposed = await page.evaluate(() => ({
      bridge: Object.keys((window as unknown as { clinic: object }).clinic).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ bridge: [...hostMethodNames], require: 'undefined', process: 'undefined' });

    const info = await page.evaluate(() =>
      (
        window as unknown as { clinic: { appInfo(): Promise<{ mode: string; platformUrl: string | null }> } }
      ).clinic.appInfo(),
    );
    expect(info).toMatchObject({ mode: 'electron', platformUrl, platformUrlSource: 'environment' });
    const refused = await page.evaluate(() =>
      (window as unknown as { clinic: { setLocale(l: string): Promise<void> } }).clinic.setLocale('fr').then(
        () => 'accepted',
        (e: Error) => e.message,
      ),
    );
    expect(refused).toContain('ipc.invalidPayload');

    // The registry works on the app:// origin's IndexedDB as it does in web mode.
    await signIn(page, 'reg01');
    await page.getByRole('menuitem', { name: '新建档案' }).click();
    await page.getByLabel('证件号码').fill('120101198001010012');
    await page.getByLabel('姓名').fill('张三');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('patient-name')).toHaveText('张三');

    // A reload of the window (View → Reload) locks, as in web mode; the password returns to the record.
    await page.reload();
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await page.getByLabel('密码').fill(demoPassword);
    await page.getByRole('button', { name: '解锁' }).click();
    await expect(page.getByTestId('patient-name')).toHaveText('张三');
  } finally {
    await app.close();
  }
});
