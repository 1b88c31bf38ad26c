/**
 * The workstation's local database: RxDB on the free Dexie storage (IndexedDB) in the app, RxDB's
 * memory storage in unit tests. Collections come from the schemas in shared/; every write is
 * validated against them with z-schema (ajv needs `new Function`, which the CSP forbids).
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { patientMigrations, patientSchema, type PatientDoc } from '../../shared/patients/schema';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type PatientCollection = RxCollection<PatientDoc>;
export interface ClinicCollections {
  patients: PatientCollection;
}
export type ClinicDatabase = RxDatabase<ClinicCollections>;

/** Collections and their migration strategies; a later collection joins by adding a line. */
export const collectionDefinitions = {
  patients: { schema: patientSchema, migrationStrategies: patientMigrations },
} as const;

export interface OpenDatabaseOptions {
  name?: string;
  /** Defaults to Dexie on IndexedDB. */
  storage?: RxStorage<unknown, unknown>;
}

/** Opens (creating or migrating as needed) the local database. */
export async function openDatabase({
  name = 'clinicdesk',
  storage,
}: OpenDatabaseOptions = {}): Promise<ClinicDatabase> {
  const db = await createRxDatabase<ClinicCollections>({
    name,
    storage: wrappedValidateZSchemaStorage({ storage: storage ?? getRxStorageDexie() }),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections(collectionDefinitions);
  return db;
}
