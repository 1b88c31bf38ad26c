import { describe, expect, it } from 'vitest';
import { syncedCollections } from '../sync/collections';
import type { Writer } from '../sync/clinicalRecords';
import {
  centreOrgId,
  hospitalOrgId,
  sampleContract,
  sampleEnrolment,
  sampleTransplantEnrolment,
  sampleTransplantPlan,
} from '../testing/carePlans';
import { carePlanErrors, carePlanWriteErrors, mayWriteCarePlan, resolveCarePlan } from './rules';
import { consentGiven, consentHistory, currentConsent, mayBeTransplantCentre } from './consent';
import { carePlanMigrations, type CarePlanDoc } from './schema';

const doctor: Writer = { staffId: 'staff-doctor01', role: 'doctor', orgId: centreOrgId };
const colleague: Writer = { staffId: 'staff-doctor02', role: 'doctor', orgId: centreOrgId };
const nurse: Writer = { staffId: 'staff-nurse01', role: 'nurse', orgId: centreOrgId };
const specialist: Writer = { staffId: 'staff-specialist01', role: 'specialist', orgId: hospitalOrgId };
const later = '2026-12-08T02:00:00.000Z';

describe('what a care plan must hold', () => {
  it('accepts the sample contract, enrolments and plan', () => {
    for (const doc of [
      sampleContract(),
      sampleEnrolment(),
      sampleTransplantEnrolment(),
      sampleTransplantPlan(),
    ])
      expect(carePlanErrors(doc)).toEqual([]);
  });

  it('refuses a document whose payload is not its kind’s', () => {
    const contract = sampleContract();
    expect(carePlanErrors({ ...contract, kind: 'enrolment' })).toEqual([
      { field: 'kind', code: 'kindMismatch' },
    ]);
    expect(carePlanErrors({ ...contract, enrolment: sampleEnrolment().enrolment })).toEqual([
      { field: 'kind', code: 'kindMismatch' },
    ]);
    const { contract: _none, ...empty } = contract;
    expect(carePlanErrors(empty as CarePlanDoc)).toEqual([{ field: 'kind', code: 'kindMismatch' }]);
  });

  it.each([
    [{ endDate: '2026-12-06' }, 'contract.endDate', 'endBeforeStart'],
    [{ endDate: '2027-02-30' }, 'contract.endDate', 'dateFormat'],
    [{ populationTypes: [] }, 'contract.populationTypes', 'required'],
    [{ populationTypes: ['elderly', 'elderly'] }, 'contract.populationTypes', 'duplicate'],
    [{ status: 'terminated' }, 'contract.status', 'terminationIncomplete'],
    [{ terminationReason: '搬家' }, 'contract.status', 'notTerminated'],
    [
      { renewsContractId: '0190d9a0-0000-7000-8000-0000000c0001' },
      'contract.renewsContractId',
      'selfReference',
    ],
  ] as const)('contract %j: %s %s', (changes, field, code) => {
    expect(carePlanErrors(sampleContract(changes as never))).toContainEqual({ field, code });
  });

  it('takes a one-day term (start = end, the last day inclusive)', () => {
    expect(carePlanErrors(sampleContract({ endDate: '2026-12-07' }))).toEqual([]);
  });

  it.each([
    [{ status: 'left' }, 'enrolment.status', 'leftIncomplete'],
    [{ status: 'left', leftOn: '2026-12-06', leftReason: 'moved' }, 'enrolment.leftOn', 'endBeforeStart'],
    [{ leftReason: 'died' }, 'enrolment.status', 'notLeft'],
    [{ programme: 'pregnancy' }, 'enrolment.lmp', 'required'],
    [{ programme: 'transplant' }, 'enrolment.transplantOrgId', 'required'],
    [
      {
        scheduleEdits: [
          { windowKey: 'q1', dueDate: '2027-03-01', reason: ' ', at: later, by: 'x', byName: 'x' },
        ],
      },
      'enrolment.scheduleEdits.0.reason',
      'required',
    ],
  ] as const)('enrolment %j: %s %s', (changes, field, code) => {
    expect(carePlanErrors(sampleEnrolment(changes as never))).toContainEqual({ field, code });
  });

  it('takes a pregnancy by its due date alone, and leaving on the day of enrolment', () => {
    expect(carePlanErrors(sampleEnrolment({ programme: 'pregnancy', dueDate: '2027-06-01' }))).toEqual([]);
    expect(
      carePlanErrors(sampleEnrolment({ status: 'left', leftOn: '2026-12-07', leftReason: 'moved' })),
    ).toEqual([]);
  });

  it.each([
    [{ tests: ['wbc', 'unicorn'] }, 'transplantPlan.tests.1', 'unknownAnalyte'],
    [{ phases: [] }, 'transplantPlan.phases', 'required'],
    [
      { phases: [{ fromMonth: 12, toMonth: 12, intervalMonths: 3 }] },
      'transplantPlan.phases.0',
      'endBeforeStart',
    ],
    [{ revision: 2 }, 'transplantPlan.revisionReason', 'required'],
    [{ centreOrgId: hospitalOrgId }, 'transplantPlan.centreOrgId', 'sameOrganisation'],
  ] as const)('plan %j: %s %s', (changes, field, code) => {
    expect(carePlanErrors(sampleTransplantPlan(changes as never))).toContainEqual({ field, code });
  });
});

