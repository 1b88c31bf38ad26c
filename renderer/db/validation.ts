/**
 * Schema validation of every write, CSP-safe (z-schema interprets schemas; ajv compiles them with
 * `new Function`, which the renderer's CSP forbids).
 *
 * RxDB's own z-schema wrapper hands z-schema the schema object on every call, and z-schema 12 then
 * clones and re-validates the schema itself each time: about 1 ms per document, which capped bulk
 * writes at ~700 documents/s. Registering each schema once under an id and validating by that id
 * skips the repeated work (tens of microseconds per document).
 */
import { wrappedValidateStorageFactory, type RxJsonSchema, type RxValidationError } from 'rxdb';
import ZSchema from 'z-schema';

const validator = ZSchema.create({ strictMode: false });
const registered = new Map<string, string>();

function schemaId(schema: RxJsonSchema<unknown>): string {
  const text = JSON.stringify(schema);
  let id = registered.get(text);
  if (!id) {
    id = `clinicdesk-${registered.size}-${schema.title ?? 'schema'}-v${schema.version}`;
    validator.validateSchema({ ...(JSON.parse(text) as object), id });
    registered.set(text, id);
  }
  return id;
}

function getValidator(schema: RxJsonSchema<unknown>) {
  const id = schemaId(schema);
  return (doc: unknown): RxValidationError[] => {
    const result = validator.validateSafe(doc, id);
    if (result.valid) return [];
    const details =
      (result.err as { details?: { message: string; path: string }[] } | undefined)?.details ?? [];
    return details.length
      ? details.map(({ message, path }) => ({ field: path, message }))
      : [{ field: '', message: 'invalid' }];
  };
}

/** Wraps a storage so that every document written is checked against its collection's schema. */
export const wrappedValidateStorage = wrappedValidateStorageFactory(getValidator, 'clinicdesk-z-schema');
