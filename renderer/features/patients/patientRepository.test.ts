import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatientFields } from '../../../shared/patients/schema';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase, registrar, specialist } from '../../testing/memoryDb';
import { registerPatient, resolveCollision, updatePatient } from './patientRepository';

const now = new Date('2026-11-23T09:00:00+08:00');

const fields = (overrides: Partial<PatientFields> = {}): PatientFields => ({
  name: '张三',
  sex: 'unknown',
  birthDate: '',
  idType: 'resident',
  idNumber: '120101198001010012',
  mobile: '138-1234-5678',
  address: {
    provinceCode: '12',
    province: '天津市',
    cityCode: '1201',
    city: '市辖区',
    districtCode: '120101',
    district: '和平区',
    streetCode: '',
    street: '',
    community: '',
    detail: '3号楼',
  },
  household: { number: '', relation: 'self' },
  allergies: ['青霉素'],
  tags: ['hypertension'],
  familyDoctor: '',
  ...overrides,
});

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase();
});
afterEach(async () => {
  await db.remove();
});

describe('registering a resident', () => {
  it('derives birth date and sex from the ID and normalises the mobile', async () => {
    const result = await registerPatient(db.patients, fields(), registrar, { now });
    expect(result.ok).toBe(true);
    const saved = await db.patients.findOne().exec();
    expect(saved?.birthDate).toBe('1980-01-01');
    expect(saved?.sex).toBe('male');
    expect(saved?.mobile).toBe('13812345678');
    expect(saved?.createdBy).toBe('王建档');
    expect(saved?.orgId).toBe('org-chc-1');
  });

  it('upgrades a 15-digit legacy ID before saving', async () => {
    const result = await registerPatient(db.patients, fields({ idNumber: '120105800312021' }), registrar, {
      now,
    });
    expect(result.ok && result.patient.idNumber).toBe('120105198003120210');
  });

  it.each([
    ['wrong checksum', { idNumber: '120101198001010013' }, 'idNumber', 'checksum'],
    ['future birth date', { idNumber: '120101203001010016' }, 'idNumber', 'birthDateFuture'],
    ['sex against the ID', { sex: 'female' as const }, 'sex', 'sexMismatch'],
    ['birth date against the ID', { birthDate: '1980-01-02' }, 'birthDate', 'birthDateMismatch'],
    ['malformed mobile', { mobile: '1381234567' }, 'mobile', 'mobileFormat'],
    ['empty name', { name: '  ' }, 'name', 'required'],
    ['markup in the name', { name: '<b>张三</b>' }, 'name', 'nameCharacters'],
  ])('refuses %s and saves nothing', async (_label, override, field, code) => {
    const result = await registerPatient(db.patients, fields(override), registrar, { now });
    expect(result).toMatchObject({ ok: false, reason: 'invalid', errors: { [field]: code } });
    expect(await db.patients.count().exec()).toBe(0);
  });

  it('refuses an identity number that is already registered, pointing at the record', async () => {
    const first = await registerPatient(db.patients, fields(), registrar, { now });
    const again = await registerPatient(
      db.patients,
      fields({ name: '张叁', idNumber: '120101198001010012' }),
      registrar,
      {
        now,
      },
    );
    expect(again).toEqual({
      ok: false,
      reason: 'duplicateId',
      existing: { id: first.ok && first.patient.id, name: '张三' },
    });
    expect(await db.patients.count().exec()).toBe(1);
  });

  it('warns about the same name and birth date until the user confirms', async () => {
    await registerPatient(db.patients, fields(), registrar, { now });
    const other = fields({ idType: 'passport', idNumber: 'E12345678', birthDate: '1980-01-01', sex: 'male' });
    const warned = await registerPatient(db.patients, other, registrar, { now });
    expect(warned).toMatchObject({ ok: false, reason: 'sameNameAndBirthDate', similar: [{ name: '张三' }] });
    expect(await db.patients.count().exec()).toBe(1);
    const confirmed = await registerPatient(db.patients, other, registrar, { now, confirmedDistinct: true });
    expect(confirmed.ok).toBe(true);
    expect(await db.patients.count().exec()).toBe(2);
  });

  it('lets only roles that keep the registry register', async () => {
    expect(await registerPatient(db.patients, fields(), specialist, { now })).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });
});

