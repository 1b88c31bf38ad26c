import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import ZSchema from 'z-schema';
import { isSyncedCollection, permissionFor, syncedCollections } from '../sync/collections';
import { checkDirectoryEntry } from './rules';
import { directorySchema, type DirectoryEntry } from './schema';

const hospital: DirectoryEntry = {
  id: 'org-hosp',
  kind: 'organisation',
  name: '区第二人民医院',
  orgId: 'org-hosp',
  sharedWith: ['org-chc'],
  organisationKind: 'hospital',
  level: 2,
};
const centre: DirectoryEntry = {
  id: 'org-chc',
  kind: 'organisation',
  name: '某某街道社区卫生服务中心',
  orgId: 'org-chc',
  sharedWith: ['org-hosp'],
  organisationKind: 'chc',
  parentOrg: 'org-hosp',
};
const department: DirectoryEntry = {
  id: 'dept-gp',
  kind: 'department',
  name: '全科诊室',
  orgId: 'org-chc',
  sharedWith: [],
  parentOrg: 'org-chc',
};
const staff: DirectoryEntry = {
  id: 'staff-1',
  kind: 'staff',
  name: '王丽华',
  orgId: 'org-chc',
  sharedWith: [],
  role: 'registrar',
  displayName: '王丽华',
  username: 'reg01',
};

const validator = ZSchema.create({ strictMode: false });
const valid = (doc: unknown) =>
  validator.validateSafe(doc, directorySchema as unknown as Parameters<typeof validator.validateSafe>[1])
    .valid;

describe('directory schema', () => {
  it('is a schema RxDB accepts', () => {
    expect(() => checkSchema(structuredClone(directorySchema) as never)).not.toThrow();
  });

  it('accepts every kind and refuses unknown fields such as a password hash', () => {
    for (const entry of [hospital, centre, department, staff]) expect(valid(entry)).toBe(true);
    expect(valid({ ...staff, passwordHash: '$argon2id$…' })).toBe(false);
    expect(valid({ ...staff, kind: 'patient' })).toBe(false);
    expect(valid({ ...hospital, level: 4 })).toBe(false);
    expect(valid({ ...staff, name: 'x'.repeat(101) })).toBe(false);
  });
});

describe('directory rules', () => {
  it('accepts well-formed entries of every kind', () => {
    for (const entry of [hospital, centre, department, staff]) expect(checkDirectoryEntry(entry)).toEqual([]);
  });

  it.each<[string, DirectoryEntry, { field: string; code: string }]>([
    ['a hospital without a grade', { ...hospital, level: undefined }, { field: 'level', code: 'required' }],
    ['a centre with a grade', { ...centre, level: 1 }, { field: 'level', code: 'notForKind' }],
    [
      'an organisation owned by another',
      { ...centre, orgId: 'org-hosp' },
      { field: 'orgId', code: 'organisationOwnsItself' },
    ],
    ['staff without a role', { ...staff, role: undefined }, { field: 'role', code: 'required' }],
    [
      'staff with an organisation kind',
      { ...staff, organisationKind: 'chc' },
      { field: 'organisationKind', code: 'notForKind' },
    ],
    [
      'staff shared with another organisation',
      { ...staff, sharedWith: ['org-hosp'] },
      { field: 'sharedWith', code: 'notShared' },
    ],
    [
      'a department of another organisation',
      { ...department, parentOrg: 'org-hosp' },
      { field: 'parentOrg', code: 'notOwner' },
    ],
    [
      'a department with a username',
      { ...department, username: 'x' },
      { field: 'username', code: 'notForKind' },
    ],
  ])('refuses %s', (_label, entry, error) => {
    expect(checkDirectoryEntry(entry)).toContainEqual(error);
  });
});

describe('directory in the collection registry', () => {
  const { directory } = syncedCollections;
  it('is pulled by every signed-in role and pushed by nobody', () => {
    expect(isSyncedCollection('directory')).toBe(true);
    expect(permissionFor(directory, 'pull')).toBe('patient.read');
    expect(permissionFor(directory, 'push')).toBeNull();
  });

  it('compares by canonical JSON and lets the platform’s version win', () => {
    const reordered = Object.fromEntries(Object.entries(staff).reverse()) as DirectoryEntry;
    expect(directory.isEqual(staff, reordered)).toBe(true);
    expect(directory.isEqual(staff, { ...staff, username: 'reg02' })).toBe(false);
    const stored = { ...staff, _rev: '3-abc', _meta: { lwt: 1 }, _deleted: false } as DirectoryEntry;
    expect(directory.isEqual(stored, staff)).toBe(true);
    const mine = { ...staff, displayName: '王丽', name: '王丽' };
    expect(directory.resolve({ newDocumentState: mine, realMasterState: staff })).toBe(staff);
  });
});
