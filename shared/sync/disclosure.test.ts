import { webcrypto } from 'node:crypto';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { permissions, roles, can } from '../auth/roles';
import {
  sealMessage,
  sealState,
  type PlatformKey,
  type PlatformSeal,
  type VerifyEd25519,
} from '../clinical/seal';
import { signRecord, type SignableRecord } from '../clinical/signature';
import { maskIdNumber, maskMobile } from '../identity/mask';
import type { PatientDoc } from '../patients/schema';
import { prescriptionLockPolicy } from '../prescriptions/schema';
import { samplePatient } from '../testing/patients';
import { syncedCollections, permissionFor, type SyncedCollectionName } from './collections';
import { disclosedTo, keepStoredIdentifiers, masksIdentifiers, seesIdentifiers } from './disclosure';

const idNumber = '120101198001010012';
const mobile = '13812345678';
const json = JSON.stringify;

function resident(): PatientDoc {
  return samplePatient({
    idNumber,
    mobile,
    history: [
      {
        at: '2026-11-23T02:00:00.000Z',
        byId: 'staff-reg01',
        byName: '王丽华',
        changes: [
          { field: 'mobile', from: json('13900001111'), to: json(mobile) },
          { field: 'familyDoctor', from: json(''), to: json('张建国') },
        ],
      },
    ],
    collisions: [
      {
        field: 'idNumber',
        base: json('120104197506150031'),
        values: [json(idNumber), json('120101198001010020')],
        detectedAt: '2026-11-23T03:00:00.000Z',
      },
    ],
  });
}

describe('disclosedTo', () => {
  it('masks a resident’s numbers, wherever the record keeps them, for a specialist', () => {
    const masked = disclosedTo('patients', 'specialist', resident());
    expect(masked.idNumber).toBe('1201**********0012');
    expect(masked.mobile).toBe('138****5678');
    expect(masked.history[0]!.changes).toEqual([
      { field: 'mobile', from: json('139****1111'), to: json('138****5678') },
      { field: 'familyDoctor', from: json(''), to: json('张建国') },
    ]);
    expect(masked.collisions[0]).toMatchObject({
      base: json(maskIdNumber('120104197506150031')),
      values: [json(maskIdNumber(idNumber)), json(maskIdNumber('120101198001010020'))],
    });
    const text = json(masked);
    for (const digits of ['198001010012', '197506150031', '198001010020', '12345678', '00001111'])
      expect(text).not.toContain(digits);
    expect({ ...masked, idNumber, mobile, history: [], collisions: [] }).toEqual({
      ...resident(),
      history: [],
      collisions: [],
    });
  });

  it('is what the screen shows, and masking twice changes nothing', () => {
    const once = disclosedTo('patients', 'specialist', resident());
    expect(once.idNumber).toBe(maskIdNumber(idNumber));
    expect(once.mobile).toBe(maskMobile(mobile));
    expect(disclosedTo('patients', 'specialist', once)).toEqual(once);
  });

  it('leaves an empty mobile empty, and a record whose history is not JSON masked anyway', () => {
    const doc = { ...resident(), mobile: '' };
    doc.history[0]!.changes[0]!.from = '13900001111';
    const masked = disclosedTo('patients', 'specialist', doc);
    expect(masked.mobile).toBe('');
    expect(masked.history[0]!.changes[0]!.from).toBe('139****1111');
  });

  it('masks a slip’s printed identity number; a slip without one and consultation records pass', () => {
    const slip = { id: 'rx1', patient: { name: '张三', idNumber, ageText: '45岁' } };
    expect(disclosedTo('prescriptions', 'specialist', slip).patient).toEqual({
      name: '张三',
      idNumber: maskIdNumber(idNumber),
      ageText: '45岁',
    });
    const plain = { id: 'rx2', patient: { name: '张三' } };
    expect(disclosedTo('prescriptions', 'specialist', plain)).toBe(plain);
    const encounter = { id: 'e1', complaint: '头痛' };
    expect(disclosedTo('encounters', 'specialist', encounter)).toBe(encounter);
  });

  it('gives roles that see identifiers the document as stored', () => {
    for (const role of ['registrar', 'nurse', 'doctor', 'admin'] as const) {
      const doc = resident();
      expect(disclosedTo('patients', role, doc)).toBe(doc);
      expect(masksIdentifiers('patients', role)).toBe(false);
    }
    expect(masksIdentifiers('patients', 'specialist')).toBe(true);
    expect(masksIdentifiers('directory', 'specialist')).toBe(false);
  });
});

