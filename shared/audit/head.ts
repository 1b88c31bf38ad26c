/**
 * The audit chain's head as the platform signs it onto every push and pull answer: the newest
 * event's sequence number and hash, and an HMAC the platform alone can make. A desk keeps the
 * furthest head it was sent; after someone removed the newest events from the platform's
 * database, that head names a row the chain no longer has, and verification reports it.
 */

/** Response header carrying the signed head: `<seq>.<hash>.<signature>` (hex). */
export const auditHeadHeader = 'x-clinicdesk-audit-head';

export interface AuditHead {
  seq: number;
  hash: string;
  mac: string;
}

/** A header value as a head; null when it is not one. */
export function parseAuditHead(text: string): AuditHead | null {
  const match = /^(\d{1,15})\.([0-9a-f]{64})\.([0-9a-f]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2]!, mac: match[3]! } : null;
}

/** The head as the header (and `npm run audit:verify -- --head`) writes it. */
export const formatAuditHead = (head: AuditHead): string => `${head.seq}.${head.hash}.${head.mac}`;
