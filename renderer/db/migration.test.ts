/**
 * The migration path: a database written by an older version of the app opens under the current
 * schema, and its documents are migrated by the strategies in shared/patients/schema.ts.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { patientSchema } from '../../shared/patients/schema';
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
