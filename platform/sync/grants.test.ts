/**
 * Sharing by platform grant (./grants.ts), over HTTP on a real database: a centre's transplant
 * enrolment with the resident's consent lets the transplant hospital read the resident and what
 * the centre recorded for the enrolment, earlier records included, and lets the centre read the
 * hospital's plan; later records reach the hospital as they are written, on its stream too;
 * another hospital reads nothing; a plan is refused for an enrolment not shared with its
 * hospital; leaving the programme or withdrawing consent takes it all back with removal markers.
 * A follow-up visit reaches the hospital once signed, never as a draft; the resident reaches every
 * role of the hospital masked, its admin too; only a tertiary hospital can be named as the
 * transplant centre, and a correction to another moves the grant to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentDoc } from '../../shared/carePlans/schema';
import { signRecord } from '../../shared/clinical/signature';
import { newFollowUpDraft } from '../../shared/encounters/draft';
import { encounterLockPolicy } from '../../shared/encounters/schema';
import { maskIdNumber, maskMobile } from '../../shared/identity/mask';
import type { PullResponse, PushResponse, StreamEvent } from '../../shared/sync/protocol';
import {
  sampleEnrolment,
  sampleTransplantEnrolment,
  sampleTransplantPlan,
} from '../../shared/testing/carePlans';
import { sampleObservation } from '../../shared/testing/observations';
import { samplePatient } from '../../shared/testing/patients';
import { hashPassword } from '../auth/passwords';
import { demoCentreId, demoHospitalId, demoPassword, demoTransplantCentreId } from '../seed/demo';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { cheapPasswordHashCost, startTestPlatform, type TestPlatform } from '../testing/platform';
import { accessTokenOf } from '../testing/signIn';
import { ChangeFeed } from './changeFeed';
import { granteesCovering, grantsOfCarePlan, linkOf } from './grants';

const id = (n: number) => `0190d9a0-0000-7000-8000-0000006a${String(n).padStart(4, '0')}`;
const otherHospitalId = 'org-hosp-other';
/** A tertiary hospital the enrolment is corrected to. */
const secondCentreId = 'org-hosp-tertiary';
const at = '2026-12-07T02:00:00.000Z';

const patient = samplePatient({ id: id(1), orgId: demoCentreId, createdBy: 'staff-doc01' });
const neighbour = samplePatient({
  id: id(2),
  orgId: demoCentreId,
  name: '李四',
  birthDate: '1990-03-07',
  idNumber: '110101199003074514',
  createdBy: 'staff-doc01',
});
const given = { action: 'given' as const, at, by: 'staff-doc01', byName: '张建国', note: '本人签字同意' };
const withoutConsent: EnrolmentDoc = {
  ...sampleTransplantEnrolment({ consents: [], transplantOrgId: demoTransplantCentreId }),
  id: id(3),
  patientId: patient.id,
  createdBy: 'staff-doc01',
  createdByName: '张建国',
};
const consented: EnrolmentDoc = {
  ...withoutConsent,
  enrolment: {
    ...withoutConsent.enrolment,
    consents: [given],
  },
  updatedAt: '2026-12-07T02:05:00.000Z',
};
const plan = sampleTransplantPlan(
  { enrolmentId: consented.id },
  {
    id: id(4),
    orgId: demoTransplantCentreId,
    patientId: patient.id,
    createdBy: 'staff-spec03',
    createdByName: '周海燕',
  },
);
const earlierResult = sampleObservation({ id: id(5), patientId: patient.id, enrolmentId: consented.id });
const unlinkedResult = sampleObservation({ id: id(6), patientId: patient.id });
const laterResult = sampleObservation({ id: id(7), patientId: patient.id, enrolmentId: consented.id });
const visit = newFollowUpDraft({
  id: id(8),
  orgId: demoCentreId,
  patient,
  previous: [],
  appointmentId: null,
  doctor: { id: 'staff-doc01', name: '张建国' },
  department: '全科',
  at,
  enrolment: consented,
  windowKey: null,
});

