/**
 * How two versions of one resident that changed apart become one (DESIGN.md §5): field by field
 * against the version both started from. A field changed on one side only takes that change; a
 * field changed to the same value on both sides is simply that value; a field changed differently
 * on both sides keeps the platform's value on the record and both values in `collisions`, for a
 * person to choose on the resident's page. Edit histories are united, so every revision survives.
 * A value the platform holds that this side itself already moved on from (its push was stored but
 * the answer lost) is not a change of the other side: a desk never collides with its own edits.
 *
 * The same function runs on the workstation (RxDB's conflict handler) and on the platform.
 */
import { canonicalJson } from '../json/canonicalJson';
import {
  patientFieldNames,
  patientSchema,
  type PatientCollision,
  type PatientDoc,
  type PatientField,
  type PatientFields,
  type PatientRevision,
} from '../patients/schema';

const json = canonicalJson;

/**
 * Keys the merge compares: every field the schema requires and the optional outpatient number,
 * which is the whole record; server and storage bookkeeping (`_rev`, `_meta`, …) is not part of it.
 */
const comparedKeys: readonly (keyof PatientDoc)[] = [...patientSchema.required, 'outpatientNo'];

/**
 * The outpatient number the merged record keeps: once a side has one it never changes, and the
 * platform's wins when both drew one apart (the other desk's number is simply never used).
 */
const keptNumber = (ours: PatientDoc, theirs: PatientDoc) => {
  const number = theirs.outpatientNo ?? ours.outpatientNo;
  return number === undefined ? {} : { outpatientNo: number };
};

/** Whether two versions hold the same record, ignoring storage bookkeeping. */
export function samePatient(a: PatientDoc, b: PatientDoc): boolean {
  return comparedKeys.every((key) => json(a[key]) === json(b[key]));
}

const revisionKey = (r: PatientRevision) => `${r.at}|${r.byId}|${json(r.changes)}`;

function unionHistory(...lists: PatientRevision[][]): PatientRevision[] {
  const byKey = new Map<string, PatientRevision>();
  for (const list of lists) for (const r of list) byKey.set(revisionKey(r), r);
  return [...byKey.values()].sort((a, b) =>
    a.at === b.at ? revisionKey(a).localeCompare(revisionKey(b)) : a.at < b.at ? -1 : 1,
  );
}

const unique = (values: string[]) => [...new Set(values)];

/** Fields that `side`'s revisions since `base` touched, even if they ended at the base's value. */
function touchedSince(base: PatientDoc | undefined, side: PatientDoc): Set<PatientField> {
  const known = new Set((base?.history ?? []).map(revisionKey));
  return new Set(
    side.history.filter((r) => !known.has(revisionKey(r))).flatMap((r) => r.changes.map((c) => c.field)),
  );
}

/**
 * Fields whose value on `theirs` is one `ours` already moved on from: every revision of `theirs`
 * that touched the field is in `ours`, and the first revision of `ours` that `theirs` lacks and that
 * touched it started from that value. So it is when the platform stored a push whose answer never
 * came back and the desk then pushed newer edits from the older version it still assumed: the
 * platform holds this side's own earlier value (maybe beside other desks' edits of other fields),
 * which is nothing to collide with. A revision of another desk that `ours` has not seen keeps the
 * field out, and the merge treats it as before.
 */
function fieldsOursMovedOn(theirs: PatientDoc, ours: PatientDoc): Set<PatientField> {
  const inOurs = new Set(ours.history.map(revisionKey));
  const inTheirs = new Set(theirs.history.map(revisionKey));
  const unseen = new Set(
    theirs.history.filter((r) => !inOurs.has(revisionKey(r))).flatMap((r) => r.changes.map((c) => c.field)),
  );
  const later = ours.history.filter((r) => !inTheirs.has(revisionKey(r))).flatMap((r) => r.changes);
  return new Set(
    patientFieldNames.filter(
      (field) => !unseen.has(field) && later.find((c) => c.field === field)?.from === json(theirs[field]),
    ),
  );
}

/**
 * Whether `theirs` is an earlier version of `ours`: every revision it holds is in `ours`, and every
 * field where the two differ is one `ours` moved on from. It is then the version both started from.
 */
