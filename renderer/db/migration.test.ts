/**
 * The migration path: a database written with one schema version opens under the next one and its
 * documents are migrated by the strategy registered for that version.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { patientSchema } from '../../shared/patients/schema';
import { registerPatient } from '../features/patients/patientRepository';
import { registrar } from '../testing/memoryDb';
import type { collectionDefinitions } from './database';
import { openDatabase } from './database';

describe('schema migration', () => {
  it('migrates stored patients when the schema version goes up', async () => {
    const storage = getRxStorageMemory();
    const name = `migrate${Date.now()}`;
    const v0 = await openDatabase({ name, storage });
    const saved = await registerPatient(
      v0.patients,
      {
        name: '张三',
        sex: 'unknown',
        birthDate: '',
        idType: 'resident',
        idNumber: '120101198001010012',
        mobile: '',
        address: {
          provinceCode: '',
          province: '',
          cityCode: '',
          city: '',
          districtCode: '',
          district: '',
          streetCode: '',
          street: '',
          community: '',
          detail: '',
        },
        household: { number: '', relation: 'self' },
        allergies: [],
        tags: [],
        familyDoctor: '  王医生 ',
      },
      registrar,
    );
    if (!saved.ok) throw new Error('setup');
    await v0.close();

    // A hypothetical version 1 that upper-cases family doctors' names, to exercise the mechanism.
    const v1Definitions = {
      patients: {
        schema: { ...patientSchema, version: 1 },
        migrationStrategies: {
          1: (old: Record<string, unknown>) => ({ ...old, familyDoctor: `Dr. ${String(old.familyDoctor)}` }),
        },
      },
    } as unknown as typeof collectionDefinitions;
    const v1 = await openDatabase({ name, storage, collections: v1Definitions });
    const migrated = await v1.patients.findOne(saved.patient.id).exec();
    expect(migrated?.familyDoctor).toBe('Dr. 王医生');
    expect(migrated?.name).toBe('张三');
    await v1.remove();
  });
});
