/** Access tokens of demo accounts, signed in through the platform's own login route (tests). */
import type { FastifyInstance } from 'fastify';
import { loginResponseSchema } from '../../shared/platform/auth';
import { demoPassword } from '../seed/demo';

/**
 * Signs `username` in with the demo password, from the desk `deskId` when given (the token then
 * names that desk), and returns the access token.
 */
export async function accessTokenOf(
  app: FastifyInstance,
  username: string,
  deskId?: string,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { username, password: demoPassword, deskId },
  });
  return loginResponseSchema.parse(response.json()).accessToken;
}