describe('keepStoredIdentifiers', () => {
  it('takes the masked form back as the stored value, in the fields, history and collisions', () => {
    const stored = resident();
    const masked = disclosedTo('patients', 'specialist', stored);
    const pushed = { ...masked, familyDoctor: '刘文静' };
    expect(keepStoredIdentifiers('patients', pushed, stored)).toEqual({ ...stored, familyDoctor: '刘文静' });
  });

  it('keeps a real change, and a new history entry, as pushed', () => {
    const stored = resident();
    const masked = disclosedTo('patients', 'specialist', stored);
    const entry = {
      at: '2026-11-24T00:00:00.000Z',
      byId: 'staff-doc01',
      byName: '张建国',
      changes: [{ field: 'mobile' as const, from: json(masked.mobile), to: json('13700002222') }],
    };
    const pushed = { ...masked, mobile: '13700002222', history: [...masked.history, entry] };
    const kept = keepStoredIdentifiers('patients', pushed, stored);
    expect(kept.mobile).toBe('13700002222');
    expect(kept.idNumber).toBe(idNumber);
    expect(kept.history).toEqual([...stored.history, entry]);
  });

  it('puts a slip header’s number back', () => {
    const stored = { id: 'rx1', patient: { name: '张三', idNumber } };
    const pushed = disclosedTo('prescriptions', 'specialist', stored);
    expect(keepStoredIdentifiers('prescriptions', pushed, stored)).toEqual(stored);
  });
});

describe('who receives masked documents', () => {
  /** Collections whose documents carry identifiers. */
  const carrying: SyncedCollectionName[] = ['patients', 'prescriptions'];

  it('every role that may write a collection carrying identifiers also sees them', () => {
    // A role that wrote such documents but received them masked would send masks back as values;
    // the platform puts stored values back (keepStoredIdentifiers), but no role should depend on it.
    for (const role of roles)
      for (const name of carrying) {
        const write = permissionFor(syncedCollections[name], 'push');
        if (write && can(role, write)) expect([role, seesIdentifiers(role)]).toEqual([role, true]);
      }
    expect(permissions).toContain('patient.viewIdentifiers');
    expect(seesIdentifiers('specialist')).toBe(false);
  });
});

describe('a sealed slip received masked', () => {
  interface Slip extends SignableRecord {
    patient: { name: string; idNumber?: string };
    items: string[];
    seal?: PlatformSeal | null;
  }
  let key: PlatformKey;
  let privateKey: webcrypto.CryptoKey;
  const verifyKey: VerifyEd25519 = async (publicKey, message, signature) =>
    webcrypto.subtle.verify(
      'Ed25519',
      await webcrypto.subtle.importKey('raw', publicKey, 'Ed25519', false, ['verify']),
      signature,
      message,
    );

  beforeAll(async () => {
    const pair = (await webcrypto.subtle.generateKey('Ed25519', true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    privateKey = pair.privateKey;
    key = {
      id: '0123456789abcdef',
      publicKey: bytesToHex(new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey))),
    };
  });

  async function sealed(): Promise<Slip> {
    const draft: Slip = {
      id: 'rx1',
      status: 'draft',
      signature: null,
      patient: { name: '张三', idNumber },
      items: ['氨氯地平片'],
    };
    const signed = signRecord(
      draft,
      { by: 'staff-doc01', byName: '张建国', at: '2026-11-23T09:00:00.000Z' },
      prescriptionLockPolicy,
    );
    const facts = {
      signer: signed.signature!.by,
      signedAt: signed.signature!.at,
      receivedAt: '2026-11-23T09:00:05.000Z',
      offline: false,
      hash: signed.signature!.hash,
      keyId: key.id,
    };
    const sig = await webcrypto.subtle.sign('Ed25519', privateKey, utf8ToBytes(sealMessage(facts)));
    return { ...signed, seal: { ...facts, sig: bytesToHex(new Uint8Array(sig)) } };
  }

  it('shows as confirmed with identifiers hidden at a masked desk, never as tampered', async () => {
    const slip = await sealed();
    const masked = disclosedTo('prescriptions', 'specialist', slip);
    const state = (doc: Slip, isMasked: boolean) =>
      sealState(doc, prescriptionLockPolicy, [key], verifyKey, isMasked);
    expect(await state(masked, true)).toBe('sealedMasked');
    // The same record unmasked is simply sealed, and a full desk never accepts a masked one.
    expect(await state(slip, true)).toBe('sealed');
    expect(await state(masked, false)).toBe('tampered');
    // The seal must still be the platform's word about this signature.
    const forged = { ...masked, seal: { ...masked.seal!, signedAt: '2026-11-23T10:00:00.000Z' } };
    expect(await state(forged, true)).toBe('tampered');
    const resigned = { ...masked, signature: { ...masked.signature!, hash: '0'.repeat(64) } };
    expect(await state(resigned, true)).toBe('tampered');
  });
});