function isEarlierVersion(theirs: PatientDoc, ours: PatientDoc, movedOn: Set<PatientField>): boolean {
  const inOurs = new Set(ours.history.map(revisionKey));
  return (
    theirs.history.every((r) => inOurs.has(revisionKey(r))) &&
    patientFieldNames.every((field) => movedOn.has(field) || json(theirs[field]) === json(ours[field]))
  );
}

/**
 * Three-way merge of the open collisions, per field: a side that left a field's collision as it
 * was in the base (did not resolve or extend it) takes the other side's; when both changed it, the
 * values are united so no candidate is dropped.
 */
function mergeCollisions(base: PatientCollision[], ours: PatientCollision[], theirs: PatientCollision[]) {
  const byField = (list: PatientCollision[]) => new Map(list.map((c) => [c.field, c]));
  const [b, o, t] = [byField(base), byField(ours), byField(theirs)];
  const merged = new Map<PatientField, PatientCollision>();
  for (const field of patientFieldNames) {
    const [cb, co, ct] = [b.get(field), o.get(field), t.get(field)];
    let result: PatientCollision | undefined;
    if (json(co) === json(ct) || json(co) === json(cb)) result = ct;
    else if (json(ct) === json(cb)) result = co;
    else if (co && ct) result = { ...ct, values: unique([...ct.values, ...co.values]) };
    // One side resolved the collision while the other extended it: keep it open with what is left.
    else result = co ?? ct;
    if (result) merged.set(field, result);
  }
  return merged;
}

/**
 * Merges `ours` (this side's unsynced version) with `theirs` (the platform's current version),
 * both descended from `base`. Deterministic: the platform's value is the one shown for a collision.
 */
export function mergePatients(
  base: PatientDoc | undefined,
  ours: PatientDoc,
  theirs: PatientDoc,
  detectedAt: string,
): PatientDoc {
  // When the platform holds an earlier version of ours, that is the version both started from,
  // whatever older one this side assumed.
  const movedOn = fieldsOursMovedOn(theirs, ours);
  const common = isEarlierVersion(theirs, ours, movedOn) ? theirs : base;
  // Without a common version every differing field counts as changed on both sides.
  const from: PatientDoc = common ?? {
    ...theirs,
    ...Object.fromEntries(patientFieldNames.map((f) => [f, null])),
  };
  const collisions = mergeCollisions(common?.collisions ?? [], ours.collisions, theirs.collisions);
  const touchedByOurs = touchedSince(common, ours);
  const touchedByTheirs = touchedSince(common, theirs);
  const fields = {} as Record<PatientField, unknown>;
  for (const field of patientFieldNames) {
    const [b, o, t] = [json(from[field]), json(ours[field]), json(theirs[field])];
    // Typing a field back to its old value is still a change someone made.
    const oursChanged = o !== b || touchedByOurs.has(field);
    const theirsChanged = !movedOn.has(field) && (t !== b || touchedByTheirs.has(field));
    if (!oursChanged || o === t) fields[field] = theirs[field];
    else if (!theirsChanged) fields[field] = ours[field];
    else {
      fields[field] = theirs[field];
      const open = collisions.get(field);
      collisions.set(field, {
        field,
        base: open?.base ?? b,
        values: unique([...(open?.values ?? [t]), t, o]),
        detectedAt: open?.detectedAt ?? detectedAt,
      });
    }
  }
  // An open collision always lists the value the record now shows among its candidates.
  for (const [field, open] of collisions) {
    const shown = json(fields[field]);
    if (!open.values.includes(shown)) collisions.set(field, { ...open, values: [shown, ...open.values] });
  }
  return {
    ...theirs,
    ...(fields as unknown as PatientFields),
    sharedWith: unique([...theirs.sharedWith, ...ours.sharedWith]).sort(),
    updatedAt: ours.updatedAt > theirs.updatedAt ? ours.updatedAt : theirs.updatedAt,
    history: unionHistory(theirs.history, ours.history),
    collisions: patientFieldNames.flatMap((f) => collisions.get(f) ?? []),
    ...keptNumber(ours, theirs),
  };
}
