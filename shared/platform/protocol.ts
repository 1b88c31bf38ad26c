/**
 * Version handshake between a workstation and the platform. Every request may carry
 * {@link protocolHeader}; the platform answers 426 `client.outdated` when the number is below
 * {@link MIN_PROTOCOL}, so an old desk stops syncing with a clear message instead of writing data
 * in a shape the platform no longer understands. Bump {@link PROTOCOL_VERSION} on any wire change;
 * raise {@link MIN_PROTOCOL} only when the platform drops support for older clients.
 */
import { z } from 'zod';

/**
 * The protocol this code speaks. 2: queue tickets come from leased daily blocks (the lease series
 * were renamed and the platform refuses a ticket another appointment holds that day), and a desk
 * holds one change stream for all its collections.
 */
export const PROTOCOL_VERSION = 2;

/**
 * The oldest client protocol the platform still serves. 2: a desk of protocol 1 counts tickets on
 * its own, so its walk-ins would be refused as `ticketTaken` with no way to draw a fresh one and
 * stay off every other desk's queue; it is told to update instead.
 */
export const MIN_PROTOCOL = 2;

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
