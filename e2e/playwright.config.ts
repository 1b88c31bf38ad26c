import { defineConfig } from '@playwright/test';
import { findElectron } from '../build/electronBinary.mjs';
import { chromiumArgs, chromiumPath } from '../build/chromium.mjs';
import { platformPort, platformUrl, webPort as port } from './ports';

// The same workstation through Electron's own window, where its binary is installed. Where it is
// not (it cannot be downloaded on every build machine), these specs are not run, and we say so.
const electron = findElectron();
if (!electron)
  console.log('Electron binary not installed: e2e/electron specs not run; web-mode specs run in Chromium.');

export default defineConfig({
  projects: [
    // Specs share one platform; the registry spec counts every resident of the centre, so it runs
    // before the specs that register residents of their own.
    { name: 'registry', testDir: './specs', testMatch: /registry\.spec\.ts$/ },
    { name: 'web', testDir: './specs', testIgnore: /registry\.spec\.ts$/, dependencies: ['registry'] },
    ...(electron ? [{ name: 'electron', testDir: './electron' }] : []),
  ],
  outputDir: '../test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  webServer: [
    // A real platform process (the built bundle) on a fresh database: e2e/platform.mjs.
    {
      command: `node e2e/platform.mjs ${platformPort}`,
      cwd: '..',
      url: `${platformUrl}/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      // SIGTERM lets the platform close its database and the wrapper remove the temporary folder.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    {
      command: `node e2e/serve.mjs ${port}`,
      cwd: '..',
      url: `http://127.0.0.1:${port}/`,
      env: { CLINICDESK_PLATFORM_URL: platformUrl },
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
