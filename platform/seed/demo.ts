/**
 * The demo district: one community health centre, one level-2 hospital, their departments and
 * staff with one shared demo password, synthetic residents registered at the centre, and the
 * directory documents desks pull to know all of them offline. Used by `npm start`
 * and the platform tests; never by a real deployment (main.ts seeds only the embedded database
 * unless asked).
 */
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../shared/auth/roles';
import { syntheticResidents, type SyntheticResident } from '../../shared/demo/synthetic';
import type { OrganisationKind } from '../../shared/platform/auth';
import { keyPopulationTags, type KeyPopulationTag, type PatientDoc } from '../../shared/patients/schema';
import { appendAudit } from '../audit/audit';
import { hashPassword, type PasswordHashCost } from '../auth/passwords';
import { refreshDirectory } from '../directory/directory';
import { advisoryLocks } from '../db/locks';
import type { Queryable, Store } from '../db/store';
import { demoCarePlans } from './demoCarePlans';

/** The password of every demo account; printed on start. */
export const demoPassword = 'Demo@2026';

export interface DemoOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  level: number | null;
  /** Printed before its numbers (shared/numbers/series.ts). */
  numberCode: string;
}

export const demoCentreId = 'org-chc-demo';
export const demoHospitalId = 'org-hosp-demo';
/** The city's haematology hospital: the transplant centre of the demo (DOMAIN.md §3.7). */
export const demoTransplantCentreId = 'org-hosp-haem';

export const demoOrganisations: readonly DemoOrganisation[] = [
  { id: demoCentreId, name: '某某街道社区卫生服务中心', kind: 'chc', level: null, numberCode: 'SQ' },
  { id: demoHospitalId, name: '区第二人民医院', kind: 'hospital', level: 2, numberCode: 'EY' },
  { id: demoTransplantCentreId, name: '市血液病医院', kind: 'hospital', level: 3, numberCode: 'XY' },
];

export interface DemoDepartment {
  id: string;
  orgId: string;
  name: string;
}

export const demoDepartments: readonly DemoDepartment[] = [
  { id: 'dept-chc-gp', orgId: demoCentreId, name: '全科诊室' },
  { id: 'dept-chc-prevention', orgId: demoCentreId, name: '预防保健科' },
  { id: 'dept-chc-nursing', orgId: demoCentreId, name: '护理站' },
  { id: 'dept-hosp-cardiology', orgId: demoHospitalId, name: '心血管内科' },
  { id: 'dept-hosp-endocrinology', orgId: demoHospitalId, name: '内分泌科' },
  { id: 'dept-hosp-neurology', orgId: demoHospitalId, name: '神经内科' },
  { id: 'dept-haem-transplant', orgId: demoTransplantCentreId, name: '造血干细胞移植科' },
];

export interface DemoAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  { id: 'staff-reg01', username: 'reg01', displayName: '王丽华', role: 'registrar', orgId: demoCentreId },
  { id: 'staff-nurse01', username: 'nurse01', displayName: '李秀梅', role: 'nurse', orgId: demoCentreId },
  { id: 'staff-doc01', username: 'doc01', displayName: '张建国', role: 'doctor', orgId: demoCentreId },
  { id: 'staff-doc02', username: 'doc02', displayName: '刘文静', role: 'doctor', orgId: demoCentreId },
  { id: 'staff-admin01', username: 'admin01', displayName: '赵志强', role: 'admin', orgId: demoCentreId },
  {
    id: 'staff-spec01',
    username: 'spec01',
    displayName: '陈立新',
    role: 'specialist',
    orgId: demoHospitalId,
  },
  {
    id: 'staff-spec02',
    username: 'spec02',
    displayName: '孙雅琴',
    role: 'specialist',
    orgId: demoHospitalId,
  },
  {
    id: 'staff-spec03',
    username: 'spec03',
    displayName: '周海燕',
    role: 'specialist',
    orgId: demoTransplantCentreId,
  },
];

export interface SeedOptions {
  /** Synthetic residents registered at the centre (default 5000). */
  residents?: number;
  /** Seed of the synthetic generator (default 1), so every demo has the same residents. */
  seed?: number;
  /** Residents per INSERT (default 2000). */
  batchSize?: number;
  /**
   * The cost of the staff's password hashes (default the platform's own). Tests pass a cheap one
   * (platform/testing/platform.ts) so that seeding and signing in take milliseconds.
   */
  passwordHashCost?: PasswordHashCost;
}

export interface SeedResult {
  /** False when the demo centre already existed and nothing was written. */
  created: boolean;
  /** Patient documents of the demo centre, after seeding. */
  residents: number;
}

const isKeyPopulationTag = (tag: string): tag is KeyPopulationTag =>
  (keyPopulationTags as readonly string[]).includes(tag);

/**
 * A synthetic resident as a complete patient document of the demo centre. Residents in a
 * key population are signed up with one of the two family doctors, as the national programme
 * puts them first.
 */
export function residentToPatient(resident: SyntheticResident, index: number, at: string): PatientDoc {
  const tags = resident.tags.filter(isKeyPopulationTag);
  const doctors = demoAccounts.filter((account) => account.role === 'doctor');
  return {
    id: uuidv7(),
    orgId: demoCentreId,
    sharedWith: [],
    createdBy: 'seed',
    createdAt: at,
    updatedAt: at,
    name: resident.name,
    sex: resident.sex,
    birthDate: resident.birthDate,
    idType: resident.idType,
    idNumber: resident.idNumber,
    mobile: resident.mobile,
    address: { ...resident.address },
    household: { number: '', relation: 'self' },
    allergies: [...resident.allergies],
    tags,
    familyDoctor: tags.length > 0 ? doctors[index % doctors.length]!.displayName : '',
    history: [],
    collisions: [],
  };
}

