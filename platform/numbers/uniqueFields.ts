/**
 * The platform's check that a pushed document does not take a value another document of the same
 * organisation already holds (a collection's `uniqueFields`, shared/sync/collections.ts): an
 * outpatient number drawn twice, because a desk was copied or restored from a backup and handed
 * out numbers of a block another desk had already used. The second document is refused by field
 * (`outpatientNoTaken`) and nothing of it is stored; its desk draws a fresh number and pushes again.
 *
 * Runs inside the push's transaction, after the documents lock, so no other write can take the
 * value between the check and the insert; documents_patients_outpatient_no_idx makes it a lookup.
 */
import type { FieldError } from '../../shared/sync/collections';
import type { Queryable } from '../db/store';

const fieldName = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Field errors for the values of `doc` that another document of `orgId` already holds. A value
 * the stored version of `doc` (`previous`) already holds is not looked up: the unique index lets
 * no other document hold it, so a resident's edits cost no query.
 */
export async function takenFieldErrors(
  tx: Queryable,
  collection: string,
  orgId: string,
  doc: { id: string } & Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
  uniqueFields: readonly { field: string; code: string }[] | undefined,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const { field, code } of uniqueFields ?? []) {
    const value = doc[field];
    if (typeof value !== 'string' || previous?.[field] === value) continue;
    // The field is written into the SQL (a declared name, never a client's) so that the query has
    // the partial index's own expression and predicate and the planner can use it.
    if (!fieldName.test(field)) throw new Error(`Not a field name: ${field}`);
    const holders = await tx.query(
      `SELECT 1 FROM documents
        WHERE collection = $1 AND org_id = $2 AND data ? '${field}' AND data ->> '${field}' = $3
          AND id <> $4
        LIMIT 1`,
      [collection, orgId, value, doc.id],
    );
    if (holders.length) errors.push({ field, code });
  }
  return errors;
}
