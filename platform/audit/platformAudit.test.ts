/**
 * The platform's own audit, over HTTP on a real database, for a client that reports nothing about
 * itself (plain HTTP with a token, as with curl): every write to residents and clinical records
 * and every pull of them leaves the platform's event with the actor, and a pull's event names
 * the residents it answered, still after they were rewritten. The chain stays intact throughout.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRecord } from '../../shared/clinical/signature';
import { newEncounterDraft } from '../../shared/encounters/draft';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
import { prescriptionLockPolicy, type PrescriptionDoc } from '../../shared/prescriptions/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import { slipItem } from '../../shared/testing/prescriptions';
import type { Store } from '../db/store';
import { demoCentreId } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';
import { flushPulls, resolvePull } from './platformAudit';
import { verifyAudit } from './verify';

const minute = 60_000;

describe.each(testBackends)('the platform’s own audit on $name', ({ open }) => {
  let platform: TestPlatform;
  let store: Store;
  let app: FastifyInstance;
  let serial = 0;
  const id = (kind: string) => `0190d9a0-0000-7000-8000-${kind}${String(++serial).padStart(11, '0')}`;
  const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

  const push = async (who: string, collection: string, rows: unknown[]) => {
    const response = await app.inject({
      method: 'POST',
      url: `/v1/${collection}/push`,
      headers: { authorization: `Bearer ${platform.tokens[who]}` },
      payload: rows as object,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as PushResponse;
  };
  const row = <D extends object>(doc: D, assumed?: D, deleted = false) => ({
    newDocumentState: { ...doc, _deleted: deleted },
    ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
  });
  const stored = async <D>(collection: string, docId: string) =>
    (
      await store.query<{ data: D }>('SELECT data FROM documents WHERE collection = $1 AND id = $2', [
        collection,
        docId,
      ])
    )[0]!.data;
  const eventsOf = (recordId: string) =>
    store.query<{ action: string; actor_id: string; org_id: string; collection: string; details: object }>(
      `SELECT action, actor_id, org_id, collection, details FROM audit_events WHERE record_id = $1 ORDER BY seq`,
      [recordId],
    );

  function encounter(): EncounterDoc {
    const doc = newEncounterDraft({
      id: id('1'),
      orgId: demoCentreId,
      patient: samplePatient({ orgId: demoCentreId }),
      previous: [],
      appointmentId: null,
      doctor: { id: 'staff-doc01', name: '张建国' },
      department: '全科',
      at: iso(-30 * minute),
    });
    return {
      ...doc,
      chiefComplaint: '头晕三天',
      presentHistory: '三天前起头晕',
      physicalExam: '心肺无异常',
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
  function signedSlip(): PrescriptionDoc {
    const at = iso(-20 * minute);
    const slip = {
      id: id('2'),
      orgId: demoCentreId,
      sharedWith: [],
      patientId: samplePatient().id,
      encounterId: '0190d9a0-0000-7000-8000-00000000bbbb',
      groupId: '0190d9a0-0000-7000-8000-00000000cccc',
      slipIndex: 1,
      slipCount: 1,
      number: `RX${String(serial).padStart(8, '0')}`,
      type: 'ordinary',
      items: [slipItem()],
      days: 7,
      longReason: '',
      longAcknowledged: false,
      diagnosis: '原发性高血压',
      patient: { name: '王小明', sex: 'male', ageText: '45岁', feeCategory: 'selfPay' },
      department: '全科',
      doctorId: 'staff-doc01',
      doctorName: '张建国',
      status: 'draft',
      signature: null,
      voided: null,
      prints: [],
      createdAt: at,
      updatedAt: at,
    } as PrescriptionDoc;
    return signRecord(
      slip,
      { by: 'staff-doc01', byName: '张建国', at: iso(-10_000) },
      prescriptionLockPolicy,
    );
  }

  beforeAll(async () => {
    platform = await startTestPlatform(open, { signIn: ['reg01', 'doc01', 'admin01'] });
    ({ store, app } = platform);
  }, 120_000);
  afterAll(() => platform.close(), 60_000);

  it(
    'records who created, edited, signed, voided, printed and deleted records through bare HTTP',
    { timeout: 60_000 },
    async () => {
      // A resident, registered and then edited.
      const resident = samplePatient({ id: id('3'), orgId: demoCentreId });
      expect((await push('reg01', 'patients', [row(resident)])).rejected).toEqual([]);
      const moved = { ...resident, address: { ...resident.address, detail: '5号楼' }, updatedAt: iso() };
      expect((await push('reg01', 'patients', [row(moved, resident)])).rejected).toEqual([]);
      expect((await eventsOf(resident.id)).map((e) => [e.action, e.actor_id, e.collection])).toEqual([
        ['sync.create', 'staff-reg01', 'patients'],
        ['sync.edit', 'staff-reg01', 'patients'],
      ]);

      // A consultation record: draft, edit, sign; another draft deleted.
      const draft = encounter();
      await push('doc01', 'encounters', [row(draft)]);
      const edited = { ...draft, plan: '低盐饮食', updatedAt: iso(-25 * minute) };
      await push('doc01', 'encounters', [row(edited, draft)]);
      const signed = signRecord(
        edited,
        { by: 'staff-doc01', byName: '张建国', at: iso(-5000) },
        encounterLockPolicy,
      );
      expect((await push('doc01', 'encounters', [row(signed, edited)])).rejected).toEqual([]);
      expect((await eventsOf(draft.id)).map((e) => e.action)).toEqual([
        'sync.create',
        'sync.edit',
        'sync.sign',
      ]);
      const discarded = encounter();
      await push('doc01', 'encounters', [row(discarded)]);
      expect((await push('doc01', 'encounters', [row(discarded, discarded, true)])).rejected).toEqual([]);
      expect((await eventsOf(discarded.id)).map((e) => e.action)).toEqual(['sync.create', 'sync.delete']);

      // A slip signed before its first push, printed, then voided.
      const slip = signedSlip();
      expect((await push('doc01', 'prescriptions', [row(slip)])).rejected).toEqual([]);
      const held = await stored<PrescriptionDoc>('prescriptions', slip.id);
      const print = { at: iso(), by: 'staff-doc01', copy: false, pageSize: 'A5', target: 'pdf' as const };
      const printed = { ...held, prints: [print], updatedAt: iso() };
      expect((await push('doc01', 'prescriptions', [row(printed, held)])).rejected).toEqual([]);
      const afterPrint = await stored<PrescriptionDoc>('prescriptions', slip.id);
      const voided = {
        ...afterPrint,
        voided: { at: iso(), by: 'staff-doc01', byName: '张建国', reason: '剂量有误' },
        updatedAt: iso(),
      };
      expect((await push('doc01', 'prescriptions', [row(voided, afterPrint)])).rejected).toEqual([]);
      const slipEvents = await eventsOf(slip.id);
      expect(slipEvents.map((e) => e.action)).toEqual([
        'sync.create',
        'sync.sign',
        'sync.print',
        'sync.void',
      ]);
      for (const event of slipEvents)
        expect(event).toMatchObject({
          actor_id: 'staff-doc01',
          org_id: demoCentreId,
          collection: 'prescriptions',
        });

      expect((await verifyAudit(store)).problems).toEqual([]);
    },
  );

  it(
    'records each pull with its actor, collection and count, resolvable to the residents',
    { timeout: 60_000 },
    async () => {
      const [before] = await store.query<{ seq: number }>('SELECT max(server_seq) AS seq FROM documents');
      const residents = [samplePatient({ id: id('4'), orgId: demoCentreId, name: '李四' })];
      residents.push(samplePatient({ id: id('4'), orgId: demoCentreId, name: '王五' }));
      const answer = await push(
        'reg01',
        'patients',
        residents.map((r) => row(r)),
      );
      expect(answer.rejected).toEqual([]);

      const pulled = await app.inject({
        method: 'GET',
        url: `/v1/patients/pull?seq=${before!.seq}&limit=100`,
        headers: { authorization: `Bearer ${platform.tokens.admin01}` },
      });
      expect(pulled.statusCode).toBe(200);
      const { checkpoint } = pulled.json() as { checkpoint: { seq: number } };
      const [noted] = await store.query<{
        id: number;
        actor_id: string;
        collection: string;
        count: number;
        from_seq: number;
        to_seq: number;
        org_id: string;
      }>(`SELECT * FROM pull_log WHERE actor_id = 'staff-admin01' ORDER BY id DESC LIMIT 1`);
      expect(noted).toMatchObject({
        collection: 'patients',
        count: 2,
        from_seq: before!.seq,
        to_seq: checkpoint.seq,
        org_id: demoCentreId,
      });

      // One chain event covers the batch of waiting pulls, and names how many.
      await flushPulls(store, new Date());
      const [batch] = await store.query<{ action: string; details: { pulls: number; digest: string } }>(
        `SELECT e.action, e.details FROM audit_events e JOIN pull_log p ON p.audit_seq = e.seq WHERE p.id = $1`,
        [noted!.id],
      );
      expect(batch).toMatchObject({
        action: 'sync.pulls',
        details: { digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });

      // The residents stay resolvable after one of them is rewritten (its sequence number moves).
      const renamed = { ...residents[0]!, name: '李思', updatedAt: iso() };
      expect((await push('reg01', 'patients', [row(renamed, residents[0])])).rejected).toEqual([]);
      const resolved = await resolvePull(store, {
        orgId: noted!.org_id,
        collection: noted!.collection,
        fromSeq: noted!.from_seq,
        toSeq: noted!.to_seq,
      });
      expect(resolved.patientIds).toEqual(residents.map((r) => r.id).sort());

      const report = await verifyAudit(store);
      expect(report).toMatchObject({ ok: true, problems: [] });
      expect(report.pullBatches).toBeGreaterThan(0);
    },
  );

  it('finds a batched pull removed afterwards', { timeout: 60_000 }, async () => {
    await app.inject({
      method: 'GET',
      url: '/v1/patients/pull?seq=0&limit=10',
      headers: { authorization: `Bearer ${platform.tokens.reg01}` },
    });
    await flushPulls(store, new Date());
    const [last] = await store.query<{ id: number; audit_seq: number }>(
      'SELECT id, audit_seq FROM pull_log ORDER BY id DESC LIMIT 1',
    );
    // As someone holding the database account would: the trigger first, then the row.
    await store.exec('ALTER TABLE pull_log DISABLE TRIGGER pull_log_append_only');
    await store.query('DELETE FROM pull_log WHERE id = $1', [last!.id]);
    await store.exec('ALTER TABLE pull_log ENABLE TRIGGER pull_log_append_only');
    const report = await verifyAudit(store);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ code: 'pullsAltered', seq: last!.audit_seq, source: null });
  });
});
