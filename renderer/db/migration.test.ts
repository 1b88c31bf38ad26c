/**
 * The migration path: a database written by an older version of the app opens under the current
 * schema, and its documents are migrated by the strategies in shared/patients/schema.ts.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { patientSchema } from '../../shared/patients/schema';
import { hasValidSignature, signRecord } from '../../shared/clinical/signature';
import { newEncounterDraft } from '../../shared/encounters/draft';
import {
  encounterKindOf,
  encounterLockPolicy,
  encounterSchema,
  type EncounterDoc,
} from '../../shared/encounters/schema';
import { observationSchema, type ObservationDoc } from '../../shared/observations/schema';
import { sampleObservation } from '../../shared/testing/observations';
import { registrar } from '../testing/memoryDb';
import { openDatabase, type collectionDefinitions } from './database';
import { emptyAddress } from '../../shared/testing/patients';

/** The patients schema as version 0 shipped it: no `collisions`. */
function version0() {
  const properties: Record<string, unknown> = { ...patientSchema.properties };
  delete properties.collisions;
  return {
    patients: {
      schema: {
        ...patientSchema,
        version: 0,
        properties,
        required: patientSchema.required.filter((f) => f !== 'collisions'),
      },
      migrationStrategies: {},
    },
  } as unknown as typeof collectionDefinitions;
}

describe('schema migration', () => {
  it('opens a version-0 registry under the current schema and migrates every resident', async () => {
    const storage = getRxStorageMemory();
    const name = `migrate${Date.now()}`;
    const old = await openDatabase({ name, storage, collections: version0() });
    await old.patients.insert({
      id: '0190d9a0-0000-7000-8000-000000000001',
      orgId: registrar.orgId,
      sharedWith: [],
      createdBy: registrar.name,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      name: '张三',
      sex: 'male',
      birthDate: '1980-01-01',
      idType: 'resident',
      idNumber: '120101198001010012',
      mobile: '',
      address: emptyAddress,
      household: { number: '', relation: 'self' },
      allergies: ['青霉素'],
      tags: [],
      familyDoctor: '',
      history: [],
    } as never);
    await old.close();

    const current = await openDatabase({ name, storage });
    const migrated = await current.patients.findOne('0190d9a0-0000-7000-8000-000000000001').exec();
    expect(migrated?.collisions).toEqual([]);
    expect(migrated?.allergies).toEqual(['青霉素']);
    expect(migrated?.name).toBe('张三');
    await current.remove();
  });
});

/** The encounters schema as version 1 shipped it: no SpO₂ in the vitals, no triage attribution. */
function encountersVersion1() {
  const { triage: _triage, ...properties } = encounterSchema.properties;
  const { spo2: _spo2, ...vitalProperties } = encounterSchema.properties.vitals.properties;
  return {
    encounters: {
      schema: {
        ...encounterSchema,
        version: 1,
        properties: { ...properties, vitals: { ...properties.vitals, properties: vitalProperties } },
      },
      migrationStrategies: { 1: (old: unknown) => old },
    },
  } as unknown as typeof collectionDefinitions;
}

describe('encounter schema version 2 (SpO₂, triage attribution)', () => {
  it('opens records signed under version 1 unchanged, their signatures intact', async () => {
    const storage = getRxStorageMemory();
    const name = `migrateEncounters${Date.now()}`;
    const old = await openDatabase({ name, storage, collections: encountersVersion1() });
    const at = '2026-11-01T01:00:00.000Z';
    const fresh = newEncounterDraft({
      id: '0190d9a0-0000-7000-8000-0000000e0101',
      orgId: registrar.orgId,
      patient: { id: 'patient-1', allergies: [], tags: [] },
      previous: [],
      appointmentId: null,
      doctor: { id: 'doc-1', name: '张建国' },
      department: '全科',
      at,
    });
    const { spo2: _spo2, ...oldVitals } = fresh.vitals;
    const draft = { ...fresh, vitals: { ...oldVitals, systolic: 150, diastolic: 92 } };
    const signed = signRecord(draft, { by: 'doc-1', byName: '张建国', at }, encounterLockPolicy);
    await old.encounters.insert(signed);
    await old.close();

    const current = await openDatabase({ name, storage });
    const migrated = (await current.encounters.findOne(signed.id).exec())!.toJSON() as EncounterDoc;
    expect(migrated.vitals).toEqual(signed.vitals);
    expect(migrated.triage).toBeUndefined();
    expect(hasValidSignature(migrated, encounterLockPolicy)).toBe(true);
    await current.remove();
  });
});