describe('who writes a care plan', () => {
  it('lets a centre doctor sign contracts and enrol, and a hospital specialist set plans', () => {
    expect(mayWriteCarePlan(doctor, 'contract', 'chc')).toBe(true);
    expect(mayWriteCarePlan(doctor, 'enrolment', 'chc')).toBe(true);
    expect(mayWriteCarePlan(specialist, 'transplantPlan', 'hospital')).toBe(true);
    expect(mayWriteCarePlan(specialist, 'enrolment')).toBe(false);
    expect(mayWriteCarePlan(nurse, 'enrolment')).toBe(false);
    expect(mayWriteCarePlan(doctor, 'contract', 'hospital')).toBe(false);
    expect(mayWriteCarePlan(doctor, 'transplantPlan', 'chc')).toBe(false);
  });

  it('refuses a nurse, another person’s name and the wrong kind of organisation', () => {
    expect(carePlanWriteErrors(sampleEnrolment(), undefined, nurse)).toEqual([
      { field: 'createdBy', code: 'notPlanner' },
    ]);
    expect(carePlanWriteErrors(sampleEnrolment(), undefined, colleague)).toEqual([
      { field: 'createdBy', code: 'notCreator' },
    ]);
    expect(carePlanWriteErrors(sampleEnrolment(), undefined, doctor, { orgKind: 'hospital' })).toEqual([
      { field: 'kind', code: 'wrongOrganisation' },
    ]);
    expect(
      carePlanWriteErrors(sampleTransplantPlan(), undefined, specialist, { orgKind: 'hospital' }),
    ).toEqual([]);
    expect(carePlanWriteErrors(sampleEnrolment(), undefined, doctor, { orgKind: 'chc' })).toEqual([]);
  });

  it('accepts the same version again (a retried push) and a colleague’s later change', () => {
    const stored = sampleContract();
    expect(carePlanWriteErrors(stored, stored, doctor)).toEqual([]);
    const terminated = sampleContract(
      { status: 'terminated', terminatedAt: later, terminationReason: '迁出本辖区' },
      { updatedAt: later },
    );
    expect(carePlanWriteErrors(terminated, stored, colleague)).toEqual([]);
  });
});

