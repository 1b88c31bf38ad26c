/**
 * Errors that carry their HTTP status and wire code, and the one handler that turns anything
 * thrown in a request into the shared error body (`shared/platform/errors.ts`).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import type { AuthErrorCode } from '../../shared/platform/auth';
import type { DeskCredentialErrorCode } from '../../shared/platform/deskCredentials';
import type { ErrorBody, GeneralErrorCode } from '../../shared/platform/errors';
import type { StaffAccountErrorCode } from '../../shared/platform/staffAccounts';
import type { NumbersErrorCode } from '../../shared/numbers/protocol';
import type { PatientRemovalErrorCode } from '../../shared/patients/removal';
import type { SyncErrorCode } from '../../shared/sync/protocol';
import { textErrors } from '../../shared/validation/text';

/** Every code the platform may answer with; each area declares its own in shared/. */
export type PlatformErrorCode =
  | GeneralErrorCode
  | AuthErrorCode
  | SyncErrorCode
  | NumbersErrorCode
  | DeskCredentialErrorCode
  | StaffAccountErrorCode
  | PatientRemovalErrorCode;

/** An expected failure: the handler answers `statusCode` with `{ error: { code, message } }`. */
export class PlatformError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: PlatformErrorCode,
    message: string,
    /** Sent as `retryAfterSeconds` and as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** The wire body for an error. */
export function errorBody(code: string, message: string, retryAfterSeconds?: number): ErrorBody {
  return {
    error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds },
  };
}

/**
 * Parses a request body (or params, or query) with a shared schema. Any string in it holding a
 * character no stored text may hold (a NUL, another control character, a lone surrogate:
 * shared/validation/text.ts) is refused here too, since such a string reaching a query parameter
 * or an audit event's details makes the database fail the whole request. A push passes
 * `perRowText`: its rows are checked one by one and refused alone (../sync/documents.ts).
 * @throws PlatformError 400 `request.invalid` naming the first offending field
 */
export function parseBody<T>(schema: ZodType<T>, body: unknown, { perRowText = false } = {}): T {
  const result = schema.safeParse(body);
  const invalid = (path: string) =>
    new PlatformError(400, 'request.invalid', `The request body is not valid${path ? ` at "${path}"` : ''}.`);
  if (!result.success) throw invalid(result.error.issues[0]?.path.join('.') ?? '');
  if (!perRowText) {
    const refused = textErrors(result.data).find((error) => error.code === 'invalidCharacter');
    if (refused) throw invalid(refused.field === '(document)' ? '' : refused.field);
  }
  return result.data;
}

// Fastify's own errors, by code, mapped to ours. Anything else with a 4xx status is a bad request.
const fastifyCodes: Readonly<Record<string, [number, PlatformErrorCode, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    'request.tooLarge',
    'The request body is larger than the platform accepts.',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupportedMediaType', 'The request body must be JSON.'],
};

/**
 * Fastify error handler: platform errors keep their status and code, Fastify's parsing errors
 * become `request.*` codes, and anything unexpected is logged and answered with a generic 500 so
 * no internals (SQL, stack traces) reach a client.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof PlatformError) {
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    void reply.status(error.statusCode).send(errorBody(error.code, error.message, error.retryAfterSeconds));
    return;
  }
  const fastifyError = error as FastifyError;
  const mapped = fastifyCodes[fastifyError.code];
  if (mapped) {
    void reply.status(mapped[0]).send(errorBody(mapped[1], mapped[2]));
    return;
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    void reply.status(status).send(errorBody('request.invalid', 'The request could not be read.'));
    return;
  }
  request.log.error({ err: redacted(error) }, 'request failed');
  void reply.status(500).send(errorBody('server.internal', 'The platform could not complete the request.'));
}

/**
 * What the log keeps of an unexpected error: its kind, its code (a SQLSTATE for a database
 * error) and where it was thrown, never its message. A database error's message and `where`
 * quote the value it refused, and the request that caused it may have carried a resident's
 * identity number, so the platform's logs hold ids, codes and counts only.
 */
export function redacted(error: Error): { type: string; code?: string; stack?: string } {
  const code = (error as { code?: unknown }).code;
  // The stack's first line repeats the message; the frames after it are code locations only.
  const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(frames?.length ? { stack: frames.join('\n') } : {}),
  };
}
