// The platform for the e2e run: the built bundle (`npm run build` writes dist/platform/main.mjs) on
// a fresh embedded database in a temporary folder, with the demo staff and no synthetic residents
// (the specs register their own; E2E_PLATFORM_RESIDENTS seeds that many for a spec that needs a
// centre). The folder is removed when the platform stops.
//   node e2e/platform.mjs PORT
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(repoRoot, 'dist/platform/main.mjs');
if (!existsSync(bundle)) {
  console.error(`${bundle} not found: run \`npm run build\` first.`);
  process.exit(1);
}

const port = process.argv[2] ?? '8799';
const dataDir = mkdtempSync(join(tmpdir(), 'clinicdesk-e2e-platform-'));
const child = spawn(process.execPath, [bundle], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    CLINICDESK_DATA_DIR: dataDir,
    CLINICDESK_SEED: '1',
    CLINICDESK_SEED_RESIDENTS: process.env.E2E_PLATFORM_RESIDENTS ?? '0',
    CLINICDESK_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    // POST /v1/test/clock moves the platform's clock with the desk's (e2e only, never sleeping).
    CLINICDESK_TEST_CLOCK: '1',
  },
});
child.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
