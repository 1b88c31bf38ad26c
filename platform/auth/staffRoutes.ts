/**
 * HTTP routes of the admin's staff-account endpoints (shared/platform/staffAccounts.ts): disable an
 * account of the admin's organisation, and enable it again. The service decides and audits.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { staffAccountEndpoints, staffStatusRequestSchema } from '../../shared/platform/staffAccounts';
import { parseBody } from '../http/errors';
import { requireAuth } from './authenticate';
import type { AuthService } from './service';

export interface StaffAccountRoutesOptions {
  service: AuthService;
}

const paramsSchema = z.object({ staffId: z.string().min(1).max(64) });

/** Registers the routes; needs `authenticate` on a parent instance. */
export function registerStaffAccountRoutes(
  app: FastifyInstance,
  { service }: StaffAccountRoutesOptions,
): void {
  const change = (disabled: boolean) => async (request: FastifyRequest) => {
    const auth = requireAuth(request);
    const { staffId } = parseBody(paramsSchema, request.params);
    const { reason } = parseBody(staffStatusRequestSchema, request.body);
    return service.setDisabled(auth, staffId, { disabled, reason }, { ip: request.ip });
  };
  app.post(staffAccountEndpoints.disable.path, { preHandler: app.authenticate }, change(true));
  app.post(staffAccountEndpoints.enable.path, { preHandler: app.authenticate }, change(false));
}
