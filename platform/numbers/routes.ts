/**
 * `POST /v1/numbers/lease` (shared/numbers/protocol.ts): a signed-in desk leases a block of a
 * number series for its organisation. The role must hold the series' permission (a registrar,
 * nurse or doctor for outpatient numbers). A daily series' lease (queue tickets) names its day,
 * any calendar day: a desk leases today's and the coming days' blocks, and a booking's day on demand.
 *
 * The lease is recorded under the desk the session was opened at, as the access token says (its
 * `desk` claim, the one the push's per-desk contact uses too), not under the id the request body
 * names: a desk cannot file its leases under another desk's name. The body's id counts only for a
 * session opened without one (a sign-in that named no desk, or one older than desk binding), and
 * is then just the label it always was: which values a lease holds comes from the organisation's
 * counter alone, so refusing such a desk would only leave it without numbers.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../shared/auth/roles';
import { leaseRequestSchema, numbersLeasePath, type LeaseResponse } from '../../shared/numbers/protocol';
import { dayAfter, leaseDayWindow, seriesRules } from '../../shared/numbers/series';
import { requireAuth } from '../auth/authenticate';
import type { Store } from '../db/store';
import { parseBody, PlatformError } from '../http/errors';
import { leaseBlock, SeriesFullError } from './leases';

export interface NumberRouteOptions {
  store: Store;
  now: () => Date;
}

export function registerNumberRoutes(app: FastifyInstance, { store, now }: NumberRouteOptions): void {
  const guarded = { preHandler: (request: FastifyRequest) => app.authenticate(request) };
  app.post(numbersLeasePath, guarded, async (request): Promise<LeaseResponse> => {
    const auth = requireAuth(request);
    const body = parseBody(leaseRequestSchema, request.body);
    if (!can(auth.role, seriesRules[body.series].permission)) {
      throw new PlatformError(
        403,
        'auth.forbidden',
        `The role ${auth.role} may not lease ${body.series} numbers.`,
      );
    }
    const at = now();
    if (body.day !== undefined && !withinLeaseWindow(body.day, at)) {
      throw new PlatformError(
        400,
        'request.invalid',
        `Blocks of ${body.series} are leased for the days around today only.`,
      );
    }
    try {
      const lease = await leaseBlock(store, {
        orgId: auth.orgId,
        staffId: auth.staffId,
        series: body.series,
        deskId: auth.deskId ?? body.deskId,
        size: body.size,
        ...(body.day ? { day: body.day } : {}),
        now: at,
      });
      return { lease };
    } catch (error) {
      if (!(error instanceof SeriesFullError)) throw error;
      throw new PlatformError(409, 'numbers.seriesFull', `The ${body.series} series has no numbers left.`);
    }
  });
}

/**
 * Whether `day` lies within {@link leaseDayWindow} of the platform's own day: a desk leases today's
 * tickets and the next days', never a far-off day's (which would fill the table with counters and
 * let one desk take a future day's tickets from every other).
 */
function withinLeaseWindow(day: string, at: Date): boolean {
  const today = at.toISOString().slice(0, 10);
  return day >= dayAfter(today, -leaseDayWindow.before) && day <= dayAfter(today, leaseDayWindow.after);
}
