import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealMessage, sealState, type PlatformKey, type PlatformSeal } from '../../shared/clinical/seal';
import {
  recordHash,
  signRecord,
  type LockPolicy,
  type SignableRecord,
} from '../../shared/clinical/signature';
import { verifyWithWebCrypto } from './verify';

interface Note extends SignableRecord {
  text: string;
  updatedAt: string;
  rulesVersion?: number;
  seal?: PlatformSeal | null;
}
const policy: LockPolicy = { appendOnly: { seal: 'platform' } };
const draft: Note = {
  id: 'n1',
  status: 'draft',
  signature: null,
  text: '咳嗽三天',
  updatedAt: '2026-01-01T08:00:00Z',
};
const signer = { by: 'staff-1', byName: '李医生', at: '2026-01-01T09:00:00.000Z' };

let key: PlatformKey;
let privateKey: CryptoKey;

async function sealOf(doc: Note, facts: Partial<PlatformSeal> = {}): Promise<PlatformSeal> {
  const base = {
    signer: doc.signature!.by,
    signedAt: doc.signature!.at,
    receivedAt: '2026-01-01T09:00:05.000Z',
    offline: false,
    hash: doc.signature!.hash,
    keyId: key.id,
    ...facts,
  };
  const sig = await crypto.subtle.sign('Ed25519', privateKey, utf8ToBytes(sealMessage(base)) as BufferSource);
  return { ...base, sig: bytesToHex(new Uint8Array(sig)) };
}

beforeAll(async () => {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  privateKey = pair.privateKey;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  key = { id: '0123456789abcdef', publicKey: bytesToHex(raw) };
});

describe('sealState at the desk (WebCrypto Ed25519)', () => {
  it('stamps the rules version before hashing, so the version is signed content', () => {
    const signed = signRecord(draft, signer, policy);
    expect(signed.rulesVersion).toBe(2);
    expect(signed.signature!.hash).toBe(recordHash(signed, policy));
    expect(signRecord({ ...draft, rulesVersion: 1 }, signer, policy).rulesVersion).toBe(1);
  });

  it('tells a draft, a record awaiting the platform, a sealed one and a tampered one apart', async () => {
    const signed = signRecord(draft, signer, policy);
    const sealed = { ...signed, seal: await sealOf(signed) };
    const check = (doc: Note, keys = [key]) => sealState(doc, policy, keys, verifyWithWebCrypto);
    const cases: [string, Note, string][] = [
      ['a draft', draft, 'draft'],
      ['signed, not yet sealed', signed, 'pending'],
      ['signed with a null seal', { ...signed, seal: null }, 'pending'],
      ['sealed', sealed, 'sealed'],
      ['content changed after sealing', { ...sealed, text: '咳嗽五天' }, 'tampered'],
      ['signature recomputed over changed content', resigned(sealed), 'tampered'],
      [
        'seal of another signing time',
        { ...sealed, seal: { ...sealed.seal!, signedAt: '2026-01-01T10:00:00.000Z' } },
        'tampered',
      ],
      [
        'seal re-signed by another key',
        { ...sealed, seal: { ...sealed.seal!, keyId: 'ffffffffffffffff' } },
        'unverified',
      ],
      [
        'receipt time changed',
        { ...sealed, seal: { ...sealed.seal!, receivedAt: '2026-01-02T00:00:00.000Z' } },
        'tampered',
      ],
      ['signature bytes not hex', { ...sealed, seal: { ...sealed.seal!, sig: 'zz' } }, 'tampered'],
    ];
    for (const [label, doc, expected] of cases) expect([label, await check(doc)]).toEqual([label, expected]);
    expect(await check(sealed, [])).toBe('unverified');
  });
});

function resigned(doc: Note): Note {
  const changed = { ...doc, text: '咳嗽五天', status: 'draft' as const, signature: null };
  return { ...signRecord(changed, signer, policy), seal: doc.seal };
}
