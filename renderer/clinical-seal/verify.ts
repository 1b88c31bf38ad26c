/**
 * Ed25519 verification of the platform's seals with WebCrypto (Chromium and Electron have it;
 * so does Node 20, where the tests run). No network: the public key came with the sign-in and is
 * kept in the desk's verifier for offline sessions.
 *
 * A resident's page lists hundreds of sealed records and re-renders whenever one of them syncs,
 * so the checks are made for a whole list at once ({@link checkSeals}) and never twice: imported
 * keys are kept per public key, and each record's state per its whole content and the keys, so a
 * re-render, or the page opened again, shows the states it had ({@link knownSealStates}).
 */
import {
  sealPrecheck,
  type PlatformKey,
  type Sealable,
  type SealState,
  type VerifyEd25519,
} from '../../shared/clinical/seal';
import { lockedBytes, recordHash, type LockPolicy } from '../../shared/clinical/signature';

const keys = new Map<string, Promise<CryptoKey>>();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function importedKey(publicKey: Uint8Array, id = hex(publicKey)): Promise<CryptoKey> {
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    keys.set(id, key);
    key.catch(() => keys.delete(id));
  }
  return key;
}

/** Verifies with WebCrypto's Ed25519; imported keys are kept, one per public key. */
export const verifyWithWebCrypto: VerifyEd25519 = async (publicKey, message, signature) =>
  crypto.subtle.verify(
    { name: 'Ed25519' },
    await importedKey(publicKey),
    signature as BufferSource,
    message as BufferSource,
  );

/**
 * Seal states worked out this session, per policy, by the platform's keys and the record's whole
 * content (its JSON, seal included): the same text is the same record with the same seal, so its
 * state stands, and a record changed in any way is checked anew. Bounded: the oldest go first.
 */
const settled = new WeakMap<LockPolicy, Map<string, SealState>>();
const keptStates = 3_000;

const keysIdOf = (keys: readonly PlatformKey[]) => keys.map((k) => `${k.id}:${k.publicKey}`).join(',');
const settledKey = (doc: Sealable, keysId: string, masked: boolean) =>
  `${masked ? 'masked ' : ''}${keysId}\n${JSON.stringify(doc)}`;

function settle(policy: LockPolicy, key: string, state: SealState): void {
  let kept = settled.get(policy);
  if (!kept) settled.set(policy, (kept = new Map()));
  kept.set(key, state);
  if (kept.size > keptStates) kept.delete(kept.keys().next().value!);
}

/**
 * The seal states of `docs` by record id when every one of them was worked out earlier this
 * session (drafts need no check), synchronously, so a page opened again shows them at once;
 * undefined when any is still to be checked ({@link checkSeals}).
 */
export function knownSealStates(
  docs: readonly Sealable[],
  policy: LockPolicy,
  platformKeys: readonly PlatformKey[],
  masked = false,
): Map<string, SealState> | undefined {
  const kept = settled.get(policy);
  const keysId = keysIdOf(platformKeys);
  const states = new Map<string, SealState>();
  for (const doc of docs) {
    const state = doc.status === 'signed' ? kept?.get(settledKey(doc, keysId, masked)) : 'draft';
    if (!state) return undefined;
    states.set(doc.id, state);
  }
  return states;
}

/** {@link recordHash} with the browser's native SHA-256, off the main thread (same bytes). */
const hashOf = (doc: Sealable, policy: LockPolicy): Promise<string> =>
  crypto.subtle
    .digest('SHA-256', lockedBytes(doc, policy) as BufferSource)
    .then((digest) => hex(new Uint8Array(digest)))
    .catch(() => recordHash(doc, policy));

async function stateOf(
  doc: Sealable,
  policy: LockPolicy,
  platformKeys: readonly PlatformKey[],
  masked: boolean,
): Promise<SealState> {
  const check = sealPrecheck(doc, policy, platformKeys, await hashOf(doc, policy), masked);
  if ('state' in check) return check.state;
  const { publicKey, message, sig } = check.verify;
  return (await verifyWithWebCrypto(publicKey, message, sig).catch(() => false))
    ? check.verified
    : 'tampered';
}

/** Records taken between two yields to the browser, so a long list never blocks it for long. */
const chunk = 50;
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The seal state of each of `docs` (by record id; see shared/clinical/seal.ts `sealState`, which
 * this agrees with), checked with `platformKeys`: every record not worked out before hashed and
 * its seal verified, all together, and the outcomes kept for the rest of the session. `masked`:
 * this desk receives identifiers masked (shared/clinical/seal.ts `sealPrecheck`).
 */
export async function checkSeals<D extends Sealable>(
  docs: readonly D[],
  policy: LockPolicy,
  platformKeys: readonly PlatformKey[],
  masked = false,
): Promise<Map<string, SealState>> {
  const kept = settled.get(policy);
  const keysId = keysIdOf(platformKeys);
  const states = new Map<string, SealState>();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < docs.length; i++) {
    if (i > 0 && i % chunk === 0) await yieldToBrowser();
    const doc = docs[i]!;
    if (doc.status !== 'signed') {
      states.set(doc.id, 'draft');
      continue;
    }
    const key = settledKey(doc, keysId, masked);
    const known = kept?.get(key);
    if (known) states.set(doc.id, known);
    else
      pending.push(
        stateOf(doc, policy, platformKeys, masked).then((state) => {
          settle(policy, key, state);
          states.set(doc.id, state);
        }),
      );
  }
  await Promise.all(pending);
  return states;
}
