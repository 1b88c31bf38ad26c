/**
 * Version handshake between a workstation and the platform. Every request may carry
 * {@link protocolHeader}; the platform answers 426 `client.outdated` when the number is below
 * {@link MIN_PROTOCOL}, so an old desk stops syncing with a clear message instead of writing data
 * in a shape the platform no longer understands. Bump {@link PROTOCOL_VERSION} on any wire change;
 * raise {@link MIN_PROTOCOL} only when the platform drops support for older clients.
 */
import { z } from 'zod';

/** The protocol this code speaks. */
export const PROTOCOL_VERSION = 1;

/** The oldest client protocol the platform still serves. */
export const MIN_PROTOCOL = 1;

/** Request header naming the client's protocol; the platform echoes its own on every response. */
export const protocolHeader = 'x-clinicdesk-protocol';

/** `GET /v1/health`: the platform is up, which build it is, and which protocol it speaks. */
export const healthResponseSchema = z.object({
  ok: z.literal(true),
  version: z.string(),
  protocol: z.number().int(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/**
 * The origin of the Electron workstation's pages (`app://clinicdesk`). The platform answers
 * cross-origin requests from it, and only from it; web mode is served same-origin.
 */
export const workstationOrigin = 'app://clinicdesk';
