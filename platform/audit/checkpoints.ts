/**
 * Knowing how long the audit chain was. The chain shows a row altered or removed in its middle,
 * but removing the newest rows leaves a valid shorter chain. So the platform signs its head (the
 * newest row's seq and hash) with a key the database never holds (CLINICDESK_AUDIT_KEY, else
 * CLINICDESK_TOKEN_SECRET) and leaves that signed head where the database account cannot reach
 * it alone:
 *
 * - checkpoints: every `audit_checkpoints` row, and the newest also in a file beside the data
 *   (`audit-checkpoint.json`), written every half minute when the chain grew;
 * - desks: every push and pull answer carries the signed head in {@link auditHeadHeader}, and the
 *   desk keeps the newest it was sent (a desk can report it; verify takes it as one more head).
 *
 * verify (./verify.ts) then reports a chain shorter than any head it is given or that does not
 * hold the hash a head names.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseAuditHead } from '../../shared/audit/head';
import type { Queryable } from '../db/store';

export { auditHeadHeader } from '../../shared/audit/head';

/** The file name of the newest checkpoint, beside the platform's data. */
export const checkpointFileName = 'audit-checkpoint.json';

/** A position in the chain, signed. */
export interface SignedHead {
  seq: number;
  hash: string;
  /** When it was signed (checkpoints), or null (heads sent to desks, signed over seq and hash only). */
  madeAt: string | null;
  mac: string;
}

const macOf = (key: string, head: Omit<SignedHead, 'mac'>) =>
  createHmac('sha256', key)
    .update(`clinicdesk-audit-head:${head.seq}:${head.hash}:${head.madeAt ?? ''}`)
    .digest('hex');

/** Signs a head. */
export const signHead = (key: string, head: Omit<SignedHead, 'mac'>): SignedHead => ({
  ...head,
  mac: macOf(key, head),
});

/** Whether `head` was signed with `key`. */
export function headSignedWith(key: string, head: SignedHead): boolean {
  const expected = Buffer.from(macOf(key, head), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(head.mac) ? head.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The newest row of the chain, or null when it is empty. */
export async function chainHead(db: Queryable): Promise<{ seq: number; hash: string } | null> {
  const [row] = await db.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** The header value for a head. */
export const headerValue = (head: SignedHead): string => `${head.seq}.${head.hash}.${head.mac}`;

/** A header value back as a head (heads sent to desks carry no time); null when malformed. */
export function parseHeaderValue(text: string): SignedHead | null {
  const head = parseAuditHead(text);
  return head ? { ...head, madeAt: null } : null;
}

/**
 * The signed head for answers to desks, read at most once per `maxAgeMs` per process: a pull
 * costs no extra query, and a head a second old is as good a lower bound as the newest.
 */
export function headCache(db: Queryable, key: string, maxAgeMs = 1000) {
  let value: { text: string | null; at: number } | null = null;
  let pending: Promise<string | null> | null = null;
  return async (): Promise<string | null> => {
    if (value && Date.now() - value.at < maxAgeMs) return value.text;
    pending ??= chainHead(db)
      .then((head) => (head ? headerValue(signHead(key, { ...head, madeAt: null })) : null))
      .then((text) => {
        value = { text, at: Date.now() };
        return text;
      })
      .finally(() => (pending = null));
    return pending;
  };
}

/**
 * Signs the chain's head and keeps it: a row in `audit_checkpoints`, and `file` (written whole,
 * then renamed over the last) when given. Does nothing when the chain is empty or its head is
 * the newest checkpoint's already.
 * @returns the checkpoint made, or null
 */
export async function writeCheckpoint(
  db: Queryable,
  key: string,
  now: Date,
  file?: string,
): Promise<SignedHead | null> {
  const head = await chainHead(db);
  if (!head) return null;
  const [last] = await db.query<{ head_seq: number }>(
    'SELECT head_seq FROM audit_checkpoints ORDER BY id DESC LIMIT 1',
  );
  if (last && Number(last.head_seq) >= head.seq) return null;
  const checkpoint = signHead(key, { ...head, madeAt: now.toISOString() });
  await db.query(
    'INSERT INTO audit_checkpoints (made_at, head_seq, head_hash, mac) VALUES ($1, $2, $3, $4)',
    [checkpoint.madeAt, checkpoint.seq, checkpoint.hash, checkpoint.mac],
  );
  if (file) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`);
    await rename(`${file}.tmp`, file);
  }
  return checkpoint;
}

/** The checkpoints kept in the database. */
export async function storedCheckpoints(db: Queryable): Promise<SignedHead[]> {
  const rows = await db.query<{ made_at: Date | string; head_seq: number; head_hash: string; mac: string }>(
    'SELECT made_at, head_seq, head_hash, mac FROM audit_checkpoints ORDER BY id',
  );
  return rows.map((r) => ({
    seq: Number(r.head_seq),
    hash: r.head_hash,
    madeAt: new Date(r.made_at).toISOString(),
    mac: r.mac,
  }));
}

/** The checkpoint in `file`; null when there is none; throws when it is not a checkpoint. */
export async function fileCheckpoint(file: string): Promise<SignedHead | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<SignedHead>;
  if (
    typeof parsed.seq !== 'number' ||
    typeof parsed.hash !== 'string' ||
    typeof parsed.madeAt !== 'string' ||
    typeof parsed.mac !== 'string'
  )
    throw new Error(`${file} is not an audit checkpoint.`);
  return { seq: parsed.seq, hash: parsed.hash, madeAt: parsed.madeAt, mac: parsed.mac };
}

/**
 * Writes a checkpoint every `intervalMs` while the chain grows (one platform process; several
 * each write their own, harmlessly). `close()` stops it after one last checkpoint.
 */
export function startCheckpoints(
  db: Queryable,
  key: string,
  now: () => Date,
  { file, intervalMs = 30_000 }: { file?: string; intervalMs?: number } = {},
) {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= writeCheckpoint(db, key, now(), file)
      .catch(() => null)
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
      await writeCheckpoint(db, key, now(), file).catch(() => null);
    },
  };
}
