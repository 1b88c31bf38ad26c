/**
 * The workstation's local database: RxDB on the free Dexie storage (IndexedDB) in the app, RxDB's
 * memory storage in unit tests. Collections come from the schemas in shared/; every write is
 * validated against them (see validation.ts).
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { conflictHandlerFor, patientConflictHandler } from '../sync/conflictHandlers';
import { wrappedValidateStorage } from './validation';
import { appointmentSchema, type AppointmentDoc } from '../../shared/appointments/schema';
import { auditEventMigrations, auditEventSchema, type AuditEventDoc } from '../../shared/audit/schema';
import { directorySchema, type DirectoryEntry } from '../../shared/directory/schema';
import { encounterMigrations, encounterSchema, type EncounterDoc } from '../../shared/encounters/schema';
import { patientMigrations, patientSchema, type PatientDoc } from '../../shared/patients/schema';
import {
  prescriptionMigrations,
  prescriptionSchema,
  type PrescriptionDoc,
} from '../../shared/prescriptions/schema';
import {
  observationMigrations,
  observationSchema,
  type ObservationDoc,
} from '../../shared/observations/schema';
import { carePlanMigrations, carePlanSchema, type CarePlanDoc } from '../../shared/carePlans/schema';
import { syncedCollections } from '../../shared/sync/collections';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type PatientCollection = RxCollection<PatientDoc>;
export type AuditEventCollection = RxCollection<AuditEventDoc>;
export type DirectoryCollection = RxCollection<DirectoryEntry>;
export type AppointmentCollection = RxCollection<AppointmentDoc>;
export type EncounterCollection = RxCollection<EncounterDoc>;
export type PrescriptionCollection = RxCollection<PrescriptionDoc>;
export type ObservationCollection = RxCollection<ObservationDoc>;
export type CarePlanCollection = RxCollection<CarePlanDoc>;
export interface ClinicCollections {
  patients: PatientCollection;
  /** What staff did here, waiting to be pushed to the platform's audit trail (push-only). */
  auditEvents: AuditEventCollection;
  /** Organisations, departments and staff of the district, from the platform (pull-only). */
  directory: DirectoryCollection;
  /** The centre's queue: booked appointments and walk-ins, per day. */
  appointments: AppointmentCollection;
  /** Consultation records, one document per revision; signed ones are locked. */
  encounters: EncounterCollection;
  /** Prescription slips; signed ones are locked but for prints and a void. */
  prescriptions: PrescriptionCollection;
  /** Vitals and lab results, each its recorder's, written once. */
  observations: ObservationCollection;
  /** Family doctor contracts, programme enrolments and post-transplant plans. */
  carePlans: CarePlanCollection;
}
export type ClinicDatabase = RxDatabase<ClinicCollections>;

/** Collections and their migration strategies; a later collection joins by adding a line. */
export const collectionDefinitions = {
  patients: {
    schema: patientSchema,
    migrationStrategies: patientMigrations,
    conflictHandler: patientConflictHandler,
  },
  auditEvents: { schema: auditEventSchema, migrationStrategies: auditEventMigrations },
  directory: { schema: directorySchema },
  appointments: {
    schema: appointmentSchema,
    conflictHandler: conflictHandlerFor(syncedCollections.appointments),
  },
  encounters: {
    schema: encounterSchema,
    migrationStrategies: encounterMigrations,
    conflictHandler: conflictHandlerFor(syncedCollections.encounters),
  },
  prescriptions: {
    schema: prescriptionSchema,
    migrationStrategies: prescriptionMigrations,
    conflictHandler: conflictHandlerFor(syncedCollections.prescriptions),
  },
  observations: {
    schema: observationSchema,
    migrationStrategies: observationMigrations,
    conflictHandler: conflictHandlerFor(syncedCollections.observations),
  },
  carePlans: {
    schema: carePlanSchema,
    migrationStrategies: carePlanMigrations,
    conflictHandler: conflictHandlerFor(syncedCollections.carePlans),
  },
} as const;

export interface OpenDatabaseOptions {
  name?: string;
  /** Defaults to Dexie on IndexedDB. */
  storage?: RxStorage<unknown, unknown>;
  /** Collections to open; the app's own by default (tests pass a later schema version). */
  collections?: Partial<typeof collectionDefinitions>;
}

/** Opens (creating or migrating as needed) the local database. */
export async function openDatabase({
  name = 'clinicdesk',
  storage,
  collections = collectionDefinitions,
}: OpenDatabaseOptions = {}): Promise<ClinicDatabase> {
  const db = await createRxDatabase<ClinicCollections>({
    name,
    storage: wrappedValidateStorage({ storage: storage ?? getRxStorageDexie() }),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  // RxDB's free build opens at most 13 collections per process: tests that run several desks in
  // one process open only the collections they use.
  await db.addCollections(collections as typeof collectionDefinitions);
  return db;
}
