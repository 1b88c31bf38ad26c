import type { z } from 'zod';
import { malformedAnswerCode } from '../../shared/sync/protocol';

/**
 * What replication needs from the platform connection: JSON requests and a stream of server-sent
 * events. The workstation's platform client provides it; tests pass one over a real platform.
 */
export interface SyncTransport {
  /** A JSON request; rejects on network failure or an error status. */
  request<T>(
    path: string,
    init?: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal },
  ): Promise<T>;
  /** Parsed `data:` payloads of a server-sent event stream, until `signal` aborts or it ends. */
  stream(path: string, signal: AbortSignal): AsyncIterable<unknown>;
}

/**
 * An answer from the platform that is not what the protocol says (shared/sync/protocol.ts). The
 * engine shows it in the sync indicator like any failed request, retries after its back-off, and
 * writes nothing of the answer.
 */
export class MalformedAnswerError extends Error {
  readonly code = malformedAnswerCode;

  constructor(
    /** Which answer: the request's path, or the stream's. */
    readonly path: string,
    /** Where the answer first went wrong (zod's path and message), for the console; no content. */
    readonly issue: string,
  ) {
    super(`Malformed answer from ${path}: ${issue}`);
    this.name = 'MalformedAnswerError';
  }
}

/**
 * `value` checked against `schema`, or a {@link MalformedAnswerError} naming the first issue's
 * path (never a value: answers carry patient data).
 */
export function checkedAnswer<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new MalformedAnswerError(
    path,
    issue ? `${issue.path.join('.') || '(root)'}: ${issue.code}` : 'invalid',
  );
}

/** A request whose answer is checked against `schema`; see {@link checkedAnswer}. */
export async function checkedRequest<S extends z.ZodType>(
  transport: SyncTransport,
  schema: S,
  path: string,
  init?: Parameters<SyncTransport['request']>[1],
): Promise<z.output<S>> {
  return checkedAnswer(schema, await transport.request<unknown>(path, init), path);
}