/**
 * Seeds the demo district in one transaction, so a crash half-way leaves nothing and the next
 * start seeds again. When the demo centre exists it only brings the directory documents up to
 * date (a database seeded before the directory existed gets them; otherwise nothing is written).
 */
export async function seedDemo(store: Store, options: SeedOptions = {}): Promise<SeedResult> {
  const residents = options.residents ?? 5000;
  const batchSize = options.batchSize ?? 2000;
  if (await demoExists(store)) {
    await addMissingDemoParts(store, options.passwordHashCost);
    await store.transaction((tx) => refreshDirectory(tx, new Date()));
    return { created: false, residents: await countResidents(store) };
  }

  // Hashing is the slow part of staff rows and needs no database: do it before taking any lock.
  const hashes = await Promise.all(
    demoAccounts.map(() => hashPassword(demoPassword, options.passwordHashCost)),
  );
  const at = new Date().toISOString();

  const created = await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.documents]);
    if (await demoExists(tx)) return false; // another process seeded while we hashed
    for (const org of demoOrganisations) {
      await tx.query(
        'INSERT INTO organisations (id, name, kind, level, number_code) VALUES ($1, $2, $3, $4, $5)',
        [org.id, org.name, org.kind, org.level, org.numberCode],
      );
    }
    for (const dept of demoDepartments) {
      await tx.query('INSERT INTO departments (id, org_id, name) VALUES ($1, $2, $3)', [
        dept.id,
        dept.orgId,
        dept.name,
      ]);
    }
    for (const [i, account] of demoAccounts.entries()) {
      await tx.query(
        `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [account.id, account.orgId, account.username, account.displayName, account.role, hashes[i]],
      );
    }
    let batch: PatientDoc[] = [];
    let index = 0;
    // The first key-population residents get a contract and their programmes' enrolments.
    const contracted: PatientDoc[] = [];
    for (const resident of syntheticResidents(residents, options.seed ?? 1)) {
      const patient = residentToPatient(resident, index++, at);
      batch.push(patient);
      if (patient.familyDoctor && contracted.length < 50) contracted.push(patient);
      if (batch.length === batchSize) {
        await insertPatients(tx, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await insertPatients(tx, batch);
    await insertDocuments(tx, 'carePlans', demoCarePlans(contracted, demoAccounts, at));
    await refreshDirectory(tx, new Date(at));
    // Planner statistics after a bulk load: PGlite runs no autovacuum, and without them a pull
    // of shared documents scans the whole collection's sequence index instead of only the GIN one.
    await tx.exec('ANALYZE documents');
    await appendAudit(tx, {
      action: 'seed.demo',
      orgId: demoCentreId,
      actorId: 'seed',
      details: {
        organisations: demoOrganisations.length,
        departments: demoDepartments.length,
        staff: demoAccounts.length,
        residents,
      },
    });
    return true;
  });
  return { created, residents: await countResidents(store) };
}

/**
 * Adds the organisations, departments and staff of the demo that a district seeded by an earlier
 * version lacks (the transplant centre and its specialist); nothing when all are there.
 */
async function addMissingDemoParts(store: Store, cost: PasswordHashCost | undefined): Promise<void> {
  const orgs = await store.query<{ id: string }>('SELECT id FROM organisations');
  const staff = await store.query<{ id: string }>('SELECT id FROM staff');
  const missingOrgs = demoOrganisations.filter((o) => !orgs.some((r) => r.id === o.id));
  const missingStaff = demoAccounts.filter((a) => !staff.some((r) => r.id === a.id));
  if (!missingOrgs.length && !missingStaff.length) return;
  const hashes = await Promise.all(missingStaff.map(() => hashPassword(demoPassword, cost)));
  await store.transaction(async (tx) => {
    for (const org of missingOrgs)
      await tx.query(
        `INSERT INTO organisations (id, name, kind, level, number_code) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [org.id, org.name, org.kind, org.level, org.numberCode],
      );
    for (const dept of demoDepartments.filter((d) => missingOrgs.some((o) => o.id === d.orgId)))
      await tx.query(
        'INSERT INTO departments (id, org_id, name) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [dept.id, dept.orgId, dept.name],
      );
    for (const [i, account] of missingStaff.entries())
      await tx.query(
        `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [account.id, account.orgId, account.username, account.displayName, account.role, hashes[i]],
      );
  });
}

async function demoExists(db: Queryable): Promise<boolean> {
  return (await db.query('SELECT 1 FROM organisations WHERE id = $1', [demoCentreId])).length > 0;
}

async function countResidents(db: Queryable): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM documents WHERE collection = 'patients' AND org_id = $1",
    [demoCentreId],
  );
  return row?.count ?? 0;
}

/**
 * One INSERT for a whole batch: the documents travel as a single jsonb array parameter and are
 * unpacked in SQL, which is far faster than one statement per row (and than thousands of
 * positional parameters) on both PGlite and PostgreSQL.
 */
async function insertPatients(tx: Queryable, docs: readonly PatientDoc[]): Promise<void> {
  await insertDocuments(tx, 'patients', docs);
}

/** Documents of `collection` in one INSERT, as {@link insertPatients} writes residents. */
async function insertDocuments(
  tx: Queryable,
  collection: string,
  docs: readonly { id: string; orgId: string }[],
): Promise<void> {
  if (!docs.length) return;
  await tx.query(
    `INSERT INTO documents (collection, id, org_id, shared_with, data)
     SELECT $2::text, doc->>'id', doc->>'orgId',
            ARRAY(SELECT jsonb_array_elements_text(doc->'sharedWith')), doc
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch(doc, n)
     ORDER BY n`,
    [JSON.stringify(docs), collection],
  );
}
