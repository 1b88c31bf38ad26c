/**
 * The platform's Ed25519 key pair, which seals signed clinical records (shared/clinical/seal.ts).
 * Kept in the database (DESIGN.md §10: platform state lives there, so every platform process
 * seals with the same key); made on first use, one INSERT winning when processes race.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import {
  sealMessage,
  type PlatformKey,
  type PlatformSeal,
  type SealFacts,
  type VerifyEd25519,
} from '../../shared/clinical/seal';
import type { Queryable } from '../db/store';

interface KeyRow {
  generation: number;
  id: string;
  public_key: string;
  private_key: string;
}

/** The platform's current signing key. */
export interface SigningKey {
  id: string;
  privateKey: KeyObject;
}

/** The raw 32 bytes of an Ed25519 public key (the end of its SPKI encoding), as hex. */
const rawPublicKey = (key: KeyObject) =>
  key.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

/** A key's id: the first 16 hex digits of the SHA-256 of the raw public key. */
export const keyIdOf = (publicKeyHex: string) =>
  createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex').slice(0, 16);

const cache = new WeakMap<Queryable, Promise<KeyRow[]>>();

async function loadKeys(db: Queryable): Promise<KeyRow[]> {
  const select = () =>
    db.query<KeyRow>('SELECT generation, id, public_key, private_key FROM platform_keys ORDER BY generation');
  const rows = await select();
  if (rows.length) return rows;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicHex = rawPublicKey(publicKey);
  await db.query(
    `INSERT INTO platform_keys (generation, id, algorithm, public_key, private_key)
     VALUES (1, $1, 'Ed25519', $2, $3) ON CONFLICT (generation) DO NOTHING`,
    [keyIdOf(publicHex), publicHex, privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')],
  );
  return select();
}

/**
 * The platform's keys, oldest first, made when there are none. Cached per database handle; a
 * transaction handle is never cached (what it made may still roll back).
 */
function keysOf(db: Queryable, cacheable: boolean): Promise<KeyRow[]> {
  if (!cacheable) return loadKeys(db);
  let keys = cache.get(db);
  if (!keys) {
    keys = loadKeys(db);
    cache.set(db, keys);
    keys.catch(() => cache.delete(db));
  }
  return keys;
}

/** Every public key desks may need to verify seals, oldest first (sent at sign-in). */
export async function publicKeys(db: Queryable): Promise<PlatformKey[]> {
  return (await keysOf(db, true)).map((row) => ({ id: row.id, publicKey: row.public_key }));
}

/** The key new seals are made with (the newest generation). */
export async function signingKey(db: Queryable, cacheable = true): Promise<SigningKey> {
  const rows = await keysOf(db, cacheable);
  const row = rows[rows.length - 1]!;
  return {
    id: row.id,
    privateKey: createPrivateKey({
      key: Buffer.from(row.private_key, 'base64'),
      format: 'der',
      type: 'pkcs8',
    }),
  };
}

/** Seals `facts` with `key`. */
export function sealWith(key: SigningKey, facts: Omit<SealFacts, 'keyId'>): PlatformSeal {
  const full: SealFacts = { ...facts, keyId: key.id };
  const sig = sign(null, Buffer.from(sealMessage(full), 'utf8'), key.privateKey).toString('hex');
  return { ...full, sig };
}

/** Ed25519 verification with node:crypto, for tests and platform-side checks. */
export const verifyWithNode: VerifyEd25519 = async (publicKey, message, signature) => {
  const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');
  const key = createPublicKey({
    key: Buffer.concat([spkiPrefix, Buffer.from(publicKey)]),
    format: 'der',
    type: 'spki',
  });
  return verify(null, Buffer.from(message), key, Buffer.from(signature));
};