describe('how a stored care plan may change', () => {
  const contract = sampleContract();
  const terminated = sampleContract({ status: 'terminated', terminatedAt: later, terminationReason: '迁出' });
  const renewed = sampleContract({ status: 'renewed' });

  it('moves a contract forward only, and never back from terminated or renewed', () => {
    expect(carePlanWriteErrors(renewed, contract, doctor)).toEqual([]);
    expect(carePlanWriteErrors(contract, terminated, doctor)).toEqual([
      { field: 'contract.status', code: 'statusBackward' },
    ]);
    expect(carePlanWriteErrors(contract, renewed, doctor)).toEqual([
      { field: 'contract.status', code: 'statusBackward' },
    ]);
    expect(carePlanWriteErrors(terminated, renewed, doctor)).toContainEqual({
      field: '(document)',
      code: 'closed',
    });
  });

  it('keeps a signed agreement’s terms, and who created it', () => {
    expect(carePlanWriteErrors(sampleContract({ endDate: '2028-12-06' }), contract, doctor)).toEqual([
      { field: 'contract.endDate', code: 'fixedField' },
    ]);
    expect(carePlanWriteErrors({ ...contract, patientId: 'someone-else' }, contract, doctor)).toEqual([
      { field: 'patientId', code: 'fixedField' },
    ]);
    expect(carePlanWriteErrors({ ...contract, createdBy: 'staff-doctor02' }, contract, doctor)).toEqual([
      { field: 'createdBy', code: 'fixedField' },
    ]);
  });

  it('never removes a care plan', () => {
    expect(carePlanWriteErrors({ ...contract, _deleted: true } as CarePlanDoc, contract, doctor)).toEqual([
      { field: '(document)', code: 'removed' },
    ]);
  });

  it('lets an enrolment end, take schedule edits at the end and change its consent; then closes it', () => {
    const enrolment = sampleEnrolment();
    const edit = {
      windowKey: '2027-q1',
      dueDate: '2027-03-10',
      reason: '春节返乡',
      at: later,
      by: 'd',
      byName: 'd',
    };
    const edited = sampleEnrolment({ scheduleEdits: [edit] });
    expect(carePlanWriteErrors(edited, enrolment, doctor)).toEqual([]);
    expect(carePlanWriteErrors(enrolment, edited, doctor)).toEqual([
      { field: 'enrolment.scheduleEdits', code: 'editsRewritten' },
    ]);
    expect(
      carePlanWriteErrors(sampleEnrolment({ scheduleEdits: [{ ...edit, reason: '改' }] }), edited, doctor),
    ).toEqual([{ field: 'enrolment.scheduleEdits', code: 'editsRewritten' }]);
    expect(carePlanWriteErrors(sampleEnrolment({ programme: 'diabetes' }), enrolment, doctor)).toEqual([
      { field: 'enrolment.programme', code: 'fixedField' },
    ]);
    const left = sampleEnrolment({ status: 'left', leftOn: '2027-01-10', leftReason: 'moved' });
    expect(carePlanWriteErrors(left, enrolment, doctor)).toEqual([]);
    expect(carePlanWriteErrors(enrolment, left, doctor)).toEqual([
      { field: 'enrolment.status', code: 'statusBackward' },
    ]);
    expect(
      carePlanWriteErrors({ ...left, enrolment: { ...left.enrolment, leftNote: '补' } }, left, doctor),
    ).toEqual([{ field: '(document)', code: 'closed' }]);
  });

  it('names the transplant centre once, and changes it only by a correction with its reason', () => {
    const shared = sampleTransplantEnrolment();
    expect(
      carePlanWriteErrors(sampleTransplantEnrolment({ transplantOrgId: 'org-hosp-other' }), shared, doctor),
    ).toEqual([{ field: 'enrolment.transplantOrgId', code: 'fixedField' }]);
    const correction = {
      from: hospitalOrgId,
      to: 'org-hosp-other',
      reason: '出院小结写错',
      at: later,
      by: doctor.staffId,
      byName: '张建国',
    };
    const corrected = sampleTransplantEnrolment({
      transplantOrgId: 'org-hosp-other',
      centreCorrections: [correction],
    });
    expect(carePlanErrors(corrected)).toEqual([]);
    expect(carePlanWriteErrors(corrected, shared, doctor)).toEqual([]);
    // In another's name, without its reason, from a centre not named, or not where it ends.
    expect(carePlanWriteErrors(corrected, shared, colleague)).toEqual([
      { field: 'enrolment.centreCorrections.0.by', code: 'notAuthor' },
    ]);
    const reasonless = sampleTransplantEnrolment({
      transplantOrgId: 'org-hosp-other',
      centreCorrections: [{ ...correction, reason: ' ' }],
    });
    expect(carePlanErrors(reasonless)).toEqual([
      { field: 'enrolment.centreCorrections.0.reason', code: 'required' },
    ]);
    const elsewhere = sampleTransplantEnrolment({
      transplantOrgId: 'org-hosp-other',
      centreCorrections: [{ ...correction, from: 'org-hosp-third' }],
    });
    expect(carePlanWriteErrors(elsewhere, shared, doctor)).toEqual([
      { field: 'enrolment.centreCorrections', code: 'correctionChain' },
    ]);
    expect(carePlanErrors(sampleTransplantEnrolment({ centreCorrections: [correction] }))).toEqual([
      { field: 'enrolment.centreCorrections.0', code: 'correctionChain' },
    ]);
    // A correction once made stays.
    expect(
      carePlanWriteErrors(
        sampleTransplantEnrolment({ transplantOrgId: 'org-hosp-other' }),
        corrected,
        doctor,
      ),
    ).toContainEqual({ field: 'enrolment.centreCorrections', code: 'editsRewritten' });
  });

  it('keeps consent as a register: entries are appended in the writer’s name, never edited or removed', () => {
    const shared = sampleTransplantEnrolment();
    const [given] = shared.enrolment.consents!;
    const withdrawal = {
      action: 'withdrawn' as const,
      at: later,
      by: doctor.staffId,
      byName: '张建国',
      note: '本人要求停止共享',
    };
    const withdrawn = sampleTransplantEnrolment({ consents: [given!, withdrawal] });
    expect(carePlanErrors(withdrawn)).toEqual([]);
    expect(carePlanWriteErrors(withdrawn, shared, doctor)).toEqual([]);
    expect(consentGiven(withdrawn.enrolment)).toBe(false);
    // Withdrawing by erasing who consented, or rewriting an entry, is refused.
    for (const consents of [[], [{ ...given!, byName: '别人' }]])
      expect(carePlanWriteErrors(sampleTransplantEnrolment({ consents }), shared, doctor)).toEqual([
        { field: 'enrolment.consents', code: 'editsRewritten' },
      ]);
    expect(carePlanWriteErrors(shared, withdrawn, doctor)).toEqual([
      { field: 'enrolment.consents', code: 'editsRewritten' },
    ]);
    // An entry in someone else's name.
    expect(carePlanWriteErrors(withdrawn, shared, colleague)).toEqual([
      { field: 'enrolment.consents.1.by', code: 'notAuthor' },
    ]);
    // A withdrawal needs its reason; the register alternates, starting with a consent.
    expect(
      carePlanErrors(sampleTransplantEnrolment({ consents: [given!, { ...withdrawal, note: '' }] })),
    ).toEqual([{ field: 'enrolment.consents.1.note', code: 'required' }]);
    expect(carePlanErrors(sampleTransplantEnrolment({ consents: [given!, given!] }))).toEqual([
      { field: 'enrolment.consents.1', code: 'consentOrder' },
    ]);
    expect(carePlanErrors(sampleTransplantEnrolment({ consents: [withdrawal] }))).toEqual([
      { field: 'enrolment.consents.0', code: 'consentOrder' },
    ]);
    expect(carePlanErrors(sampleEnrolment({ consents: [given!] }))).toEqual([
      { field: 'enrolment.consents', code: 'notTransplant' },
    ]);
    const again = sampleTransplantEnrolment({
      consents: [given!, withdrawal, { ...given!, at: later, by: doctor.staffId }],
    });
    expect(carePlanWriteErrors(again, withdrawn, doctor)).toEqual([]);
    expect(currentConsent(again.enrolment)).toMatchObject({ action: 'given', at: later });
  });

  it('reads the earlier single consent as the register’s first entry', () => {
    const shared = sampleTransplantEnrolment();
    const [given] = shared.enrolment.consents!;
    const { action: _given, ...single } = given!;
    const { consents: _none, ...fields } = shared.enrolment;
    const legacy = { ...shared, enrolment: { ...fields, consent: single } };
    expect(carePlanErrors(legacy)).toEqual([]);
    expect(consentHistory(legacy.enrolment)).toEqual([given]);
    expect(consentGiven({ ...fields, consent: null })).toBe(false);
    // Its successor keeps it as the first entry; clearing it is no withdrawal.
    expect(carePlanWriteErrors(shared, legacy, doctor)).toEqual([]);
    expect(
      carePlanWriteErrors({ ...legacy, enrolment: { ...fields, consent: null } }, legacy, doctor),
    ).toEqual([{ field: 'enrolment.consents', code: 'editsRewritten' }]);
    // Both forms at once are refused.
    expect(carePlanErrors({ ...shared, enrolment: { ...shared.enrolment, consent: single } })).toEqual([
      { field: 'enrolment.consent', code: 'legacyConsent' },
    ]);
    expect(carePlanMigrations[1]!(legacy)).toEqual(shared);
    expect(carePlanMigrations[1]!({ ...legacy, enrolment: { ...fields, consent: null } })).toEqual(
      sampleTransplantEnrolment({ consents: [] }),
    );
    expect(carePlanMigrations[1]!({ ...sampleContract() })).toEqual(sampleContract());
  });

  it('lets only a tertiary hospital be the transplant centre', () => {
    expect(mayBeTransplantCentre({ kind: 'hospital', level: 3 })).toBe(true);
    expect(mayBeTransplantCentre({ kind: 'hospital', level: 2 })).toBe(false);
    expect(mayBeTransplantCentre({ kind: 'hospital', level: null })).toBe(false);
    expect(mayBeTransplantCentre({ kind: 'chc', level: 3 })).toBe(false);
    expect(mayBeTransplantCentre(null)).toBe(false);
  });

  it('changes a plan only as its next revision, with the reason', () => {
    const plan = sampleTransplantPlan();
    const tests = [...plan.transplantPlan.tests, 'ciclosporin' as const];
    expect(carePlanWriteErrors(sampleTransplantPlan({ tests }), plan, specialist)).toEqual([
      { field: 'transplantPlan.revision', code: 'revisionRequired' },
    ]);
    expect(
      carePlanWriteErrors(
        sampleTransplantPlan({ tests, revision: 2, revisionReason: '改用环孢素' }),
        plan,
        specialist,
      ),
    ).toEqual([]);
    expect(
      carePlanWriteErrors(
        sampleTransplantPlan({ tests, revision: 3, revisionReason: '改用环孢素' }),
        plan,
        specialist,
      ),
    ).toEqual([{ field: 'transplantPlan.revision', code: 'revisionRequired' }]);
    expect(
      carePlanWriteErrors(
        sampleTransplantPlan({ centreOrgId: 'org-chc-other', revision: 2, revisionReason: '转' }),
        plan,
        specialist,
      ),
    ).toEqual([{ field: 'transplantPlan.centreOrgId', code: 'fixedField' }]);
  });
});

