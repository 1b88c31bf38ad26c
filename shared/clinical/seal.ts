/**
 * The platform's seal on a signed record (DESIGN.md §10, DOMAIN.md §7.4). A desk's signature is a
 * hash of the record with the signer's name and time as the desk wrote them: anyone can recompute
 * it. When a signed record reaches the platform, the platform checks the signer is the signed-in
 * user, records its own receipt time and signs, with its Ed25519 key, the record's hash, the
 * signer, the signing time and the receipt time. Every desk verifies that seal with the platform's
 * public key, received at sign-in, so a record changed afterwards (or a seal made up at a desk)
 * shows as tampered.
 *
 * The seal, and the receipts of voids and prints, are platform-written fields outside the signed
 * content (lock rule `platform`): set by the platform only, never part of the hash, and whatever
 * a desk sends for them is replaced by what the platform holds.
 *
 * No crypto here (shared code runs without DOM or Node types): the caller passes a `verify`
 * function (WebCrypto at the desk, node:crypto on the platform).
 */
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../json/canonicalJson';
import { text } from '../json/schemaParts';
import { recordHash, type LockPolicy, type SignableRecord } from './signature';

/** The platform's stamp on a signed record. Field names are part of the wire format. */
export interface PlatformSeal {
  /** Staff id of the signer, as the platform's session proved it (= `signature.by`). */
  signer: string;
  /** The signature's own time (= `signature.at`), as the desk wrote it. */
  signedAt: string;
  /** When the platform received the signed record, by the platform's clock. */
  receivedAt: string;
  /**
   * The signing time lies in the past, later than the desk's last contact with the platform: the
   * record was signed while the desk was offline (a fact the platform states, not the desk).
   */
  offline: boolean;
  /** {@link recordHash} of the record when the platform received it (= `signature.hash`). */
  hash: string;
  /** Which of the platform's keys sealed it ({@link PlatformKey.id}). */
  keyId: string;
  /** Ed25519 signature over {@link sealMessage} (UTF-8), lower-case hex (128 digits). */
  sig: string;
}

/** What the platform signs: everything of the seal but the signature itself. */
export type SealFacts = Omit<PlatformSeal, 'sig'>;

/**
 * A platform-stamped receipt of an act on a signed record that the record's open fields carry
 * (a void, a print): who and when as the desk wrote them, when the platform got it, and whether
 * the time was an offline one.
 */
export interface PlatformReceipt {
  act: 'void' | 'print';
  by: string;
  /** The act's time as the desk wrote it (the void's or print entry's `at`). */
  at: string;
  receivedAt: string;
  offline: boolean;
}

/** One of the platform's public keys, as the desk receives it at sign-in. */
export interface PlatformKey {
  /** Short id: the first 16 hex digits of the SHA-256 of the raw key. */
  id: string;
  /** The raw 32-byte Ed25519 public key, lower-case hex. */
  publicKey: string;
}

/** Version of the sealed message's layout; part of the signed bytes. */
export const sealMessageVersion = 1;

/** The exact text the platform signs (UTF-8 encoded): canonical JSON of the facts, versioned. */
export function sealMessage(facts: SealFacts): string {
  const { signer, signedAt, receivedAt, offline, hash, keyId } = facts;
  return canonicalJson({ v: sealMessageVersion, signer, signedAt, receivedAt, offline, hash, keyId });
}

/** JSON schema of the optional `seal` field, for the collections' schemas. */
export const sealJsonSchema = {
  type: ['object', 'null'],
  properties: {
    signer: text(64),
    signedAt: text(40),
    receivedAt: text(40),
    offline: { type: 'boolean' },
    hash: text(64),
    keyId: text(32),
    sig: text(128),
  },
  required: ['signer', 'signedAt', 'receivedAt', 'offline', 'hash', 'keyId', 'sig'],
  additionalProperties: false,
} as const;

/** JSON schema of the optional `receipts` field (platform-written, appended). */
export const receiptsJsonSchema = {
  type: 'array',
  maxItems: 200,
  items: {
    type: 'object',
    properties: {
      act: { type: 'string', enum: ['void', 'print'] },
      by: text(64),
      at: text(40),
      receivedAt: text(40),
      offline: { type: 'boolean' },
    },
    required: ['act', 'by', 'at', 'receivedAt', 'offline'],
    additionalProperties: false,
  },
} as const;

