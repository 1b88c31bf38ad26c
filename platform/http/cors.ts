/**
 * Cross-origin access for the Electron workstation only. Its pages live at `app://clinicdesk`, so
 * every call to the platform is cross-origin and carries an Authorization header, which needs a
 * preflight. Any other origin gets no CORS headers, so browsers keep refusing it.
 */
import type { FastifyInstance } from 'fastify';
import { auditHeadHeader } from '../../shared/audit/head';
import { protocolHeader, workstationOrigin } from '../../shared/platform/protocol';

const allowedHeaders = ['authorization', 'content-type', protocolHeader].join(', ');

export function registerCors(app: FastifyInstance, origins: readonly string[] = [workstationOrigin]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !origins.includes(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    reply.header('access-control-expose-headers', `${protocolHeader}, retry-after, ${auditHeadHeader}`);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply.header('access-control-allow-methods', 'GET, POST');
      reply.header('access-control-allow-headers', allowedHeaders);
      reply.header('access-control-max-age', '600');
      await reply.status(204).send();
    }
  });
}