describe('which documents a grant covers', () => {
  it('links visits, results, plans and the enrolment itself to the enrolment', () => {
    expect(linkOf('encounters', visit)).toBe(consented.id);
    expect(linkOf('observations', earlierResult)).toBe(consented.id);
    expect(linkOf('observations', unlinkedResult)).toBeNull();
    expect(linkOf('carePlans', plan)).toBe(consented.id);
    expect(linkOf('carePlans', consented)).toBe(consented.id);
    expect(linkOf('patients', patient)).toBeNull();
  });

  it('shares only the enrolled resident’s own linked records, and their resident record only from the centre', () => {
    const [toHospital, toCentre] = grantsOfCarePlan(consented, false);
    expect(granteesCovering([toHospital!], 'observations', laterResult)).toEqual([demoTransplantCentreId]);
    expect(granteesCovering([toHospital!], 'patients', patient)).toEqual([demoTransplantCentreId]);
    // Another resident's result that names this enrolment (picked by mistake, or forged) stays home.
    const neighbours = { ...laterResult, id: id(9), patientId: 'patient-of-the-neighbour' };
    expect(granteesCovering([toHospital!], 'observations', neighbours)).toEqual([]);
    // The hospital's side of the grant shares its plan, never a resident record of its own.
    expect(granteesCovering([toCentre!], 'carePlans', plan)).toEqual([demoCentreId]);
    expect(granteesCovering([toCentre!], 'patients', patient)).toEqual([]);
  });

  it('grants both ways only for an active, consented transplant enrolment naming another organisation', () => {
    expect(grantsOfCarePlan(consented, false)).toEqual([
      {
        cause: `carePlans/${consented.id}`,
        ownerOrg: demoCentreId,
        granteeOrg: demoTransplantCentreId,
        patientId: patient.id,
        linkId: consented.id,
        coversResident: true,
      },
      {
        cause: `carePlans/${consented.id}`,
        ownerOrg: demoTransplantCentreId,
        granteeOrg: demoCentreId,
        patientId: patient.id,
        linkId: consented.id,
        coversResident: false,
      },
    ]);
    const left = {
      ...consented,
      enrolment: { ...consented.enrolment, status: 'left', leftOn: '2026-12-08', leftReason: 'moved' },
    };
    for (const doc of [
      withoutConsent,
      left,
      { ...consented, enrolment: { ...consented.enrolment, transplantOrgId: null } },
      { ...consented, enrolment: { ...consented.enrolment, transplantOrgId: demoCentreId } },
      { ...consented, enrolment: { ...consented.enrolment, programme: 'hypertension' } },
      plan,
    ])
      expect(grantsOfCarePlan(doc, false)).toEqual([]);
    expect(grantsOfCarePlan(consented, true)).toEqual([]);
  });
});