/**
 * What a reader may trust of a record:
 * - `draft`: not signed;
 * - `pending`: signed at a desk, not yet sealed by the platform (signed offline, or not synced);
 * - `sealed`: the platform's seal verifies against its public key and matches the record;
 * - `tampered`: the content no longer matches its signature, or the seal does not match the
 *   record or does not verify;
 * - `unverified`: sealed, but this desk has no public key with the seal's id to check it (it
 *   signed in offline with credentials kept before the key existed);
 * - `sealedMasked`: the platform's seal verifies and matches the signature, but the record came
 *   with identifiers masked for a reader who may not see them (shared/sync/disclosure.ts), so its
 *   content cannot be checked against the signature at this desk.
 */
export type SealState = 'draft' | 'pending' | 'sealed' | 'tampered' | 'unverified' | 'sealedMasked';

/** Verifies an Ed25519 signature: raw public key, message bytes, signature bytes. */
export type VerifyEd25519 = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => Promise<boolean>;

/** Lower-case hex to bytes; null when it is not an even run of hex digits. */
export function hexBytes(value: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})*$/.test(value)) return null;
  return hexToBytes(value);
}

export type Sealable = SignableRecord & { seal?: PlatformSeal | null };

/** The Ed25519 check left to make of a seal: a public key, the message and the signature. */
export interface SealVerification {
  publicKey: Uint8Array;
  message: Uint8Array;
  sig: Uint8Array;
}

/**
 * Everything of {@link sealState} but the Ed25519 verification, synchronously: the state when it
 * is settled without it, else what to verify and the state it gives if it verifies (`verified`:
 * `sealed`, or `sealedMasked`; `tampered` if it does not). `hash` is {@link recordHash} of `doc` under `policy`; a caller that
 * already has it passes it, so a record is hashed once however often its state is asked for.
 * `masked`: the desk receives identifiers masked (its role may not see them), so a content that no
 * longer matches its signature is taken for masked rather than tampered, and only the seal is
 * checked (it must still be the platform's word about this very signature).
 */
export function sealPrecheck(
  doc: Sealable,
  policy: LockPolicy,
  keys: readonly PlatformKey[],
  hash?: string,
  masked = false,
): { state: SealState } | { verify: SealVerification; verified: 'sealed' | 'sealedMasked' } {
  if (doc.status !== 'signed') return { state: 'draft' };
  const { signature } = doc;
  if (!signature) return { state: 'tampered' };
  const contentHash = hash ?? recordHash(doc, policy);
  const maskedContent = masked && signature.hash !== contentHash;
  if (signature.hash !== contentHash && !maskedContent) return { state: 'tampered' };
  const seal = doc.seal;
  if (!seal) return { state: 'pending' };
  if (seal.hash !== signature.hash || seal.signer !== signature.by || seal.signedAt !== signature.at)
    return { state: 'tampered' };
  const key = keys.find((k) => k.id === seal.keyId);
  if (!key) return { state: 'unverified' };
  const publicKey = hexBytes(key.publicKey);
  const sig = hexBytes(seal.sig);
  if (!publicKey || !sig) return { state: 'tampered' };
  return {
    verify: { publicKey, message: utf8ToBytes(sealMessage(seal)), sig },
    verified: maskedContent ? 'sealedMasked' : 'sealed',
  };
}

/**
 * The seal state of `doc` (see {@link SealState}), its seal checked with `keys` by `verify`.
 * The seal must be the platform's word about this very signature: same hash, signer and time.
 * `masked`: as for {@link sealPrecheck}.
 */
export async function sealState(
  doc: Sealable,
  policy: LockPolicy,
  keys: readonly PlatformKey[],
  verify: VerifyEd25519,
  masked = false,
): Promise<SealState> {
  const check = sealPrecheck(doc, policy, keys, undefined, masked);
  if ('state' in check) return check.state;
  const { publicKey, message, sig } = check.verify;
  try {
    return (await verify(publicKey, message, sig)) ? check.verified : 'tampered';
  } catch {
    return 'tampered';
  }
}
