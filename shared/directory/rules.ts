/**
 * Rules of a directory entry beyond its JSON schema: each kind carries its own fields and no
 * other kind's, a hospital has a grade and a centre none, and an entry's owner is consistent.
 */
import type { FieldError } from '../sync/collections';
import { directoryKindFields, directoryKinds, type DirectoryEntry } from './schema';

const kindSpecific = [
  ...new Set(
    directoryKinds.flatMap((kind) => [
      ...directoryKindFields[kind].required,
      ...directoryKindFields[kind].optional,
    ]),
  ),
];

/** Field errors of `entry` ([] when valid). Assumes it passed the JSON schema. */
export function checkDirectoryEntry(entry: DirectoryEntry): FieldError[] {
  const errors: FieldError[] = [];
  const fields = directoryKindFields[entry.kind];
  const allowed = new Set<string>([...fields.required, ...fields.optional]);
  for (const field of fields.required) {
    if (entry[field] === undefined) errors.push({ field, code: 'required' });
  }
  for (const field of kindSpecific) {
    if (!allowed.has(field) && entry[field] !== undefined) errors.push({ field, code: 'notForKind' });
  }
  if (entry.kind === 'organisation') {
    if (entry.id !== entry.orgId) errors.push({ field: 'orgId', code: 'organisationOwnsItself' });
    if (entry.organisationKind === 'hospital' && entry.level === undefined)
      errors.push({ field: 'level', code: 'required' });
    if (entry.organisationKind === 'chc' && entry.level !== undefined)
      errors.push({ field: 'level', code: 'notForKind' });
    if (entry.parentOrg === entry.id) errors.push({ field: 'parentOrg', code: 'ownParent' });
  } else {
    if (entry.kind === 'department' && entry.parentOrg !== undefined && entry.parentOrg !== entry.orgId)
      errors.push({ field: 'parentOrg', code: 'notOwner' });
    // Only places are shown district-wide; people and departments stay with their organisation.
    if (entry.sharedWith.length > 0) errors.push({ field: 'sharedWith', code: 'notShared' });
  }
  if (entry.kind === 'staff' && entry.name !== entry.displayName)
    errors.push({ field: 'name', code: 'notDisplayName' });
  return errors;
}