describe.each(testBackends)('sharing by grant on $name', ({ open }) => {
  let platform: TestPlatform;
  const feed = new ChangeFeed();
  /** What the hospital's and the other hospital's streams received, by collection. */
  const streamed: Record<string, { collection: string; event: StreamEvent }[]> = {
    [demoTransplantCentreId]: [],
    [otherHospitalId]: [],
    [demoCentreId]: [],
  };
  const checkpoints: Record<string, number> = {};

  const push = async (who: string, collection: string, rows: unknown[]) => {
    const answer = await platform.app.inject({
      method: 'POST',
      url: `/v1/${collection}/push`,
      headers: { authorization: `Bearer ${platform.tokens[who]}` },
      payload: rows as object,
    });
    expect(answer.statusCode).toBe(200);
    return answer.json() as PushResponse;
  };
  const row = (doc: object, assumed?: object) => ({
    newDocumentState: { ...doc, _deleted: false },
    ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
  });
  /** Pulls `collection` as `who` from where that person's last pull of it ended. */
  const pull = async (who: string, collection: string) => {
    const key = `${who}/${collection}`;
    const answer = await platform.app.inject({
      method: 'GET',
      url: `/v1/${collection}/pull?seq=${checkpoints[key] ?? 0}&limit=1000`,
      headers: { authorization: `Bearer ${platform.tokens[who]}` },
    });
    expect(answer.statusCode).toBe(200);
    const page = answer.json() as PullResponse & { removed?: string[] };
    checkpoints[key] = page.checkpoint.seq;
    return { ids: page.documents.map((d) => d.id), removed: page.removed ?? [], documents: page.documents };
  };
  const streamedIds = (org: string, collection: string) =>
    streamed[org]!.flatMap(({ collection: c, event }) =>
      c === collection && event.type === 'changes' ? event.documents.map((d) => d.id) : [],
    );
  const streamedRemovals = (org: string, collection: string) =>
    streamed[org]!.flatMap(({ collection: c, event }) =>
      c === collection && event.type === 'changes' ? (event.removed ?? []) : [],
    );

  beforeAll(async () => {
    platform = await startTestPlatform(open, {
      feed,
      signIn: ['doc01', 'nurse01', 'spec03', 'admin01'],
    });
    // A second hospital of the district, with a specialist of its own.
    await platform.store.query(
      `INSERT INTO organisations (id, name, kind, level, number_code) VALUES ($1, '区第三人民医院', 'hospital', 2, 'SY')`,
      [otherHospitalId],
    );
    await platform.store.query(
      `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
       VALUES ('staff-spec09', $1, 'spec09', '周敏', 'specialist', $2)`,
      [otherHospitalId, await hashPassword(demoPassword, cheapPasswordHashCost)],
    );
    platform.tokens.spec09 = await accessTokenOf(platform.app, 'spec09');
    // A second tertiary hospital, which a correction names instead.
    await platform.store.query(
      `INSERT INTO organisations (id, name, kind, level, number_code) VALUES ($1, '省人民医院', 'hospital', 3, 'SR')`,
      [secondCentreId],
    );
    await platform.store.query(
      `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
       VALUES ('staff-spec10', $1, 'spec10', '郑华', 'specialist', $2)`,
      [secondCentreId, await hashPassword(demoPassword, cheapPasswordHashCost)],
    );
    platform.tokens.spec10 = await accessTokenOf(platform.app, 'spec10');
    for (const collection of ['patients', 'carePlans', 'observations', 'encounters'] as const)
      for (const [org, role] of [
        [demoTransplantCentreId, 'specialist'],
        [otherHospitalId, 'specialist'],
        [demoCentreId, 'doctor'],
      ] as const)
        feed.subscribe(collection, org, (event) => streamed[org]!.push({ collection, event }), role);
  }, databaseSetupTimeout);
  afterAll(() => platform?.close());
  let secondEnrolment: EnrolmentDoc;
  const secondId = () => secondEnrolment.id;

  it('shares nothing before the resident consents', async () => {
    expect(await push('doc01', 'patients', [row(patient), row(neighbour)])).toMatchObject({ rejected: [] });
    expect(await push('nurse01', 'observations', [row(earlierResult), row(unlinkedResult)])).toMatchObject({
      rejected: [],
    });
    expect(await push('doc01', 'encounters', [row(visit)])).toMatchObject({ rejected: [] });
    expect(await push('doc01', 'carePlans', [row(withoutConsent)])).toMatchObject({ rejected: [] });
    for (const collection of ['patients', 'carePlans', 'observations', 'encounters'])
      expect((await pull('spec03', collection)).ids).toEqual([]);
    expect(await platform.store.query('SELECT * FROM grants')).toEqual([]);
  });

  it('refuses a plan for an enrolment not shared with the hospital', async () => {
    const answer = await push('spec03', 'carePlans', [row(plan)]);
    expect(answer.rejected).toEqual([
      { id: plan.id, errors: [{ field: 'transplantPlan.enrolmentId', code: 'notShared' }] },
    ]);
  });

  it('on consent, lets the hospital read the resident and the records of the enrolment written before', async () => {
    expect(await push('doc01', 'carePlans', [row(consented, withoutConsent)])).toMatchObject({
      rejected: [],
      conflicts: [],
    });
    const patients = await pull('spec03', 'patients');
    expect(patients.ids).toEqual([patient.id]);
    // A specialist sees identifiers masked, as on any pull.
    expect(patients.documents[0]).toMatchObject({ idNumber: maskIdNumber(patient.idNumber) });
    expect((await pull('spec03', 'carePlans')).ids).toEqual([consented.id]);
    expect((await pull('spec03', 'observations')).ids).toEqual([earlierResult.id]);
    // The visit is still a draft: it stays at the centre until signed.
    expect((await pull('spec03', 'encounters')).ids).toEqual([]);
    // The signed documents' own sharedWith is never rewritten.
    const [stored] = await platform.store.query<{ data: { sharedWith: string[] }; shared_with: string[] }>(
      `SELECT data, shared_with FROM documents WHERE collection = 'observations' AND id = $1`,
      [earlierResult.id],
    );
    expect(stored).toEqual({
      data: expect.objectContaining({ sharedWith: [] }),
      shared_with: [demoTransplantCentreId],
    });
    // The re-shared records reached the hospital's open stream too, and no other hospital's.
    expect(streamedIds(demoTransplantCentreId, 'patients')).toEqual([patient.id]);
    expect(streamedIds(demoTransplantCentreId, 'observations')).toEqual([earlierResult.id]);
    expect(streamedIds(demoTransplantCentreId, 'encounters')).toEqual([]);
    expect(streamedIds(demoTransplantCentreId, 'carePlans')).toEqual([consented.id]);
    const audit = await platform.store.query<{ action: string; details: { grantee: string } }>(
      `SELECT action, details FROM audit_events WHERE collection = 'grants' ORDER BY seq`,
    );
    expect(audit.map((a) => [a.action, a.details.grantee])).toEqual([
      ['grant.create', demoTransplantCentreId],
      ['grant.create', demoCentreId],
    ]);
  });

  it('shares the follow-up visit with the hospital once it is signed', async () => {
    const edited = {
      ...visit,
      followUp: { ...visit.followUp!, nextDate: '2027-03-07', computedNextDate: '2027-03-07' },
      updatedAt: '2026-12-07T02:10:00.000Z',
    };
    expect(await push('doc01', 'encounters', [row(edited, visit)])).toMatchObject({ rejected: [] });
    expect((await pull('spec03', 'encounters')).ids).toEqual([]);
    const signed = signRecord(
      edited,
      { by: 'staff-doc01', byName: '张建国', at: new Date().toISOString() },
      encounterLockPolicy,
    );
    expect(await push('doc01', 'encounters', [row(signed, edited)])).toMatchObject({ rejected: [] });
    const pulled = await pull('spec03', 'encounters');
    expect(pulled.ids).toEqual([visit.id]);
    expect(pulled.documents[0]).toMatchObject({ status: 'signed' });
    expect(streamedIds(demoTransplantCentreId, 'encounters')).toEqual([visit.id]);
  });

  it('masks the resident’s identifiers for every role of the hospital, its admin too', async () => {
    await platform.store.query(
      `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
       VALUES ('staff-hadmin', $1, 'hadmin', '吴刚', 'admin', $2)`,
      [demoTransplantCentreId, await hashPassword(demoPassword, cheapPasswordHashCost)],
    );
    platform.tokens.hadmin = await accessTokenOf(platform.app, 'hadmin');
    const received = await pull('hadmin', 'patients');
    expect(received.ids).toEqual([patient.id]);
    expect(received.documents[0]).toMatchObject({
      idNumber: maskIdNumber(patient.idNumber),
      mobile: maskMobile(patient.mobile),
    });
    expect(JSON.stringify(received.documents)).not.toContain(patient.idNumber);
    // The centre's own admin still sees its residents in full.
    const own = await pull('admin01', 'patients');
    expect(own.documents.find((d) => d.id === patient.id)).toMatchObject({ idNumber: patient.idNumber });
    // A change streamed to an admin of the hospital is masked as well; the centre's is not.
    const streams = new ChangeFeed();
    const seen: Record<string, StreamEvent[]> = { [demoTransplantCentreId]: [], [demoCentreId]: [] };
    for (const org of [demoTransplantCentreId, demoCentreId])
      streams.subscribe('patients', org, (event) => seen[org]!.push(event), 'admin');
    streams.publish('patients', [
      {
        document: { ...patient, _deleted: false },
        checkpoint: { seq: 1 },
        orgId: demoCentreId,
        sharedWith: [demoTransplantCentreId],
      },
    ]);
    const first = (org: string) => seen[org]!.flatMap((e) => (e.type === 'changes' ? e.documents : []))[0];
    expect(first(demoTransplantCentreId)).toMatchObject({ idNumber: maskIdNumber(patient.idNumber) });
    expect(first(demoCentreId)).toMatchObject({ idNumber: patient.idNumber });
  });

  it('lets the hospital set the plan, which the centre reads; another hospital may not', async () => {
    expect(await push('spec03', 'carePlans', [row(plan)])).toMatchObject({ rejected: [] });
    expect((await pull('doc01', 'carePlans')).ids).toContain(plan.id);
    expect(streamedIds(demoCentreId, 'carePlans')).toContain(plan.id);
    const elsewhere = await push('spec09', 'carePlans', [
      row({ ...plan, id: id(9), orgId: otherHospitalId, createdBy: 'staff-spec09', createdByName: '周敏' }),
    ]);
    expect(elsewhere.rejected).toEqual([
      { id: id(9), errors: [{ field: 'transplantPlan.enrolmentId', code: 'notShared' }] },
    ]);
  });

  it('sends the hospital later records of the enrolment as they are written, and nothing else', async () => {
    expect(await push('nurse01', 'observations', [row(laterResult)])).toMatchObject({ rejected: [] });
    expect((await pull('spec03', 'observations')).ids).toEqual([laterResult.id]);
    expect(streamedIds(demoTransplantCentreId, 'observations')).toEqual([earlierResult.id, laterResult.id]);
    // The resident's own record, changed at the centre, goes on reaching the hospital.
    const moved = { ...patient, mobile: '13912345678', updatedAt: '2026-12-07T03:00:00.000Z' };
    expect(await push('doc01', 'patients', [row(moved, patient)])).toMatchObject({ rejected: [] });
    expect((await pull('spec03', 'patients')).ids).toEqual([patient.id]);
  });

  it('shows another hospital nothing at all', async () => {
    for (const collection of ['patients', 'carePlans', 'observations', 'encounters']) {
      expect((await pull('spec09', collection)).ids).toEqual([]);
      expect(streamedIds(otherHospitalId, collection)).toEqual([]);
    }
  });

  it('refuses a transplant enrolment that names no hospital', async () => {
    const answer = await push('doc01', 'carePlans', [
      row({
        ...sampleEnrolment(
          { programme: 'transplant', transplantOrgId: demoCentreId, transplantDate: '2026-09-01' },
          { id: id(10), patientId: neighbour.id, createdBy: 'staff-doc01' },
        ),
      }),
    ]);
    expect(answer.rejected).toEqual([
      { id: id(10), errors: [{ field: 'enrolment.transplantOrgId', code: 'notHospital' }] },
    ]);
  });

  it('takes it all back when the resident leaves the programme', async () => {
    const left: EnrolmentDoc = {
      ...consented,
      enrolment: { ...consented.enrolment, status: 'left', leftOn: '2026-12-08', leftReason: 'moved' },
      updatedAt: '2026-12-08T01:00:00.000Z',
    };
    expect(await push('doc01', 'carePlans', [row(left, consented)])).toMatchObject({ rejected: [] });
    expect(await pull('spec03', 'patients')).toMatchObject({ ids: [], removed: [patient.id] });
    // Only the hospital's own plan is left to it.
    expect(await pull('spec03', 'carePlans')).toMatchObject({ ids: [plan.id], removed: [consented.id] });
    const results = await pull('spec03', 'observations');
    expect(results.ids).toEqual([]);
    expect([...results.removed].sort()).toEqual([earlierResult.id, laterResult.id].sort());
    expect(await pull('spec03', 'encounters')).toMatchObject({ ids: [], removed: [visit.id] });
    expect(await pull('doc01', 'carePlans')).toMatchObject({ removed: [plan.id] });
    expect(streamedRemovals(demoTransplantCentreId, 'observations').sort()).toEqual(
      [earlierResult.id, laterResult.id].sort(),
    );
    expect(streamedRemovals(demoTransplantCentreId, 'patients')).toEqual([patient.id]);
    expect(streamedRemovals(demoCentreId, 'carePlans')).toEqual([plan.id]);
    // The hospital can no longer change its plan, and the centre's new records stay at the centre.
    const revised = {
      ...plan,
      transplantPlan: { ...plan.transplantPlan, revision: 2, revisionReason: '改为每月复查' },
    };
    expect((await push('spec03', 'carePlans', [row(revised, plan)])).rejected).toEqual([
      { id: plan.id, errors: [{ field: 'transplantPlan.enrolmentId', code: 'notShared' }] },
    ]);
    const after = sampleObservation({ id: id(11), patientId: patient.id, enrolmentId: consented.id });
    expect(await push('nurse01', 'observations', [row(after)])).toMatchObject({ rejected: [] });
    expect((await pull('spec03', 'observations')).ids).toEqual([]);
    const grants = await platform.store.query<{ revoked_at: unknown }>('SELECT revoked_at FROM grants');
    expect(grants).toHaveLength(2);
    expect(grants.every((g) => g.revoked_at !== null)).toBe(true);
  });

  it('takes it back when consent is withdrawn, and shares again when it is given again', async () => {
    const second: EnrolmentDoc = {
      ...consented,
      id: id(12),
      patientId: neighbour.id,
      updatedAt: '2026-12-09T01:00:00.000Z',
    };
    expect(await push('doc01', 'carePlans', [row(second)])).toMatchObject({ rejected: [] });
    expect((await pull('spec03', 'patients')).ids).toEqual([neighbour.id]);
    expect((await pull('spec03', 'carePlans')).ids).toEqual([second.id]);
    const withdrawal = {
      action: 'withdrawn' as const,
      at: '2026-12-09T02:00:00.000Z',
      by: 'staff-doc01',
      byName: '张建国',
      note: '本人要求停止共享',
    };
    const withdrawn = {
      ...second,
      enrolment: { ...second.enrolment, consents: [given, withdrawal] },
      updatedAt: '2026-12-09T02:00:00.000Z',
    };
    // Erasing who consented is refused: the register is only appended to.
    const erased = {
      ...withdrawn,
      enrolment: { ...second.enrolment, consents: [{ ...given, byName: '' }, withdrawal] },
    };
    expect((await push('doc01', 'carePlans', [row(erased, second)])).rejected).toEqual([
      { id: second.id, errors: [{ field: 'enrolment.consents', code: 'editsRewritten' }] },
    ]);
    expect(await push('doc01', 'carePlans', [row(withdrawn, second)])).toMatchObject({ rejected: [] });
    expect(await pull('spec03', 'patients')).toMatchObject({ ids: [], removed: [neighbour.id] });
    expect(await pull('spec03', 'carePlans')).toMatchObject({ ids: [], removed: [second.id] });
    const regiven = { ...given, at: '2026-12-09T03:00:00.000Z', note: '再次签字同意' };
    const again = {
      ...second,
      enrolment: { ...second.enrolment, consents: [given, withdrawal, regiven] },
      updatedAt: '2026-12-09T03:00:00.000Z',
    };
    expect(await push('doc01', 'carePlans', [row(again, withdrawn)])).toMatchObject({ rejected: [] });
    expect((await pull('spec03', 'patients')).ids).toEqual([neighbour.id]);
    expect((await pull('spec03', 'carePlans')).ids).toEqual([second.id]);
    secondEnrolment = again;
  });

  it('moves the grant to the hospital a correction names, revoking the old one, audited', async () => {
    const correction = {
      from: demoTransplantCentreId,
      to: secondCentreId,
      reason: '出院小结所写移植中心有误',
      at: '2026-12-09T04:00:00.000Z',
      by: 'staff-doc01',
      byName: '张建国',
    };
    const corrected = {
      ...secondEnrolment,
      enrolment: {
        ...secondEnrolment.enrolment,
        transplantOrgId: secondCentreId,
        centreCorrections: [correction],
      },
      updatedAt: '2026-12-09T04:00:00.000Z',
    };
    // A centre named without a correction is refused; so is a correction to a hospital that is
    // not a tertiary one.
    const unexplained = { ...corrected, enrolment: { ...corrected.enrolment, centreCorrections: [] } };
    expect((await push('doc01', 'carePlans', [row(unexplained, secondEnrolment)])).rejected).toEqual([
      { id: secondId(), errors: [{ field: 'enrolment.transplantOrgId', code: 'fixedField' }] },
    ]);
    const toSecondary = {
      ...corrected,
      enrolment: {
        ...corrected.enrolment,
        transplantOrgId: otherHospitalId,
        centreCorrections: [{ ...correction, to: otherHospitalId }],
      },
    };
    expect((await push('doc01', 'carePlans', [row(toSecondary, secondEnrolment)])).rejected).toEqual([
      { id: secondId(), errors: [{ field: 'enrolment.transplantOrgId', code: 'notHospital' }] },
    ]);
    expect(await push('doc01', 'carePlans', [row(corrected, secondEnrolment)])).toMatchObject({
      rejected: [],
    });
    expect(await pull('spec03', 'patients')).toMatchObject({ ids: [], removed: [neighbour.id] });
    expect(await pull('spec03', 'carePlans')).toMatchObject({ ids: [], removed: [secondId()] });
    expect((await pull('spec10', 'patients')).ids).toEqual([neighbour.id]);
    expect((await pull('spec10', 'carePlans')).ids).toEqual([secondId()]);
    const audit = await platform.store.query<{ action: string; details: { grantee: string } }>(
      `SELECT action, details FROM audit_events
        WHERE collection = 'grants' AND record_id = $1 ORDER BY seq DESC LIMIT 4`,
      [`carePlans/${secondId()}`],
    );
    expect(audit.map((a) => [a.action, a.details.grantee]).sort()).toEqual(
      [
        ['grant.create', secondCentreId],
        ['grant.create', demoCentreId],
        ['grant.revoke', demoTransplantCentreId],
        ['grant.revoke', demoCentreId],
      ].sort(),
    );
  });

  it('refuses a secondary hospital as the transplant centre', async () => {
    const answer = await push('doc01', 'carePlans', [
      row({
        ...sampleTransplantEnrolment({ consents: [given], transplantOrgId: demoHospitalId }),
        id: id(13),
        patientId: neighbour.id,
        createdBy: 'staff-doc01',
        createdByName: '张建国',
      }),
    ]);
    expect(answer.rejected).toEqual([
      { id: id(13), errors: [{ field: 'enrolment.transplantOrgId', code: 'notHospital' }] },
    ]);
  });

  it('accepts an enrolment that keeps the earlier single consent, and shares it as given', async () => {
    const { consents: _none, ...fields } = consented.enrolment;
    const legacy = {
      ...consented,
      id: id(14),
      patientId: neighbour.id,
      enrolment: { ...fields, consent: { at, by: 'staff-doc01', byName: '张建国', note: '本人签字同意' } },
    };
    expect(await push('doc01', 'carePlans', [row(legacy)])).toMatchObject({ rejected: [] });
    expect((await pull('spec03', 'carePlans')).ids).toEqual([id(14)]);
    // Clearing it would erase who consented: it is withdrawn by appending to the register instead.
    const cleared = { ...legacy, enrolment: { ...legacy.enrolment, consent: null } };
    expect((await push('doc01', 'carePlans', [row(cleared, legacy)])).rejected).toEqual([
      { id: id(14), errors: [{ field: 'enrolment.consents', code: 'editsRewritten' }] },
    ]);
    const withdrawn = {
      ...legacy,
      enrolment: {
        ...fields,
        consent: null,
        consents: [
          { action: 'given' as const, at, by: 'staff-doc01', byName: '张建国', note: '本人签字同意' },
          { action: 'withdrawn' as const, at, by: 'staff-doc01', byName: '张建国', note: '本人要求' },
        ],
      },
    };
    expect(await push('doc01', 'carePlans', [row(withdrawn, legacy)])).toMatchObject({ rejected: [] });
    expect(await pull('spec03', 'carePlans')).toMatchObject({ ids: [], removed: [id(14)] });
  });
});
