/**
 * Sharing by platform grant (./grants.ts), over HTTP on a real database: a centre's transplant
 * enrolment with the resident's consent lets the transplant hospital read the resident and what
 * the centre recorded for the enrolment, earlier records included, and lets the centre read the
 * hospital's plan; later records reach the hospital as they are written, on its stream too;
 * another hospital reads nothing; a plan is refused for an enrolment not shared with its
 * hospital; leaving the programme or withdrawing consent takes it all back with removal markers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentDoc } from '../../shared/carePlans/schema';
import { newFollowUpDraft } from '../../shared/encounters/draft';
import { maskIdNumber } from '../../shared/identity/mask';
import type { PullResponse, PushResponse, StreamEvent } from '../../shared/sync/protocol';
import {
  sampleEnrolment,
  sampleTransplantEnrolment,
  sampleTransplantPlan,
} from '../../shared/testing/carePlans';
import { sampleObservation } from '../../shared/testing/observations';
import { samplePatient } from '../../shared/testing/patients';
import { hashPassword } from '../auth/passwords';
import { demoCentreId, demoHospitalId, demoPassword } from '../seed/demo';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { cheapPasswordHashCost, startTestPlatform, type TestPlatform } from '../testing/platform';
import { accessTokenOf } from '../testing/signIn';
import { ChangeFeed } from './changeFeed';
import { granteesCovering, grantsOfCarePlan, linkOf } from './grants';

const id = (n: number) => `0190d9a0-0000-7000-8000-0000006a${String(n).padStart(4, '0')}`;
const otherHospitalId = 'org-hosp-other';
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
const withoutConsent: EnrolmentDoc = {
  ...sampleTransplantEnrolment({ consent: null }),
  id: id(3),
  patientId: patient.id,
  createdBy: 'staff-doc01',
  createdByName: '张建国',
};
const consented: EnrolmentDoc = {
  ...withoutConsent,
  enrolment: {
    ...withoutConsent.enrolment,
    consent: { at, by: 'staff-doc01', byName: '张建国', note: '本人签字同意' },
  },
  updatedAt: '2026-12-07T02:05:00.000Z',
};
const plan = sampleTransplantPlan(
  { enrolmentId: consented.id },
  { id: id(4), patientId: patient.id, createdBy: 'staff-spec01', createdByName: '陈立新' },
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
    expect(granteesCovering([toHospital!], 'observations', laterResult)).toEqual([demoHospitalId]);
    expect(granteesCovering([toHospital!], 'patients', patient)).toEqual([demoHospitalId]);
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
        granteeOrg: demoHospitalId,
        patientId: patient.id,
        linkId: consented.id,
        coversResident: true,
      },
      {
        cause: `carePlans/${consented.id}`,
        ownerOrg: demoHospitalId,
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
    [demoHospitalId]: [],
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
      signIn: ['doc01', 'nurse01', 'spec01', 'admin01'],
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
    for (const collection of ['patients', 'carePlans', 'observations', 'encounters'] as const)
      for (const [org, role] of [
        [demoHospitalId, 'specialist'],
        [otherHospitalId, 'specialist'],
        [demoCentreId, 'doctor'],
      ] as const)
        feed.subscribe(collection, org, (event) => streamed[org]!.push({ collection, event }), role);
  }, databaseSetupTimeout);
  afterAll(() => platform?.close());

  it('shares nothing before the resident consents', async () => {
    expect(await push('doc01', 'patients', [row(patient), row(neighbour)])).toMatchObject({ rejected: [] });
    expect(await push('nurse01', 'observations', [row(earlierResult), row(unlinkedResult)])).toMatchObject({
      rejected: [],
    });
    expect(await push('doc01', 'encounters', [row(visit)])).toMatchObject({ rejected: [] });
    expect(await push('doc01', 'carePlans', [row(withoutConsent)])).toMatchObject({ rejected: [] });
    for (const collection of ['patients', 'carePlans', 'observations', 'encounters'])
      expect((await pull('spec01', collection)).ids).toEqual([]);
    expect(await platform.store.query('SELECT * FROM grants')).toEqual([]);
  });

  it('refuses a plan for an enrolment not shared with the hospital', async () => {
    const answer = await push('spec01', 'carePlans', [row(plan)]);
    expect(answer.rejected).toEqual([
      { id: plan.id, errors: [{ field: 'transplantPlan.enrolmentId', code: 'notShared' }] },
    ]);
  });

  it('on consent, lets the hospital read the resident and the records of the enrolment written before', async () => {
    expect(await push('doc01', 'carePlans', [row(consented, withoutConsent)])).toMatchObject({
      rejected: [],
      conflicts: [],
    });
    const patients = await pull('spec01', 'patients');
    expect(patients.ids).toEqual([patient.id]);
    // A specialist sees identifiers masked, as on any pull.
    expect(patients.documents[0]).toMatchObject({ idNumber: maskIdNumber(patient.idNumber) });
    expect((await pull('spec01', 'carePlans')).ids).toEqual([consented.id]);
    expect((await pull('spec01', 'observations')).ids).toEqual([earlierResult.id]);
    expect((await pull('spec01', 'encounters')).ids).toEqual([visit.id]);
    // The signed documents' own sharedWith is never rewritten.
    const [stored] = await platform.store.query<{ data: { sharedWith: string[] }; shared_with: string[] }>(
      `SELECT data, shared_with FROM documents WHERE collection = 'observations' AND id = $1`,
      [earlierResult.id],
    );
    expect(stored).toEqual({
      data: expect.objectContaining({ sharedWith: [] }),
      shared_with: [demoHospitalId],
    });
    // The re-shared records reached the hospital's open stream too, and no other hospital's.
    expect(streamedIds(demoHospitalId, 'patients')).toEqual([patient.id]);
    expect(streamedIds(demoHospitalId, 'observations')).toEqual([earlierResult.id]);
    expect(streamedIds(demoHospitalId, 'encounters')).toEqual([visit.id]);
    expect(streamedIds(demoHospitalId, 'carePlans')).toEqual([consented.id]);
    const audit = await platform.store.query<{ action: string; details: { grantee: string } }>(
      `SELECT action, details FROM audit_events WHERE collection = 'grants' ORDER BY seq`,
    );
    expect(audit.map((a) => [a.action, a.details.grantee])).toEqual([
      ['grant.create', demoHospitalId],
      ['grant.create', demoCentreId],
    ]);
  });

  it('lets the hospital set the plan, which the centre reads; another hospital may not', async () => {
    expect(await push('spec01', 'carePlans', [row(plan)])).toMatchObject({ rejected: [] });
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
    expect((await pull('spec01', 'observations')).ids).toEqual([laterResult.id]);
    expect(streamedIds(demoHospitalId, 'observations')).toEqual([earlierResult.id, laterResult.id]);
    // The resident's own record, changed at the centre, goes on reaching the hospital.
    const moved = { ...patient, mobile: '13912345678', updatedAt: '2026-12-07T03:00:00.000Z' };
    expect(await push('doc01', 'patients', [row(moved, patient)])).toMatchObject({ rejected: [] });
    expect((await pull('spec01', 'patients')).ids).toEqual([patient.id]);
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
    expect(await pull('spec01', 'patients')).toMatchObject({ ids: [], removed: [patient.id] });
    // Only the hospital's own plan is left to it.
    expect(await pull('spec01', 'carePlans')).toMatchObject({ ids: [plan.id], removed: [consented.id] });
    const results = await pull('spec01', 'observations');
    expect(results.ids).toEqual([]);
    expect([...results.removed].sort()).toEqual([earlierResult.id, laterResult.id].sort());
    expect(await pull('spec01', 'encounters')).toMatchObject({ ids: [], removed: [visit.id] });
    expect(await pull('doc01', 'carePlans')).toMatchObject({ removed: [plan.id] });
    expect(streamedRemovals(demoHospitalId, 'observations').sort()).toEqual(
      [earlierResult.id, laterResult.id].sort(),
    );
    expect(streamedRemovals(demoHospitalId, 'patients')).toEqual([patient.id]);
    expect(streamedRemovals(demoCentreId, 'carePlans')).toEqual([plan.id]);
    // The hospital can no longer change its plan, and the centre's new records stay at the centre.
    const revised = {
      ...plan,
      transplantPlan: { ...plan.transplantPlan, revision: 2, revisionReason: '改为每月复查' },
    };
    expect((await push('spec01', 'carePlans', [row(revised, plan)])).rejected).toEqual([
      { id: plan.id, errors: [{ field: 'transplantPlan.enrolmentId', code: 'notShared' }] },
    ]);
    const after = sampleObservation({ id: id(11), patientId: patient.id, enrolmentId: consented.id });
    expect(await push('nurse01', 'observations', [row(after)])).toMatchObject({ rejected: [] });
    expect((await pull('spec01', 'observations')).ids).toEqual([]);
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
    expect((await pull('spec01', 'patients')).ids).toEqual([neighbour.id]);
    expect((await pull('spec01', 'carePlans')).ids).toEqual([second.id]);
    const withdrawn = {
      ...second,
      enrolment: { ...second.enrolment, consent: null },
      updatedAt: '2026-12-09T02:00:00.000Z',
    };
    expect(await push('doc01', 'carePlans', [row(withdrawn, second)])).toMatchObject({ rejected: [] });
    expect(await pull('spec01', 'patients')).toMatchObject({ ids: [], removed: [neighbour.id] });
    expect(await pull('spec01', 'carePlans')).toMatchObject({ ids: [], removed: [second.id] });
    const again = { ...second, updatedAt: '2026-12-09T03:00:00.000Z' };
    expect(await push('doc01', 'carePlans', [row(again, withdrawn)])).toMatchObject({ rejected: [] });
    expect((await pull('spec01', 'patients')).ids).toEqual([neighbour.id]);
    expect((await pull('spec01', 'carePlans')).ids).toEqual([second.id]);
  });
});