describe('editing a resident', () => {
  it('keeps who changed what, from which value to which', async () => {
    const created = await registerPatient(db.patients, fields(), registrar, { now });
    if (!created.ok) throw new Error('setup');
    const later = new Date('2026-11-24T10:00:00+08:00');
    const nurse = { ...registrar, id: 'staff-2', name: '李护士', role: 'nurse' as const };
    const edited = await updatePatient(
      db.patients,
      created.patient.id,
      { ...created.patient, mobile: '13600001111', allergies: ['青霉素', '磺胺类'] },
      nurse,
      { now: later },
    );
    expect(edited.ok).toBe(true);
    const doc = await db.patients.findOne(created.patient.id).exec();
    expect(doc?.mobile).toBe('13600001111');
    expect(doc?.history).toEqual([
      {
        at: later.toISOString(),
        byId: 'staff-2',
        byName: '李护士',
        changes: [
          { field: 'mobile', from: '"13812345678"', to: '"13600001111"' },
          { field: 'allergies', from: '["青霉素"]', to: '["青霉素","磺胺类"]' },
        ],
      },
    ]);
  });

  it('saves nothing when nothing changed or the input is bad', async () => {
    const created = await registerPatient(db.patients, fields(), registrar, { now });
    if (!created.ok) throw new Error('setup');
    expect(await updatePatient(db.patients, created.patient.id, created.patient, registrar, { now })).toEqual(
      {
        ok: false,
        reason: 'unchanged',
      },
    );
    const bad = await updatePatient(
      db.patients,
      created.patient.id,
      { ...created.patient, mobile: '12345' },
      registrar,
      {
        now,
      },
    );
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' });
    const doc = await db.patients.findOne(created.patient.id).exec();
    expect(doc?.mobile).toBe('13812345678');
    expect(doc?.history).toEqual([]);
  });
});

describe('settling a collision between two desks', () => {
  async function withCollision() {
    const created = await registerPatient(db.patients, fields(), registrar, { now });
    if (!created.ok) throw new Error('setup');
    // As sync leaves it when two desks changed the mobile differently while apart.
    await db.patients.findOne(created.patient.id).incrementalPatch({
      mobile: '13900002222',
      collisions: [
        {
          field: 'mobile',
          base: '"13812345678"',
          values: ['"13900002222"', '"13600001111"'],
          detectedAt: now.toISOString(),
        },
      ],
    });
    return created.patient.id;
  }

  it('makes the chosen value the record’s, closes the collision and records who chose', async () => {
    const id = await withCollision();
    const result = await resolveCollision(db.patients, id, 'mobile', '"13600001111"', registrar, { now });
    expect(result.ok).toBe(true);
    const doc = await db.patients.findOne(id).exec();
    expect(doc?.mobile).toBe('13600001111');
    expect(doc?.collisions).toEqual([]);
    expect(doc?.history.at(-1)).toMatchObject({
      byName: '王建档',
      changes: [{ field: 'mobile', from: '"13900002222"', to: '"13600001111"' }],
    });
  });

  it('refuses a value that is not one of the candidates, and specialists', async () => {
    const id = await withCollision();
    expect(await resolveCollision(db.patients, id, 'mobile', '"13000000000"', registrar, { now })).toEqual({
      ok: false,
      reason: 'unchanged',
    });
    expect(await resolveCollision(db.patients, id, 'mobile', '"13600001111"', specialist, { now })).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect((await db.patients.findOne(id).exec())?.collisions).toHaveLength(1);
  });

  it('closes the collision when the field is edited', async () => {
    const id = await withCollision();
    const doc = (await db.patients.findOne(id).exec())!.toMutableJSON();
    await updatePatient(db.patients, id, { ...doc, mobile: '13700003333' }, registrar, {
      now,
    });
    const after = await db.patients.findOne(id).exec();
    expect(after?.mobile).toBe('13700003333');
    expect(after?.collisions).toEqual([]);
  });
});
