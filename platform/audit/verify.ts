/**
 * The whole verification of the audit trail, for `npm run audit:verify` and the admin endpoint:
 * the hash chain (a row altered, removed or reordered), its length against every signed head
 * known (checkpoints in the database and in the file, heads desks were sent: the newest rows
 * removed), and each batch of pulls against the digest its chain event holds (a pull row altered
 * or removed after it was batched).
 */
import { z } from 'zod';
import type { Queryable } from '../db/store';
import { verifyAuditChain } from './audit';
import { fileCheckpoint, headSignedWith, storedCheckpoints, type SignedHead } from './checkpoints';
import { pullDigest, pullLogColumns, type PullLogRow } from './platformAudit';

export const auditProblemSchema = z.object({
  /**
   * - `chainBroken`: the row at `seq` does not link to the one before it or does not match its content;
   * - `chainTruncated`: a signed head names `seq`, beyond the chain's last row;
   * - `headMismatch`: the row at `seq` is not the one a signed head names;
   * - `forgedHead`: a head's signature does not verify with the audit key;
   * - `pullsAltered`: the pulls batched by the event at `seq` are not those its digest covers;
   * - `pullsUnbatched`: pulls name a batch event at `seq` that is not one;
   * - `checkpointFileUnreadable`: the checkpoint file exists but is not a checkpoint.
   */
  code: z.enum([
    'chainBroken',
    'chainTruncated',
    'headMismatch',
    'forgedHead',
    'pullsAltered',
    'pullsUnbatched',
    'checkpointFileUnreadable',
  ]),
  seq: z.number().nullable(),
  /** Where the head came from: `checkpoint`, `checkpointFile` or `desk`. */
  source: z.string().nullable(),
});
export type AuditProblem = z.infer<typeof auditProblemSchema>;

/** The answer of `GET /v1/admin/audit/verify` and what the script prints. */
export const auditReportSchema = z.object({
  ok: z.boolean(),
  /** Rows walked in order until the end or the first broken link. */
  events: z.number(),
  head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
  /** Signed heads compared with the chain. */
  headsChecked: z.number(),
  /** The furthest position a signed head vouches for (0 when none). */
  checkpointSeq: z.number(),
  /** Whether the heads' signatures could be checked (the audit key was given). */
  signaturesChecked: z.boolean(),
  pullBatches: z.number(),
  /** Pulls noted but not yet covered by a batch (a second's worth in normal running). */
  pullsWaiting: z.number(),
  problems: z.array(auditProblemSchema),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

export interface VerifyOptions {
  /** The key checkpoints and heads are signed with; without it their signatures are not checked. */
  key?: string | null;
  /** The checkpoint file to compare with (the platform's data folder). */
  checkpointFile?: string | null;
  /** Heads desks reported (e.g. from the `x-clinicdesk-audit-head` header they kept). */
  deskHeads?: readonly SignedHead[];
}

/** Walks everything (see the module comment); `ok` when no problem was found. */
export async function verifyAudit(db: Queryable, options: VerifyOptions = {}): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  const heads: { head: SignedHead; source: string }[] = [];
  for (const head of await storedCheckpoints(db)) heads.push({ head, source: 'checkpoint' });
  if (options.checkpointFile) {
    try {
      const head = await fileCheckpoint(options.checkpointFile);
      if (head) heads.push({ head, source: 'checkpointFile' });
    } catch {
      problems.push({ code: 'checkpointFileUnreadable', seq: null, source: 'checkpointFile' });
    }
  }
  for (const head of options.deskHeads ?? []) heads.push({ head, source: 'desk' });

  const trusted = heads.filter(({ head, source }) => {
    if (!options.key || headSignedWith(options.key, head)) return true;
    problems.push({ code: 'forgedHead', seq: head.seq, source });
    return false;
  });
  const expected = new Map<number, { hash: string; source: string }[]>();
  for (const { head, source } of trusted) {
    const list = expected.get(head.seq) ?? [];
    list.push({ hash: head.hash, source });
    expected.set(head.seq, list);
  }

  const pullBatches = new Map<number, string>();
  let head = null as { seq: number; hash: string } | null;
  let walked = 0;
  const chain = await verifyAuditChain(db, 2000, (event) => {
    walked++;
    head = { seq: event.seq, hash: event.hash };
    for (const want of expected.get(event.seq) ?? [])
      if (want.hash !== event.hash)
        problems.push({ code: 'headMismatch', seq: event.seq, source: want.source });
    if (event.action === 'sync.pulls' && typeof event.details.digest === 'string')
      pullBatches.set(event.seq, event.details.digest);
  });
  if (!chain.ok) problems.push({ code: 'chainBroken', seq: chain.brokenAt, source: null });
  const lastSeq = head?.seq ?? 0;
  const checkpointSeq = Math.max(0, ...trusted.map(({ head: h }) => h.seq));
  if (chain.ok)
    for (const { head: h, source } of trusted)
      if (h.seq > lastSeq) problems.push({ code: 'chainTruncated', seq: h.seq, source });

  problems.push(...(await pullBatchProblems(db, pullBatches)));
  const [waiting] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pull_log WHERE audit_seq IS NULL',
  );
  return {
    ok: problems.length === 0,
    events: walked,
    head,
    headsChecked: heads.length,
    checkpointSeq,
    signaturesChecked: Boolean(options.key),
    pullBatches: pullBatches.size,
    pullsWaiting: Number(waiting?.n ?? 0),
    problems: dedupe(problems),
  };
}

/** Recomputes each batch's digest from the rows that name it, page by page in (batch, id) order. */
async function pullBatchProblems(db: Queryable, batches: Map<number, string>): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  const seen = new Set<number>();
  let current = null as { seq: number; rows: PullLogRow[] } | null;
  const close = () => {
    if (!current) return;
    seen.add(current.seq);
    const digest = batches.get(current.seq);
    if (digest === undefined) problems.push({ code: 'pullsUnbatched', seq: current.seq, source: null });
    else if (digest !== pullDigest(current.rows))
      problems.push({ code: 'pullsAltered', seq: current.seq, source: null });
  };
  let after: [number, number] = [0, 0];
  for (;;) {
    const rows = await db.query<PullLogRow & { audit_seq: number }>(
      `SELECT audit_seq, ${pullLogColumns} FROM pull_log
        WHERE audit_seq IS NOT NULL AND (audit_seq, id) > ($1, $2) ORDER BY audit_seq, id LIMIT 5000`,
      after,
    );
    for (const row of rows) {
      const seq = Number(row.audit_seq);
      if (!current || current.seq !== seq) {
        close();
        current = { seq, rows: [] };
      }
      current.rows.push(row);
    }
    if (rows.length < 5000) break;
    const last = rows[rows.length - 1]!;
    after = [Number(last.audit_seq), Number(last.id)];
  }
  close();
  // A batch whose rows are all gone: its digest covered something.
  for (const seq of batches.keys())
    if (!seen.has(seq)) problems.push({ code: 'pullsAltered', seq, source: null });
  return problems;
}

function dedupe(problems: AuditProblem[]): AuditProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}:${p.seq}:${p.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
