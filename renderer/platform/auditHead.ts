/**
 * The furthest audit chain head this desk was sent (shared/audit/head.ts), kept in the browser
 * profile's local storage so it outlives the session: an admin reads it in Settings and gives it
 * to `npm run audit:verify -- --head …`, which reports a platform chain that no longer reaches it.
 */
import { formatAuditHead, parseAuditHead, type AuditHead } from '../../shared/audit/head';

const storageKey = 'clinicdesk.auditHead';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;
const defaultStorage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/** The head kept, or null. */
export function keptAuditHead(storage: Storage | null = defaultStorage()): AuditHead | null {
  const text = storage?.getItem(storageKey);
  return text ? parseAuditHead(text) : null;
}

/** Keeps `value` (a header value) when it is a head further along than the one kept. */
export function noteAuditHead(value: string | null, storage: Storage | null = defaultStorage()): void {
  const head = value ? parseAuditHead(value) : null;
  if (!head || !storage) return;
  const kept = keptAuditHead(storage);
  if (kept && kept.seq >= head.seq) return;
  try {
    storage.setItem(storageKey, formatAuditHead(head));
  } catch {
    // A full or refused storage loses only this reminder, never the work.
  }
}
