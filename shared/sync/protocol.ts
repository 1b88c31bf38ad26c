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
  | { type: 'changes'; documents: D[]; checkpoint: Checkpoint }
  /** Something may have been missed (a gap, a restart): pull from the last checkpoint again. */
  | { type: 'resync' };

/** Codes the sync endpoints answer with, besides the general and auth ones. */
export const syncErrorCodes = [
  /** No such collection, or it does not replicate in that direction (HTTP 404). */
  'sync.unknownCollection',
  /** A document belongs to an organisation the signed-in desk may not write for (HTTP 403). */
  'sync.forbiddenOrganisation',
] as const;
export type SyncErrorCode = (typeof syncErrorCodes)[number];
