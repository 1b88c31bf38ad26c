import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealMessage, sealState, type PlatformKey, type PlatformSeal } from '../../shared/clinical/seal';
import {
  recordHash,
  signRecord,
  type LockPolicy,
  type SignableRecord,
} from '../../shared/clinical/signature';
import { checkSeals, knownSealStates, verifyWithWebCrypto } from './verify';

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

describe('checkSeals: a list checked at once', () => {
  it('gives every record of a list the state sealState gives it alone', async () => {
    const signed = signRecord(draft, signer, policy);
    const sealed = { ...signed, seal: await sealOf(signed) };
    const docs: Note[] = [
      { ...draft, id: 'draft' },
      { ...signed, id: 'pending' },
      sealed,
      { ...sealed, id: 'moved' },
      { ...sealed, id: 'changed', text: '咳嗽五天' },
      { ...resigned(sealed), id: 'resigned' },
      { ...sealed, id: 'receipt', seal: { ...sealed.seal!, receivedAt: '2026-01-02T00:00:00.000Z' } },
      { ...sealed, id: 'otherKey', seal: { ...sealed.seal!, keyId: 'ffffffffffffffff' } },
      { ...sealed, id: 'notHex', seal: { ...sealed.seal!, sig: 'zz' } },
    ];
    // Past the size of one batch, so the list is worked through in parts.
    const many = [...docs, ...Array.from({ length: 120 }, (_, i) => ({ ...sealed, text: `第${i}次` }))].map(
      (doc, i) => (i >= docs.length ? { ...doc, id: `extra${i}` } : doc),
    );
    const states = await checkSeals(many, policy, [key]);
    expect(states.size).toBe(many.length);
    for (const doc of many)
      expect([doc.id, states.get(doc.id)]).toEqual([
        doc.id,
        await sealState(doc, policy, [key], verifyWithWebCrypto),
      ]);
    // The id is signed content: a sealed record copied under another id no longer matches, and
    // neither do the extras, whose text differs from what was sealed.
    expect([states.get('n1'), states.get('moved'), states.get('extra20')]).toEqual([
      'sealed',
      'tampered',
      'tampered',
    ]);
  });

  it('checks the same records again to the same states, and a record changed since anew', async () => {
    const signed = signRecord(draft, signer, policy);
    const sealed = { ...signed, seal: await sealOf(signed) };
    expect((await checkSeals([sealed], policy, [key])).get('n1')).toBe('sealed');
    expect((await checkSeals([sealed], policy, [key])).get('n1')).toBe('sealed');
    expect((await checkSeals([{ ...sealed, text: '咳嗽五天' }], policy, [key])).get('n1')).toBe('tampered');
    const forged = { ...sealed, seal: { ...sealed.seal!, offline: true } };
    expect((await checkSeals([forged], policy, [key])).get('n1')).toBe('tampered');
    expect((await checkSeals([sealed], policy, [])).get('n1')).toBe('unverified');
  });
});

describe('knownSealStates: a page opened again', () => {
  it('knows a list at once only when each of its records was checked, as it is, with these keys', async () => {
    const signed = signRecord({ ...draft, id: 'k1', text: '头痛两天' }, signer, policy);
    const sealed = { ...signed, seal: await sealOf(signed) };
    const other = { ...draft, id: 'k2' };
    expect(knownSealStates([other], policy, [key])).toEqual(new Map([['k2', 'draft']]));
    expect(knownSealStates([sealed, other], policy, [key])).toBeUndefined();
    await checkSeals([sealed, other], policy, [key]);
    const cases: [string, Note[], readonly PlatformKey[], Map<string, string> | undefined][] = [
      [
        'the same records',
        [sealed, other],
        [key],
        new Map([
          ['k1', 'sealed'],
          ['k2', 'draft'],
        ]),
      ],
      [
        'the same content read again',
        [JSON.parse(JSON.stringify(sealed)) as Note],
        [key],
        new Map([['k1', 'sealed']]),
      ],
      ['content changed since', [{ ...sealed, text: '头痛三天' }], [key], undefined],
      ['seal changed since', [{ ...sealed, seal: { ...sealed.seal!, offline: true } }], [key], undefined],
      ['other platform keys', [sealed], [], undefined],
    ];
    for (const [label, docs, keys, expected] of cases)
      expect([label, knownSealStates(docs, policy, keys)]).toEqual([label, expected]);
  });
});

function resigned(doc: Note): Note {
  const changed = { ...doc, text: '咳嗽五天', status: 'draft' as const, signature: null };
  return { ...signRecord(changed, signer, policy), seal: doc.seal };
}
