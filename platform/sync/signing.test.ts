/**
 * Signatures a reader can trust, on a real database over HTTP: the platform seals what a doctor
 * signs, a desk can neither forge nor move a seal, a sealed record changed afterwards no longer
 * verifies, acts in someone else's name or at unbelievable times are refused with nothing stored,
 * and a record signed under the rules before this change still syncs.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealState, type PlatformKey } from '../../shared/clinical/seal';
import { recordHash, signRecord } from '../../shared/clinical/signature';
import { newEncounterDraft } from '../../shared/encounters/draft';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
import { loginResponseSchema } from '../../shared/platform/auth';
import { prescriptionLockPolicy, type PrescriptionDoc } from '../../shared/prescriptions/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import { slipItem } from '../../shared/testing/prescriptions';
import type { Store } from '../db/store';
import { demoCentreId, demoPassword } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';
import { verifyWithNode } from './platformKeys';

const minute = 60_000;
const names: Record<string, string> = { 'staff-doc01': '张建国', 'staff-doc02': '刘文静' };

describe.each(testBackends)('platform seals and signed-in acts on $name', ({ open }) => {
  let platform: TestPlatform;
  let store: Store;
  let app: FastifyInstance;
  let clock = new Date('2026-11-23T02:00:00.000Z');
  const tokens: Record<string, string> = {};
  let keys: PlatformKey[] = [];
  let seq = 0;
  const nextId = (kind: 'e' | 'p') =>
    `0190d9a0-0000-7000-8000-${kind === 'e' ? '1' : '2'}${String(++seq).padStart(11, '0')}`;
  const iso = (offsetMs = 0) => new Date(clock.getTime() + offsetMs).toISOString();

  const push = (who: string, collection: string, rows: unknown[]) =>
    app.inject({
      method: 'POST',
      url: `/v1/${collection}/push`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      payload: rows as object,
    });
  const pushed = async (who: string, collection: string, rows: unknown[]) =>
    (await push(who, collection, rows)).json() as PushResponse;
  const stored = async <D>(collection: string, id: string) =>
    (
      await store.query<{ data: D }>('SELECT data FROM documents WHERE collection = $1 AND id = $2', [
        collection,
        id,
      ])
    )[0]?.data;
  const row = <D extends object>(doc: D, assumed?: D) => ({
    newDocumentState: { ...doc, _deleted: false },
    ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
  });

  function encounter(doctorId = 'staff-doc01'): EncounterDoc {
    const doc = newEncounterDraft({
      id: nextId('e'),
      orgId: demoCentreId,
      patient: samplePatient(),
      previous: [],
      appointmentId: null,
      doctor: { id: doctorId, name: names[doctorId]! },
      department: '全科',
      at: iso(-30 * minute),
    });
    return {
      ...doc,
      visitType: 'followUp',
      chiefComplaint: '头晕三天',
      plan: '复查血压',
      diagnoses: [
        {
          code: 'I10',
          name: { zh: '原发性高血压', en: 'Essential hypertension' },
          freeText: false,
          primary: true,
        },
      ],
    };
  }
  const signAs = <D extends EncounterDoc | PrescriptionDoc>(
    doc: D,
    by: string,
    at: string,
    policy = encounterLockPolicy,
  ) => signRecord(doc, { by, byName: names[by] ?? by, at }, policy);

  function slip(doctorId = 'staff-doc01'): PrescriptionDoc {
    const at = iso(-20 * minute);
    return {
      id: nextId('p'),
      orgId: demoCentreId,
      sharedWith: [],
      patientId: '0190d9a0-0000-7000-8000-00000000aaaa',
      encounterId: '0190d9a0-0000-7000-8000-00000000bbbb',
      groupId: '0190d9a0-0000-7000-8000-00000000cccc',
      slipIndex: 1,
      slipCount: 1,
      number: `RX${String(seq).padStart(8, '0')}`,
      type: 'ordinary',
      items: [slipItem()],
      days: 7,
      longReason: '',
      longAcknowledged: false,
      diagnosis: '原发性高血压',
      patient: { name: '王小明', sex: 'male', ageText: '45岁', feeCategory: 'selfPay' },
      department: '全科',
      doctorId,
      doctorName: names[doctorId]!,
      status: 'draft',
      signature: null,
      voided: null,
      prints: [],
      createdAt: at,
      updatedAt: at,
    } as PrescriptionDoc;
  }
  const signedSlip = (doctorId = 'staff-doc01') =>
    signAs(slip(doctorId), doctorId, iso(-10 * 1000), prescriptionLockPolicy);

  const encounterState = (doc: EncounterDoc) => sealState(doc, encounterLockPolicy, keys, verifyWithNode);

  async function signIn(who: string) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: who, password: demoPassword, deskId: 'desk-test-0001' },
    });
    const login = loginResponseSchema.parse(response.json());
    keys = login.platformKeys ?? [];
    return login.accessToken;
  }

  beforeAll(async () => {
    platform = await startTestPlatform(open, { now: () => clock });
    ({ store, app } = platform);
    for (const who of ['doc01', 'doc02']) tokens[who] = await signIn(who);
  }, 120_000);
  afterAll(() => platform.close());

  it('hands out its public key at sign-in and seals a signature with its receipt time', async () => {
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const signed = signAs(encounter(), 'staff-doc01', iso(-30 * 1000));
    const answer = await pushed('doc01', 'encounters', [row(signed)]);
    expect(answer).toMatchObject({ conflicts: [], rejected: [] });
    const sealed = (await stored<EncounterDoc>('encounters', signed.id))!;
    // The desk gets the stored version back at once, seal and all.
    expect(answer.stamped).toEqual([{ ...sealed, _deleted: false }]);
    expect(sealed.seal).toMatchObject({
      signer: 'staff-doc01',
      signedAt: signed.signature!.at,
      receivedAt: iso(),
      offline: false,
      hash: signed.signature!.hash,
      keyId: keys[0]!.id,
    });
    expect(await encounterState(sealed)).toBe('sealed');
    expect(await encounterState(signed)).toBe('pending');
    expect(signed.rulesVersion).toBe(2);
  });

  it('fails verification at the desk once a sealed record or its seal is altered', async () => {
    const signed = signAs(encounter(), 'staff-doc01', iso());
    await pushed('doc01', 'encounters', [row(signed)]);
    const sealed = (await stored<EncounterDoc>('encounters', signed.id))!;
    const seal = sealed.seal!;
    const cases: [string, EncounterDoc][] = [
      ['content changed', { ...sealed, plan: '改过的计划' }],
      [
        'content changed and signature recomputed',
        {
          ...sealed,
          plan: '改过的计划',
          signature: {
            ...sealed.signature!,
            hash: recordHash({ ...sealed, plan: '改过的计划' }, encounterLockPolicy),
          },
        },
      ],
      ['receipt time moved', { ...sealed, seal: { ...seal, receivedAt: iso(-60 * minute) } }],
      ['seal made offline instead', { ...sealed, seal: { ...seal, offline: !seal.offline } }],
      [
        'signature bytes changed',
        { ...sealed, seal: { ...seal, sig: seal.sig.replace(/^./, (c) => (c === '0' ? '1' : '0')) } },
      ],
      ['signer changed', { ...sealed, seal: { ...seal, signer: 'staff-doc02' } }],
    ];
    for (const [, doc] of cases) expect(await encounterState(doc)).toBe('tampered');
    expect(await sealState(sealed, encounterLockPolicy, [], verifyWithNode)).toBe('unverified');
  });

  it('never takes a seal from a desk: a forged one is replaced, one on a draft dropped', async () => {
    const real = (await stored<EncounterDoc>('encounters', (await pushSigned()).id))!;
    const forgedDraft = { ...encounter(), seal: real.seal };
    expect(await pushed('doc01', 'encounters', [row(forgedDraft)])).toMatchObject({ rejected: [] });
    expect((await stored<EncounterDoc>('encounters', forgedDraft.id))?.seal).toBeUndefined();

    const signed = signAs(encounter(), 'staff-doc01', iso());
    const forged = {
      ...signed,
      seal: { ...real.seal!, hash: signed.signature!.hash, receivedAt: iso(-99 * minute) },
    };
    expect(await pushed('doc01', 'encounters', [row(forged)])).toMatchObject({ rejected: [] });
    const kept = (await stored<EncounterDoc>('encounters', signed.id))!;
    expect(kept.seal?.receivedAt).toBe(iso());
    expect(await encounterState(kept)).toBe('sealed');

    // Nor can a later push replace the platform's seal.
    const again = { ...kept, seal: { ...kept.seal!, receivedAt: iso(-5 * minute) } };
    await pushed('doc01', 'encounters', [row(again, kept)]);
    expect((await stored<EncounterDoc>('encounters', signed.id))?.seal).toEqual(kept.seal);
  });

  async function pushSigned() {
    const signed = signAs(encounter(), 'staff-doc01', iso());
    await pushed('doc01', 'encounters', [row(signed)]);
    return signed;
  }

  it('still takes a record signed under the earlier rules, with no version and no seal', async () => {
    // An older desk signed offline: no physical examination, no present history, no rules version.
    const { physicalExam: _p, auxiliaryExams: _a, rulesVersion: _v, visitAt: _t, ...old } = encounter();
    const draft = { ...old, visitType: 'first', plan: '' } as EncounterDoc;
    const signedOld = { ...draft, status: 'signed' as const, signature: null, updatedAt: iso(-5 * minute) };
    const legacy = {
      ...signedOld,
      signature: {
        by: 'staff-doc01',
        byName: '张建国',
        at: iso(-5 * minute),
        hash: recordHash(signedOld, encounterLockPolicy),
      },
    };
    expect(await pushed('doc01', 'encounters', [row(legacy)])).toMatchObject({ conflicts: [], rejected: [] });
    const kept = (await stored<EncounterDoc>('encounters', legacy.id))!;
    expect(kept.rulesVersion).toBeUndefined();
    expect(kept.signature).toEqual(legacy.signature);
    expect(await encounterState(kept)).toBe('sealed');
    // The same record under today's rules is incomplete.
    const today = signAs({ ...draft }, 'staff-doc01', iso());
    expect((await pushed('doc01', 'encounters', [row(today)])).rejected[0]?.errors).toContainEqual({
      field: 'physicalExam',
      code: 'required',
    });
  });

  it.each([
    ['in another doctor’s name', 'staff-doc02', 0, 'signature', 'notSigner'],
    ['dated 3 minutes ahead of the platform', 'staff-doc01', 3 * minute, 'signature', 'futureTime'],
    ['dated a day ahead', 'staff-doc01', 24 * 60 * minute, 'signature', 'futureTime'],
  ])('refuses a signature %s, storing nothing', async (_case, by, offset, field, code) => {
    const signed = signAs(encounter(), by, iso(offset));
    const answer = await pushed('doc01', 'encounters', [row(signed)]);
    expect(answer.rejected).toEqual([{ id: signed.id, errors: expect.arrayContaining([{ field, code }]) }]);
    expect(await stored('encounters', signed.id)).toBeUndefined();
  });

  it('accepts a signature 2 minutes ahead (clock skew) as an online one', async () => {
    const signed = signAs(encounter(), 'staff-doc01', iso(2 * minute));
    expect((await pushed('doc01', 'encounters', [row(signed)])).rejected).toEqual([]);
    expect((await stored<EncounterDoc>('encounters', signed.id))?.seal?.offline).toBe(false);
  });

  it('believes a past time only after the desk’s last contact, and marks it offline', async () => {
    // doc02 pushes now (contact), goes offline for three hours, signs an hour in, and comes back.
    const draft = encounter('staff-doc02');
    await pushed('doc02', 'encounters', [row(draft)]);
    const contact = clock;
    clock = new Date(contact.getTime() + 180 * minute);
    const before3h = tokens.doc02!;
    try {
      // Back online: a fresh sign-in (not a push, so not a contact of its own).
      tokens.doc02 = await signIn('doc02');
      const offline = signAs(
        encounter('staff-doc02'),
        'staff-doc02',
        new Date(contact.getTime() + 60 * minute).toISOString(),
      );
      const before = signAs(
        encounter('staff-doc02'),
        'staff-doc02',
        new Date(contact.getTime() - 60 * minute).toISOString(),
      );
      const answer = await pushed('doc02', 'encounters', [row(offline), row(before)]);
      expect(answer.rejected).toEqual([
        { id: before.id, errors: [{ field: 'signature', code: 'staleTime' }] },
      ]);
      expect((await stored<EncounterDoc>('encounters', offline.id))?.seal).toMatchObject({
        offline: true,
        receivedAt: clock.toISOString(),
      });
      expect(await stored('encounters', before.id)).toBeUndefined();
    } finally {
      clock = contact;
      tokens.doc02 = before3h;
    }
  });

  it('lets another doctor write and sign an addendum, keeping the author', async () => {
    const original = await pushSigned();
    const addendum: EncounterDoc = {
      ...encounter(),
      recordId: original.recordId,
      revisionNo: 2,
      supersedes: original.id,
      amendReason: '补充查体',
      amendedBy: 'staff-doc02',
      amendedByName: '刘文静',
    };
    expect((await pushed('doc02', 'encounters', [row(addendum)])).rejected).toEqual([]);
    // The author may not take over the colleague's addendum draft.
    expect(
      (await pushed('doc01', 'encounters', [row({ ...addendum, plan: '作者改的' }, addendum)])).rejected,
    ).toEqual([{ id: addendum.id, errors: [{ field: 'doctorId', code: 'notAuthor' }] }]);
    // Signed by its writer, not by the author.
    const byAuthor = signAs(addendum, 'staff-doc01', iso());
    expect(
      (await pushed('doc02', 'encounters', [row(byAuthor, addendum)])).rejected[0]?.errors,
    ).toContainEqual({
      field: 'signature',
      code: 'notSigner',
    });
    const signed = signAs(addendum, 'staff-doc02', iso());
    expect((await pushed('doc02', 'encounters', [row(signed, addendum)])).rejected).toEqual([]);
    expect((await stored<EncounterDoc>('encounters', addendum.id))?.doctorId).toBe('staff-doc01');
    // An amendment may not name another author than the revision it replaces.
    const hijack = {
      ...encounter('staff-doc02'),
      recordId: original.recordId,
      revisionNo: 2,
      supersedes: original.id,
      amendReason: '改作者',
    };
    expect((await pushed('doc02', 'encounters', [row(hijack)])).rejected).toEqual([
      { id: hijack.id, errors: [{ field: 'doctorId', code: 'authorChanged' }] },
    ]);
  });

  describe('voids and prints', () => {
    const voidOf = (by: string, at = iso()) => ({ at, by, byName: names[by] ?? by, reason: '剂量有误' });
    const printOf = (by: string, at = iso()) => ({
      at,
      by,
      copy: false,
      pageSize: 'A5',
      target: 'pdf' as const,
    });

    async function onPlatform() {
      const doc = signedSlip();
      expect((await pushed('doc01', 'prescriptions', [row(doc)])).rejected).toEqual([]);
      return (await stored<PrescriptionDoc>('prescriptions', doc.id))!;
    }

    it.each([
      [
        'a void by another doctor',
        'doc02',
        (d: PrescriptionDoc) => ({ ...d, voided: voidOf('staff-doc02') }),
        'voided',
        'notPrescriber',
      ],
      [
        'a void in the prescriber’s name by someone else',
        'doc02',
        (d: PrescriptionDoc) => ({ ...d, voided: voidOf('staff-doc01') }),
        'voided',
        'notSignedInPerson',
      ],
      [
        'a print in someone else’s name',
        'doc02',
        (d: PrescriptionDoc) => ({ ...d, prints: [printOf('staff-doc01')] }),
        'prints',
        'notSignedInPerson',
      ],
      [
        'a print dated ahead of the platform',
        'doc01',
        (d: PrescriptionDoc) => ({ ...d, prints: [printOf('staff-doc01', iso(10 * minute))] }),
        'prints',
        'futureTime',
      ],
      [
        'a void dated ahead of the platform',
        'doc01',
        (d: PrescriptionDoc) => ({ ...d, voided: voidOf('staff-doc01', iso(10 * minute)) }),
        'voided',
        'futureTime',
      ],
    ])('refuses %s, storing nothing', async (_case, who, change, field, code) => {
      const held = await onPlatform();
      const answer = await pushed(who, 'prescriptions', [row(change(held), held)]);
      expect(answer.rejected).toEqual([{ id: held.id, errors: [{ field, code }] }]);
      expect(await stored('prescriptions', held.id)).toEqual(held);
    });

    it('takes the prescriber’s void and the signed-in person’s print, with receipts', async () => {
      const held = await onPlatform();
      const printed = { ...held, prints: [printOf('staff-doc01')], updatedAt: iso() };
      expect((await pushed('doc01', 'prescriptions', [row(printed, held)])).rejected).toEqual([]);
      const afterPrint = (await stored<PrescriptionDoc>('prescriptions', held.id))!;
      const voided = { ...afterPrint, voided: voidOf('staff-doc01'), updatedAt: iso() };
      expect((await pushed('doc01', 'prescriptions', [row(voided, afterPrint)])).rejected).toEqual([]);
      const kept = (await stored<PrescriptionDoc>('prescriptions', held.id))!;
      expect(kept.receipts).toEqual([
        { act: 'print', by: 'staff-doc01', at: printed.prints[0]!.at, receivedAt: iso(), offline: false },
        { act: 'void', by: 'staff-doc01', at: voided.voided.at, receivedAt: iso(), offline: false },
      ]);
      expect(await sealState(kept, prescriptionLockPolicy, keys, verifyWithNode)).toBe('sealed');
      // Receipts are the platform's: a desk cannot write its own.
      const forged = { ...kept, receipts: [], updatedAt: iso(1000) };
      await pushed('doc01', 'prescriptions', [row(forged, kept)]);
      expect((await stored<PrescriptionDoc>('prescriptions', held.id))?.receipts).toEqual(kept.receipts);
    });
  });
});