/** The encounters schema as version 2 shipped it: no kind, no follow-up form. */
function encountersVersion2() {
  const { kind: _kind, followUp: _followUp, ...properties } = encounterSchema.properties;
  return {
    encounters: {
      schema: { ...encounterSchema, version: 2, properties },
      migrationStrategies: { 1: (old: unknown) => old, 2: (old: unknown) => old },
    },
  } as unknown as typeof collectionDefinitions;
}

/** The observations schema as version 0 shipped it: vitals only, no lab result, no enrolment link. */
function observationsVersion0() {
  const { lab: _lab, enrolmentId: _enrolmentId, ...properties } = observationSchema.properties;
  return {
    observations: {
      schema: {
        ...observationSchema,
        version: 0,
        properties: { ...properties, kind: { type: 'string', enum: ['vitals'] } },
      },
    },
  } as unknown as typeof collectionDefinitions;
}

describe('encounter schema version 3 and observation schema version 1 (follow-ups, lab results)', () => {
  it('opens consultations signed under version 2 unchanged, their signatures intact, as consultations', async () => {
    const storage = getRxStorageMemory();
    const name = `migrateFollowUps${Date.now()}`;
    const old = await openDatabase({ name, storage, collections: encountersVersion2() });
    const at = '2026-12-01T01:00:00.000Z';
    const fresh = newEncounterDraft({
      id: '0190d9a0-0000-7000-8000-0000000e0201',
      orgId: registrar.orgId,
      patient: { id: 'patient-1', allergies: [], tags: [] },
      previous: [],
      appointmentId: null,
      doctor: { id: 'doc-1', name: '张建国' },
      department: '全科',
      at,
    });
    const draft = {
      ...fresh,
      chiefComplaint: '头晕',
      vitals: { ...fresh.vitals, systolic: 150, diastolic: 92 },
    };
    const signed = signRecord(draft, { by: 'doc-1', byName: '张建国', at }, encounterLockPolicy);
    await old.encounters.insert(signed);
    await old.close();

    const current = await openDatabase({ name, storage });
    const migrated = (await current.encounters.findOne(signed.id).exec())!.toJSON() as EncounterDoc;
    expect(migrated.kind).toBeUndefined();
    expect(migrated.followUp).toBeUndefined();
    expect(encounterKindOf(migrated)).toBe('consultation');
    expect(hasValidSignature(migrated, encounterLockPolicy)).toBe(true);
    await current.remove();
  });

  it('opens vitals recorded under observation version 0 unchanged, and stores care plans', async () => {
    const storage = getRxStorageMemory();
    const name = `migrateObservations${Date.now()}`;
    const old = await openDatabase({ name, storage, collections: observationsVersion0() });
    const triage = sampleObservation();
    await old.observations.insert(triage);
    await old.close();

    const current = await openDatabase({ name, storage });
    const migrated = (await current.observations.findOne(triage.id).exec())!.toJSON() as ObservationDoc;
    expect(migrated).toEqual(triage);
    expect(Object.keys(current.collections).sort()).toEqual([
      'appointments',
      'auditEvents',
      'carePlans',
      'directory',
      'encounters',
      'observations',
      'patients',
      'prescriptions',
    ]);
    await current.remove();
  });
});
