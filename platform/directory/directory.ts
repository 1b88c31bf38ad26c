/**
 * The `directory` collection is the platform's own projection of its organisations, departments
 * and staff tables into replicated documents, so desks can work offline with names of people and
 * places. Desks never push it; {@link refreshDirectory} rewrites it from the tables, storing only
 * entries that changed (so running it again is free and wakes no desk).
 *
 * Visibility uses the ordinary scope rule and nothing else: staff and departments belong to their
 * organisation; an organisation's entry is shared by name with every other organisation of the
 * district (the platform serves one district), so every desk can refer to every hospital. No
 * district-wide marker and no special case in the pull query, whose scope stays the one rule of
 * DESIGN.md §5. Password hashes are never selected.
 */
import type { Role } from '../../shared/auth/roles';
import type { DirectoryEntry } from '../../shared/directory/schema';
import { canonicalJson } from '../../shared/json/canonicalJson';
import type { OrganisationKind } from '../../shared/platform/auth';
import { syncedCollections, type FieldError } from '../../shared/sync/collections';
import type { ReplicatedDocument } from '../../shared/sync/protocol';
import { advisoryLocks } from '../db/locks';
import type { Queryable } from '../db/store';
import type { WrittenDocument } from '../sync/changeFeed';
import { schemaErrors } from '../sync/schemaValidator';

export interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  level: number | null;
  parent_id: string | null;
}

export interface DepartmentRow {
  id: string;
  org_id: string;
  name: string;
}

export interface StaffRow {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  role: Role;
}

/** The directory as entries, from the platform's rows (pure; sorted by kind, then id). */
export function directoryEntries(
  organisations: readonly OrganisationRow[],
  departments: readonly DepartmentRow[],
  staff: readonly StaffRow[],
): DirectoryEntry[] {
  const orgIds = organisations.map((o) => o.id).sort();
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [
    ...[...organisations].sort(byId).map((org): DirectoryEntry => ({
      id: org.id,
      kind: 'organisation',
      name: org.name,
      orgId: org.id,
      sharedWith: orgIds.filter((id) => id !== org.id),
      organisationKind: org.kind,
      ...(org.level === null ? {} : { level: org.level }),
      ...(org.parent_id === null ? {} : { parentOrg: org.parent_id }),
    })),
    ...[...departments].sort(byId).map((dept): DirectoryEntry => ({
      id: dept.id,
      kind: 'department',
      name: dept.name,
      orgId: dept.org_id,
      sharedWith: [],
      parentOrg: dept.org_id,
    })),
    ...[...staff].sort(byId).map((person): DirectoryEntry => ({
      id: person.id,
      kind: 'staff',
      name: person.display_name,
      orgId: person.org_id,
      sharedWith: [],
      role: person.role,
      displayName: person.display_name,
      username: person.username,
    })),
  ];
}

export interface DirectoryRefresh {
  /** Entries stored (new, changed or newly deleted), for the change stream. */
  written: WrittenDocument[];
  /** Entries left out because they would not pass the desks' schema (e.g. a name too long). */
  skipped: { id: string; errors: FieldError[] }[];
}

interface StoredRow {
  id: string;
  deleted: boolean;
  data: Record<string, unknown>;
}

/**
 * Brings the directory documents in line with the organisations, departments and staff tables:
 * new and changed entries are stored with a fresh sequence number, entries whose row is gone are
 * marked deleted, unchanged ones are left alone. Run it inside the transaction that changed the
 * tables (it takes the documents lock), and publish `written` to the change feed after commit.
 */
export async function refreshDirectory(tx: Queryable, now: Date): Promise<DirectoryRefresh> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.documents]);
  const organisations = await tx.query<OrganisationRow>(
    'SELECT id, name, kind, level, parent_id FROM organisations',
  );
  const departments = await tx.query<DepartmentRow>('SELECT id, org_id, name FROM departments');
  const staff = await tx.query<StaffRow>('SELECT id, org_id, username, display_name, role FROM staff');
  const stored = await tx.query<StoredRow>(
    `SELECT id, deleted, data FROM documents WHERE collection = 'directory'`,
  );
  const result: DirectoryRefresh = { written: [], skipped: [] };
  const current = new Map(stored.map((row) => [row.id, row]));
  const wanted = new Set<string>();
  const { schema, check } = syncedCollections.directory;

  const write = async (entry: DirectoryEntry | Record<string, unknown>, orgId: string, deleted: boolean) => {
    const sharedWith = (entry.sharedWith as string[] | undefined) ?? [];
    const [row] = await tx.query<{ server_seq: number }>(
      `INSERT INTO documents (collection, id, org_id, shared_with, deleted, data, server_updated_at)
       VALUES ('directory', $1, $2, $3, $4, $5, $6)
       ON CONFLICT (collection, id) DO UPDATE SET
         org_id = EXCLUDED.org_id, shared_with = EXCLUDED.shared_with, deleted = EXCLUDED.deleted,
         data = EXCLUDED.data, server_updated_at = EXCLUDED.server_updated_at,
         server_seq = nextval('documents_seq')
       RETURNING server_seq`,
      [entry.id, orgId, sharedWith, deleted, JSON.stringify(entry), now.toISOString()],
    );
    result.written.push({
      document: { ...entry, _deleted: deleted } as ReplicatedDocument,
      checkpoint: { seq: row!.server_seq },
      orgId,
      sharedWith,
    });
  };

  for (const entry of directoryEntries(organisations, departments, staff)) {
    if (wanted.has(entry.id)) {
      result.skipped.push({ id: entry.id, errors: [{ field: 'id', code: 'duplicateId' }] });
      continue;
    }
    const errors = schemaErrors(schema, entry);
    if (!errors.length) errors.push(...check(entry));
    if (errors.length) {
      result.skipped.push({ id: entry.id, errors });
      continue;
    }
    wanted.add(entry.id);
    const existing = current.get(entry.id);
    if (existing && !existing.deleted && canonicalJson(existing.data) === canonicalJson(entry)) continue;
    await write(entry, entry.orgId, false);
  }
  for (const row of stored) {
    if (!wanted.has(row.id) && !row.deleted) await write(row.data, String(row.data.orgId), true);
  }
  return result;
}
