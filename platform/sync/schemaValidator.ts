/**
 * JSON-schema validation of pushed documents with the very schemas the workstation stores them
 * under (shared/). Each schema is registered once under an id: z-schema otherwise re-validates the
 * schema itself on every call.
 */
import ZSchema from 'z-schema';
import type { FieldError } from '../../shared/sync/collections';

const validator = ZSchema.create({ strictMode: false, breakOnFirstError: false });
const registered = new Map<object, string>();

/** Field errors of `doc` against `schema` (code `schema`), [] when it conforms. */
export function schemaErrors(schema: { title: string; version: number }, doc: unknown): FieldError[] {
  let id = registered.get(schema);
  if (!id) {
    id = `platform-${registered.size}-${schema.title}-v${schema.version}`;
    validator.validateSchema({ ...structuredClone(schema), id });
    registered.set(schema, id);
  }
  const result = validator.validateSafe(doc, id);
  if (result.valid) return [];
  const details = (result.err as { details?: { path?: string }[] } | undefined)?.details ?? [];
  const fields = details.map((d) => (d.path ?? '#/').replace(/^#\/?/, '').split('/')[0] || '(document)');
  return [...new Set(fields)].map((field) => ({ field, code: 'schema' }));
}
