/**
 * The one error body every platform response uses: a stable code the workstation translates, and
 * an English sentence for logs and for people reading raw responses. Codes of one area live next
 * to their wire types (auth codes in `./auth`); the general ones are here.
 */
import { z } from 'zod';

/** Codes any endpoint may answer with. */
export const generalErrorCodes = [
  /** The client's protocol is older than the platform's minimum (HTTP 426). */
  'client.outdated',
  /** The body or a parameter did not match the endpoint's schema (HTTP 400). */
  'request.invalid',
  /** The body is over the size limit (HTTP 413). */
  'request.tooLarge',
  /** The body is not JSON (HTTP 415). */
  'request.unsupportedMediaType',
  /** Too many requests from this address; `retryAfterSeconds` says when to try again (HTTP 429). */
  'request.rateLimited',
  /** No such endpoint (HTTP 404). */
  'request.notFound',
  /** Something failed on the platform; details are in its log, never in the response (HTTP 500). */
  'server.internal',
] as const;
export type GeneralErrorCode = (typeof generalErrorCodes)[number];

/** `{ error: { code, message, retryAfterSeconds? } }` for any code string. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Present on lockouts and rate limits: seconds until a retry can succeed. */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
