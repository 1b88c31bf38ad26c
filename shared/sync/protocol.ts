/**
 * The replication wire protocol (`/v1/:collection/{pull,push,stream}`), after RxDB's HTTP
 * replication contract. Checkpoints are the platform's own sequence number, never a client clock.
 * Workstation and platform both import these types; the platform validates requests with them.
 */
import { z } from 'zod';

/** Where a pull continues from: the platform sequence of the last document received. */
export const checkpointSchema = z.object({ seq: z.number().int().nonnegative() });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const maxPullBatch = 5000;
/** A push body over this many bytes is refused (HTTP 413) before it is parsed. */
export const maxPushBytes = 1024 * 1024;

export const pullQuerySchema = z.object({
  seq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(maxPullBatch).default(1000),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

/** A document as replicated: the collection's fields plus RxDB's deletion flag. */
export type ReplicatedDocument = Record<string, unknown> & { id: string; _deleted: boolean };

export interface PullResponse<D = ReplicatedDocument> {
  documents: D[];
  /**
   * Ids of documents the desk's organisation can no longer read (no longer shared with it), in
   * the same order as the documents: the desk drops its copies. Absent when there are none.
   */
  removed?: string[];
  /** The checkpoint after the last document, or the request's when there was nothing new. */
  checkpoint: Checkpoint;
}

const documentSchema = z.looseObject({ id: z.string().min(1).max(64), _deleted: z.boolean() });

export const pushRowSchema = z.object({
  newDocumentState: documentSchema,
  /** What the workstation believes the platform holds; absent for a document it created. */
  assumedMasterState: documentSchema.optional(),
});
export const pushRequestSchema = z.array(pushRowSchema).max(1000);
export type PushRow = z.infer<typeof pushRowSchema>;

/** Why one pushed document was not stored: per field, an error code the workstation translates. */
export interface Rejection {
  id: string;
  errors: { field: string; code: string }[];
}

export interface PushResponse<D = ReplicatedDocument> {
  /** The platform's current version of every row whose assumed master was out of date. */
  conflicts: D[];
  /** Rows refused by validation; nothing of them was stored. */
  rejected: Rejection[];
  /**
   * Rows stored, but not exactly as sent: the platform added what only it writes (a signed
   * record's seal, receipts of voids and prints: shared/clinical/seal.ts). The stored versions;
   * absent when there are none. A desk takes them as it takes the platform's version in a
   * conflict, so its copy carries the seal at once.
   */
  stamped?: D[];
}

/** One server-sent event on `/v1/:collection/stream`. */
export type StreamEvent<D = ReplicatedDocument> =
  | { type: 'changes'; documents: D[]; checkpoint: Checkpoint; removed?: string[] }
  /** Something may have been missed (a gap, a restart): pull from the last checkpoint again. */
  | { type: 'resync' };

/**
 * One desk's change stream for all its collections: `/v1/stream?collections=patients,directory`.
 * A desk holds one connection however many collections it replicates (a browser opens at most six
 * HTTP/1.1 connections per origin; a stream per collection would leave none for its requests).
 */
export const changeStreamPath = '/v1/stream';

/** The path of the change stream that carries `collections`. */
export function changeStreamUrl(collections: readonly string[]): string {
  return `${changeStreamPath}?collections=${collections.map(encodeURIComponent).join(',')}`;
}

/**
 * The query of {@link changeStreamPath}: the collections, comma-separated, each once, each one of
 * `streamable` (the collections that flow to desks: shared/sync/collections.ts).
 */
export function changeStreamQuerySchema(streamable: readonly [string, ...string[]]) {
  return z.object({
    collections: z
      .string()
      .max(1000)
      .transform((list) => list.split(','))
      .pipe(
        z
          .array(z.enum(streamable))
          .min(1)
          .refine((names) => new Set(names).size === names.length, 'Each collection once.'),
      ),
  });
}

/**
 * One server-sent event on {@link changeStreamPath}: a collection's event, named. A `resync`
 * without a collection is for every collection of the stream (the first event of each connection).
 */
export type ChangeStreamEvent<D = ReplicatedDocument> =
  | (Extract<StreamEvent<D>, { type: 'changes' }> & { collection: string })
  | { type: 'resync'; collection?: string };

// ---------------------------------------------------------------------------------------------
// Answers, as the desk checks them. A desk takes nothing from the platform it has not checked:
// an answer of the wrong shape is an error (`sync.malformedAnswer`), and nothing of it is written.
//
// The check is the envelope and, per document, its `id` and `_deleted` flag: what the replication
// itself relies on. A document's content was validated by the platform against the collection's
// schema before it was stored; parsing 100k of them again field by field would cost the first
// sync about a second (DESIGN.md §5), so a document is checked in place, not copied. Envelopes
// are loose: an answer may carry more than a desk of this version reads (a removal marker, say),
// and a document more fields than its schema has today.

/** The shape every document of an answer must have: a non-empty id and the deletion flag. */
export function isReplicatedDocument(value: unknown): value is ReplicatedDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, _deleted } = value as { id?: unknown; _deleted?: unknown };
  return typeof id === 'string' && id.length > 0 && id.length <= 64 && typeof _deleted === 'boolean';
}

/** A document of an answer, checked in place (see above). */
export const answerDocumentSchema = z.custom<ReplicatedDocument>(isReplicatedDocument, {
  message: 'A document needs an id and _deleted.',
});

/** Ids of documents no longer readable (see {@link PullResponse}). */
const removedSchema = z.array(z.string().min(1).max(64)).optional();

export const pullResponseSchema = z.looseObject({
  documents: z.array(answerDocumentSchema),
  removed: removedSchema,
  checkpoint: checkpointSchema,
});

/** One refused field of a pushed row; room for more than field and code. */
export const rejectionSchema = z.looseObject({
  id: z.string().min(1),
  errors: z.array(z.looseObject({ field: z.string(), code: z.string().min(1) })),
});

export const pushResponseSchema = z.looseObject({
  conflicts: z.array(answerDocumentSchema),
  rejected: z.array(rejectionSchema),
  stamped: z.array(answerDocumentSchema).optional(),
});

export const streamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('changes'),
    documents: z.array(answerDocumentSchema),
    removed: removedSchema,
    checkpoint: checkpointSchema,
  }),
  z.looseObject({ type: z.literal('resync') }),
]);

const collectionNameSchema = z.string().min(1).max(64);

export const changeStreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('changes'),
    collection: collectionNameSchema,
    documents: z.array(answerDocumentSchema),
    removed: removedSchema,
    checkpoint: checkpointSchema,
  }),
  z.looseObject({ type: z.literal('resync'), collection: collectionNameSchema.optional() }),
]);

/** The code of an answer that is not what the protocol says (the desk translates it). */
export const malformedAnswerCode = 'sync.malformedAnswer';

/** Codes the sync endpoints answer with, besides the general and auth ones. */
export const syncErrorCodes = [
  /** No such collection, or it does not replicate in that direction (HTTP 404). */
  'sync.unknownCollection',
  /** A document belongs to an organisation the signed-in desk may not write for (HTTP 403). */
  'sync.forbiddenOrganisation',
] as const;
export type SyncErrorCode = (typeof syncErrorCodes)[number];
