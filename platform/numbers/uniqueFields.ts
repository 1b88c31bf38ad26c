/**
 * The platform's check that a pushed document does not take a value another document of the same
 * organisation already holds (a collection's `uniqueFields`, shared/sync/collections.ts): an
 * outpatient number drawn twice, because a desk was copied or restored from a backup and handed
 * out numbers of a block another desk had already used. The second document is refused by field
 * (`outpatientNoTaken`) and nothing of it is stored; its desk draws a fresh number and pushes again.
 * A value may be unique only `within` the values of other fields: a queue ticket is unique per
 * organisation and day (`ticketTaken`), as tickets start again each morning.
 *
 * Runs inside the push's transaction, after the documents lock, so no other write can take the
 * value between the check and the insert; documents_patients_outpatient_no_idx (and
 * documents_appointments_ticket_idx for tickets) makes it a lookup.
 */
import type { FieldError, UniqueField } from '../../shared/sync/collections';
import type { Queryable } from '../db/store';

const fieldName = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A `within` field's value as `data ->> field` reads it: text, or null when absent. */
const scopeValue = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * Field errors for the values of `doc` that another document of `orgId` already holds (with the
 * same values of the `within` fields). A value the stored version of `doc` (`previous`) already
 * holds is not looked up: this check let no other document take it since, so a resident's edits
 * cost no query; and a ticket two appointments held before tickets were checked stays theirs, so
 * the queue can still move them.
 */
export async function takenFieldErrors(
  tx: Queryable,
  collection: string,
  orgId: string,
  doc: { id: string } & Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
  uniqueFields: readonly UniqueField[] | undefined,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const { field, code, within = [] } of uniqueFields ?? []) {
    const value = doc[field];
    if (typeof value !== 'string') continue;
    if (previous?.[field] === value && within.every((f) => previous[f] === doc[f])) continue;
    // The fields are written into the SQL (declared names, never a client's) so that the query
    // has the index's own expressions and predicate and the planner can use it.
    for (const name of [field, ...within])
      if (!fieldName.test(name)) throw new Error(`Not a field name: ${name}`);
    // A document without a `within` value shares it with none (NULL = NULL is not true).
    const scoped = within.map((f, i) => ` AND data ->> '${f}' = $${i + 5}`).join('');
    const holders = await tx.query(
      `SELECT 1 FROM documents
        WHERE collection = $1 AND org_id = $2 AND data ? '${field}' AND data ->> '${field}' = $3
          AND id <> $4${scoped}
        LIMIT 1`,
      [collection, orgId, value, doc.id, ...within.map((f) => scopeValue(doc[f]))],
    );
    if (holders.length) errors.push({ field, code });
  }
  return errors;
}
