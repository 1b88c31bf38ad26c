/**
 * Schema validation of every write, CSP-safe (z-schema interprets schemas; ajv compiles them with
 * `new Function`, which the renderer's CSP forbids).
 *
 * RxDB's own z-schema wrapper hands z-schema the schema object on every call, and z-schema 12 then
 * clones and re-validates the schema itself each time: about 1 ms per document, which capped bulk
 * writes at ~700 documents/s. Registering each schema once under an id and validating by that id
 * skips the repeated work (tens of microseconds per document).
 *
 * Signed clinical records are locked here too: a write that changes what a signature covers is
 * refused like an invalid one, so no code path of the desk can alter a signed record.
 *
 * Documents written by replication's pull side are not validated again: the platform checked each
 * of them against the same schema and rules before storing it, and a first sync of a whole centre
 * must not spend its time repeating that work (DESIGN.md §5).
 */
import type { RxJsonSchema, RxStorage, RxValidationError } from 'rxdb';
import { getPrimaryFieldOfPrimaryKey } from 'rxdb';
import ZSchema from 'z-schema';
import { lockedChangeErrors } from '../../shared/clinical/lock';
import type { LockPolicy, SignableRecord } from '../../shared/clinical/signature';
import { encounterLockPolicy } from '../../shared/encounters/schema';
import { prescriptionLockPolicy } from '../../shared/prescriptions/schema';
import { pulledWriteContextPrefix, replicationMetaSchemaTitle } from './rxdbInternals';

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

/** Validation errors of `doc` against `schema`, [] when it conforms. */
export function validateAgainst(schema: RxJsonSchema<unknown>, doc: unknown): RxValidationError[] {
  const result = validator.validateSafe(doc, schemaId(schema));
  if (result.valid) return [];
  const details =
    (result.err as { details?: { message: string; path: string }[] } | undefined)?.details ?? [];
  return details.length
    ? details.map(({ message, path }) => ({ field: path, message }))
    : [{ field: '', message: 'invalid' }];
}

/** The context RxDB gives the writes of documents pulled from the platform. */
const pulledFromPlatform = pulledWriteContextPrefix;

/**
 * RxDB's replication bookkeeping (checkpoints and the platform's last known state of each document)
 * lives in storage instances of this schema title. Their documents are copies of what the platform
 * sent or accepted, so they are not validated a second time.
 */
const replicationMetaTitle = replicationMetaSchemaTitle;

/**
 * Collections of signed clinical records, by schema title: once signed, a record changes only as
 * its lock policy allows (shared/clinical/lock.ts), whoever writes through the database.
 */
const lockPolicies: Readonly<Record<string, LockPolicy>> = {
  encounters: encounterLockPolicy,
  prescriptions: prescriptionLockPolicy,
};

/** Wraps a storage so that every document written locally is checked against its collection's schema. */
export function wrappedValidateStorage<Internals, Options>({
  storage,
}: {
  storage: RxStorage<Internals, Options>;
}): RxStorage<Internals, Options> {
  return {
    ...storage,
    name: `validate-${storage.name}`,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      if (params.schema.title === replicationMetaTitle) return instance;
      const primary = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        if (context.startsWith(pulledFromPlatform)) return write(rows, context);
        type WriteError = Awaited<ReturnType<typeof write>>['error'][number];
        const refused: WriteError[] = [];
        const policy = lockPolicies[params.schema.title ?? ''];
        const valid = rows.filter((row) => {
          const errors = validateAgainst(params.schema as RxJsonSchema<unknown>, row.document);
          if (policy && row.previous)
            for (const lock of lockedChangeErrors(
              row.previous as unknown as SignableRecord,
              row.document as unknown as SignableRecord,
              policy,
            ))
              errors.push({ field: lock, message: lock });
          if (errors.length === 0) return true;
          const documentId = String((row.document as Record<string, unknown>)[primary]);
          refused.push({
            status: 422,
            isError: true,
            documentId,
            validationErrors: errors,
            schema: params.schema,
            writeRow: row,
            context,
          } as WriteError);
          return false;
        });
        const result = valid.length ? await write(valid, context) : { error: [] };
        return { ...result, error: [...result.error, ...refused] };
      };
      return instance;
    },
  };
}