describe('two desks writing one care plan apart', () => {
  const { resolve } = syncedCollections.carePlans;
  it('keeps the one further along, whatever its time', () => {
    const terminated = sampleContract(
      { status: 'terminated', terminatedAt: later, terminationReason: '迁出' },
      { updatedAt: '2026-12-07T02:00:00.000Z' },
    );
    const edited = sampleContract({}, { updatedAt: '2026-12-09T02:00:00.000Z' });
    expect(resolve({ newDocumentState: edited, realMasterState: terminated })).toBe(terminated);
    expect(resolve({ newDocumentState: terminated, realMasterState: edited })).toBe(terminated);
  });
  it('keeps the later revision of a plan, and otherwise the later write', () => {
    const two = sampleTransplantPlan(
      { revision: 2, revisionReason: 'r' },
      { updatedAt: '2026-12-07T03:00:00.000Z' },
    );
    const one = sampleTransplantPlan({}, { updatedAt: '2026-12-09T03:00:00.000Z' });
    expect(resolveCarePlan(one, two)).toBe(two);
    const a = sampleEnrolment({}, { updatedAt: '2026-12-08T01:00:00.000Z' });
    const b = sampleEnrolment({ leftNote: '' }, { updatedAt: '2026-12-08T02:00:00.000Z' });
    expect(resolveCarePlan(b, a)).toBe(b);
    expect(resolveCarePlan(a, b)).toBe(b);
  });
  it('declares carePlans as the eighth replicated collection, read with clinical records', () => {
    expect(Object.keys(syncedCollections)).toHaveLength(8);
    expect(syncedCollections.carePlans.permissions).toEqual({
      read: 'clinical.read',
      write: 'carePlan.write',
    });
    expect(syncedCollections.carePlans.check(sampleContract())).toEqual([]);
  });
});
