/**
 * `npm run audit:verify`: walks the platform's audit trail (./verify.ts), prints a verdict and
 * exits 0 when it is intact, 1 when anything is wrong, 2 when it could not check.
 *
 * Against the database directly (the platform stopped, for PGlite: one process at a time):
 *   DATABASE_URL (PostgreSQL) or CLINICDESK_DATA_DIR (PGlite, default .data/platform);
 *   CLINICDESK_AUDIT_KEY or CLINICDESK_TOKEN_SECRET (the key checkpoints are signed with; without
 *   it their signatures are not checked); CLINICDESK_AUDIT_CHECKPOINT_FILE (default
 *   <data dir>/audit-checkpoint.json).
 * Against a running platform, as an admin (the platform walks its own database):
 *   --url http://host:port  with CLINICDESK_AUDIT_USERNAME and CLINICDESK_AUDIT_PASSWORD
 *   (or --username / --password).
 * Either way: --head <seq>.<hash>.<signature> adds a head a desk kept (`x-clinicdesk-audit-head`);
 * --json prints the report as JSON.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loginResponseSchema } from '../../shared/platform/auth';
import { openStore } from '../db/store';
import { checkpointFileName, parseHeaderValue, type SignedHead } from './checkpoints';
import { auditReportSchema, verifyAudit, type AuditReport } from './verify';

/** The verdict as people read it, zh-CN then en on each line (a console tool, like main.ts). */
function formatReport(report: AuditReport): string {
  const lines: string[] = [];
  const head = report.head ? `seq ${report.head.seq}, ${report.head.hash.slice(0, 16)}…` : '—';
  lines.push(
    report.ok
      ? `审计链完好 Audit chain intact: ${report.events} events, head ${head}`
      : `审计链有问题 Audit chain NOT intact: ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} ` +
          `after ${report.events} events, head ${head}`,
  );
  lines.push(
    `  签名位置 Signed heads checked: ${report.headsChecked} (furthest seq ${report.checkpointSeq}; ` +
      `signatures ${report.signaturesChecked ? 'verified' : 'NOT verified: no audit key given'})`,
  );
  lines.push(
    `  调阅批次 Pull batches: ${report.pullBatches}; pulls waiting for a batch: ${report.pullsWaiting}`,
  );
  for (const problem of report.problems)
    lines.push(
      `  ✗ ${problem.code}${problem.seq === null ? '' : ` at seq ${problem.seq}`}` +
        `${problem.source ? ` (${problem.source})` : ''}`,
    );
  return lines.join('\n');
}

async function viaPlatform(url: string, username: string, password: string, head: string | undefined) {
  const base = url.replace(/\/+$/, '');
  const login = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${username} answered ${login.status}`);
  const { accessToken } = loginResponseSchema.parse(await login.json());
  const query = head ? `?head=${encodeURIComponent(head)}` : '';
  const answer = await fetch(`${base}/v1/admin/audit/verify${query}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!answer.ok) throw new Error(`verification answered ${answer.status}: ${await answer.text()}`);
  return auditReportSchema.parse(await answer.json());
}

async function direct(head: SignedHead | null): Promise<AuditReport> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.CLINICDESK_DATA_DIR || '.data/platform';
  if (!databaseUrl && !existsSync(dataDir)) throw new Error(`there is no platform database in ${dataDir}`);
  const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    return await verifyAudit(store, {
      key: process.env.CLINICDESK_AUDIT_KEY || process.env.CLINICDESK_TOKEN_SECRET || null,
      checkpointFile: process.env.CLINICDESK_AUDIT_CHECKPOINT_FILE || join(dataDir, checkpointFileName),
      deskHeads: head ? [head] : [],
    });
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      head: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const head = values.head === undefined ? null : parseHeaderValue(values.head);
  if (values.head !== undefined && !head) {
    console.error('--head must be <seq>.<hash>.<signature>, as the desk kept it.');
    return 2;
  }
  let report: AuditReport;
  try {
    if (values.url) {
      const username = values.username ?? process.env.CLINICDESK_AUDIT_USERNAME;
      const password = values.password ?? process.env.CLINICDESK_AUDIT_PASSWORD;
      if (!username || !password) {
        console.error('--url needs an admin: --username/--password or CLINICDESK_AUDIT_USERNAME/PASSWORD.');
        return 2;
      }
      report = await viaPlatform(values.url, username, password, values.head);
    } else report = await direct(head);
  } catch (error) {
    console.error(`审计链无法检查 The audit chain could not be checked: ${(error as Error).message}`);
    return 2;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}

void main().then((code) => process.exit(code));
