/**
 * What the integration tests share: a test platform listening on a local port (the workstation's
 * sync engine reaches it over real HTTP and SSE), a sign-in over that HTTP as a desk does it, a
 * desk's localStorage kept in memory, and waiting for what sync does asynchronously.
 */
import type { AddressInfo } from 'node:net';
import { loginResponseSchema, type LoginResponse } from '../../shared/platform/auth';
import { operatorOf, type Operator } from '../../renderer/app/operator';
import type { Store } from '../../platform/db/store';
import { demoPassword } from '../../platform/seed/demo';
import {
  startTestPlatform,
  type TestPlatform,
  type TestPlatformOptions,
} from '../../platform/testing/platform';

export interface ListeningPlatform extends TestPlatform {
  /** Where the platform answers, ending in `/`. */
  baseUrl: string;
}

/** A test platform (platform/testing/platform.ts) listening on a free port of 127.0.0.1. */
export async function startListeningPlatform(
  open: () => Promise<Store>,
  options?: TestPlatformOptions,
): Promise<ListeningPlatform> {
  const platform = await startTestPlatform(open, options);
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = platform.app.server.address() as AddressInfo;
  return { ...platform, baseUrl: `http://127.0.0.1:${port}/` };
}

/**
 * Signs `username` in with the demo password through the platform's login route, from the desk
 * `deskId` when given, and gives the answer with the operator the app makes of it.
 */
export async function signInOverHttp(
  baseUrl: string,
  username: string,
  deskId?: string,
): Promise<{ login: LoginResponse; operator: Operator }> {
  const response = await fetch(new URL('/v1/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword, deskId }),
  });
  const login = loginResponseSchema.parse(await response.json());
  return { login, operator: operatorOf(login.staff, login.organisation) };
}

/**
 * A desk's localStorage, in memory: where the sync engine keeps its runs' state, and the desk its
 * identity (renderer/auth/session.ts `deskIdOf`).
 */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

/** Waits until `check` holds, polling (sync is asynchronous by nature). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
