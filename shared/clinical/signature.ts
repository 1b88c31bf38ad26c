/**
 * Signature binding of clinical records (DOMAIN.md §7.4): a signed record carries the SHA-256 of
 * the canonical JSON of its locked content, so any change to the record after signing is
 * detectable. The locked content is every own field except storage bookkeeping (`_rev`, `_meta`,
 * …), the `signature` itself and the fields the collection's {@link LockPolicy} lets grow after
 * signing (those cannot be part of what was signed, or appending a print would break the hash).
 * The hash proves integrity; the CA-backed signature of the hash is the signing service's job.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../json/canonicalJson';
import { text } from '../json/schemaParts';

/**
 * How a field may still change once its record is signed:
 * - `append`: an array that may only grow at the end (earlier items unchanged), e.g. print log;
 * - `setOnce`: null until set, then fixed, e.g. a void reason;
 * - `mutable`: free bookkeeping such as `updatedAt` (never clinical content);
 * - `platform`: written only by the platform, outside the signed content (its seal and receipts,
 *   shared/clinical/seal.ts): the platform replaces whatever a desk sends for it with what it
 *   holds, and a conflict keeps the platform's value.
 */
export type AppendRule = 'append' | 'setOnce' | 'mutable' | 'platform';

/** A collection's lock rule: the fields that stay open after signing, and how. */
export interface LockPolicy {
  readonly appendOnly: Readonly<Record<string, AppendRule>>;
}

/** The policy of a record that allows nothing after signing (encounters). */
export const sealedPolicy: LockPolicy = { appendOnly: {} };

/** The fields of `policy` only the platform writes. */
export const platformFields = (policy: LockPolicy): string[] =>
  Object.entries(policy.appendOnly)
    .filter(([, rule]) => rule === 'platform')
    .map(([field]) => field);

export interface RecordSignature {
  /** Staff id of the signer. */
  by: string;
  /** Signer's name as shown on the record. */
  byName: string;
  /** When it was signed (ISO 8601). */
  at: string;
  /** {@link recordHash} of the record at signing, lower-case hex. */
  hash: string;
}

export type RecordStatus = 'draft' | 'signed';

/**
 * The version of the rules a record is written and signed under, kept in the record's optional
 * `rulesVersion` field (part of the signed content). Records signed before the field existed have
 * none and are version 1; the platform checks a signed record against the rules of its own
 * version, so a record an older desk signed offline is not refused after an upgrade adds rules.
 */
export const clinicalRulesVersion = 2;

/** The rules version of a record: its `rulesVersion`, or 1 when it has none. */
export const rulesVersionOf = (doc: { rulesVersion?: number | null }): number => doc.rulesVersion ?? 1;

/** The JSON schema of the optional `rulesVersion` field. */
export const rulesVersionJsonSchema = { type: 'integer', minimum: 1, maximum: 1000, multipleOf: 1 } as const;

/** The JSON schema of a record's `signature` field (null while a draft), for the collections' schemas. */
export const signatureJsonSchema = {
  type: ['object', 'null'],
  properties: { by: text(64), byName: text(50), at: text(40), hash: text(64) },
  required: ['by', 'byName', 'at', 'hash'],
  additionalProperties: false,
} as const;

/** What every signable clinical record has. */
export interface SignableRecord {
  id: string;
  status: RecordStatus;
  signature: RecordSignature | null;
}

/** Whether `key` is storage bookkeeping (RxDB's `_rev`, `_meta`, `_attachments`, `_deleted`). */
export const isBookkeeping = (key: string): boolean => key.startsWith('_');

/**
 * The part of `doc` a signature covers: own fields without bookkeeping, without `signature` and
 * without the fields `policy` leaves open.
 */
export function lockedContent(doc: object, policy: LockPolicy = sealedPolicy): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc).filter(
      ([key]) => !isBookkeeping(key) && key !== 'signature' && !Object.hasOwn(policy.appendOnly, key),
    ),
  );
}

/**
 * The bytes a record's hash is taken of: the canonical JSON (UTF-8) of its locked content. Exported
 * so a desk checking hundreds of records can hash them with the browser's native SHA-256.
 */
export function lockedBytes(doc: object, policy: LockPolicy = sealedPolicy): Uint8Array {
  return utf8ToBytes(canonicalJson(lockedContent(doc, policy)));
}

/** SHA-256 (lower-case hex) of the canonical JSON of the locked content of `doc`. */
export function recordHash(doc: object, policy: LockPolicy = sealedPolicy): string {
  return bytesToHex(sha256(lockedBytes(doc, policy)));
}

/** Whether `doc` is signed and its signature hash still matches its content. */
export function hasValidSignature<D extends SignableRecord>(
  doc: D,
  policy: LockPolicy = sealedPolicy,
): boolean {
  return doc.status === 'signed' && doc.signature !== null && doc.signature.hash === recordHash(doc, policy);
}

/**
 * Signs a draft: status becomes `signed`, `updatedAt` (when the record has one) becomes the
 * signing time, the record gets `rulesVersion` {@link clinicalRulesVersion} when it has none (the
 * caller checked it against today's rules), and the signature binds the hash of the result, so the
 * version is part of the signed content. The caller has already checked the record is complete
 * (e.g. `validateForSigning`) and re-authenticated the signer.
 * @throws {Error} `notDraft` when `doc` is already signed.
 */
export function signRecord<D extends SignableRecord>(
  doc: D,
  signer: { by: string; byName: string; at: string },
  policy: LockPolicy = sealedPolicy,
): D {
  if (doc.status !== 'draft') throw new Error('notDraft');
  const signed: D = { ...doc, status: 'signed', signature: null };
  const versioned = signed as { rulesVersion?: number | null };
  if (versioned.rulesVersion === undefined || versioned.rulesVersion === null)
    versioned.rulesVersion = clinicalRulesVersion;
  if ('updatedAt' in signed) (signed as { updatedAt: unknown }).updatedAt = signer.at;
  return { ...signed, signature: { ...signer, hash: recordHash(signed, policy) } };
}
