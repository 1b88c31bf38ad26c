/**
 * The audit chain cannot be cut short unnoticed: once the platform signed a checkpoint (kept in
 * the database and in a file beside it) or sent a desk its signed head, removing the newest rows
 * — as someone with the database account would, dropping the append-only trigger first — is
 * reported by the verification function, by the admin endpoint, and by `npm run audit:verify`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { openStore, type Queryable, type Store } from '../db/store';
import { seedDemo } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, testTokenSecret, type TestPlatform } from '../testing/platform';
import { recordAudit } from './audit';
import { auditHeadHeader, checkpointFileName, parseHeaderValue, writeCheckpoint } from './checkpoints';
import { auditVerifyPath } from './routes';
import { verifyAudit, type AuditReport } from './verify';

/** Removes the newest `n` audit rows as an attacker with the database account would. */
async function cutNewest(db: Queryable, n: number) {
  await db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
  await db.query(
    'DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events ORDER BY seq DESC LIMIT $1)',
    [n],
  );
  await db.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
}

describe.each(testBackends)('a chain cut short on $name', ({ open }) => {
  let platform: TestPlatform;
  let store: Store;
  const folder = mkdtempSync(join(tmpdir(), 'clinicdesk-audit-'));
  const checkpointFile = join(folder, checkpointFileName);
  const verify = (token: string, head?: string) =>
    platform.app.inject({
      method: 'GET',
      url: `${auditVerifyPath}${head ? `?head=${encodeURIComponent(head)}` : ''}`,
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    platform = await startTestPlatform(open, {
      signIn: ['reg01', 'admin01'],
      auditCheckpointFile: checkpointFile,
    });
    store = platform.store;
  }, 120_000);
  afterAll(async () => {
    await platform.close();
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it(
    'is intact, then reports the newest rows removed after a checkpoint and a desk’s head',
    { timeout: 60_000 },
    async () => {
      for (let i = 0; i < 5; i++)
        await recordAudit(store, { action: 'patient.read', orgId: 'org-chc-demo', actorId: 'staff-reg01' });
      const pulled = await platform.app.inject({
        method: 'GET',
        url: '/v1/patients/pull?seq=0&limit=10',
        headers: { authorization: `Bearer ${platform.tokens.reg01}` },
      });
      const deskHead = String(pulled.headers[auditHeadHeader]);
      expect(parseHeaderValue(deskHead)).not.toBeNull();
      const checkpoint = await writeCheckpoint(store, testTokenSecret, new Date(), checkpointFile);
      expect(checkpoint).not.toBeNull();

      const intact = await verifyAudit(store, {
        key: testTokenSecret,
        checkpointFile,
        deskHeads: [parseHeaderValue(deskHead)!],
      });
      expect(intact).toMatchObject({ ok: true, problems: [], signaturesChecked: true });
      expect(intact.headsChecked).toBe(3);
      const answered = await verify(platform.tokens.admin01!, deskHead);
      expect(answered.statusCode).toBe(200);
      expect((answered.json() as AuditReport).ok).toBe(true);

      // The newest rows go, and with them the checkpoints the database held.
      await cutNewest(store, 3);
      await store.exec('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_no_update_delete');
      await store.query('DELETE FROM audit_checkpoints');
      await store.exec('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_no_update_delete');

      const cut = await verifyAudit(store, {
        key: testTokenSecret,
        checkpointFile,
        deskHeads: [parseHeaderValue(deskHead)!],
      });
      expect(cut.ok).toBe(false);
      expect(cut.problems).toEqual(
        expect.arrayContaining([
          { code: 'chainTruncated', seq: checkpoint!.seq, source: 'checkpointFile' },
          { code: 'chainTruncated', seq: parseHeaderValue(deskHead)!.seq, source: 'desk' },
        ]),
      );
      const seen = (await verify(platform.tokens.admin01!, deskHead)).json() as AuditReport;
      expect(seen.ok).toBe(false);
      expect(seen.problems.map((p) => p.code)).toContain('chainTruncated');
    },
  );

  it('refuses the verification to every role but the admin', async () => {
    const answer = await verify(platform.tokens.reg01!);
    expect(answer.statusCode).toBe(403);
    expect(answer.json()).toMatchObject({ error: { code: 'auth.forbidden' } });
  });

  it('reports a head whose signature was not made with the audit key', async () => {
    const report = await verifyAudit(store, {
      key: testTokenSecret,
      deskHeads: [{ seq: 1, hash: 'a'.repeat(64), madeAt: null, mac: 'b'.repeat(64) }],
    });
    expect(report.problems).toContainEqual({ code: 'forgedHead', seq: 1, source: 'desk' });
  });
});

describe('npm run audit:verify on a PGlite data folder', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const folder = mkdtempSync(join(tmpdir(), 'clinicdesk-audit-verify-'));
  const dataDir = join(folder, 'platform');
  // Inside the repository, so the bundle finds node_modules as the real one does.
  mkdirSync(join(root, '.scratch'), { recursive: true });
  const bundleFolder = mkdtempSync(join(root, '.scratch', 'audit-verify-'));
  const script = join(bundleFolder, 'main.mjs');
  const key = 'audit-key-audit-key-audit-key-0123456789';
  const run = () =>
    spawnSync(process.execPath, [script], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', CLINICDESK_DATA_DIR: dataDir, CLINICDESK_AUDIT_KEY: key },
      encoding: 'utf8',
      timeout: 60_000,
    });

  beforeAll(async () => {
    // The same bundle `npm run audit:verify` builds (build/bundle-audit-verify.mjs), in a temporary folder.
    await build({
      absWorkingDir: root,
      entryPoints: ['platform/audit/verifyMain.ts'],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    const store = await openStore({ dataDir });
    await migrate(store);
    await seedDemo(store, { residents: 0 });
    for (let i = 0; i < 4; i++)
      await recordAudit(store, { action: 'patient.read', orgId: 'org-chc-demo', actorId: 'staff-reg01' });
    await writeCheckpoint(store, key, new Date(), join(dataDir, checkpointFileName));
    await store.close();
  }, 120_000);
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(bundleFolder, { recursive: true, force: true });
  });

  it(
    'prints the chain intact, then exits non-zero once the newest rows are gone',
    { timeout: 120_000 },
    async () => {
      const intact = run();
      expect(intact.stderr).toBe('');
      expect(intact.stdout).toContain('Audit chain intact');
      expect(intact.status).toBe(0);

      const store = await openStore({ dataDir });
      await cutNewest(store, 2);
      await store.close();

      const cut = run();
      expect(cut.stdout).toContain('Audit chain NOT intact');
      expect(cut.stdout).toContain('chainTruncated');
      expect(cut.status).toBe(1);
    },
  );
});
