/**
 * A platform for tests: a fresh, migrated database holding the demo centre, the HTTP app over it
 * (driven with fastify inject), and access tokens of the demo accounts a test acts as. One call
 * stands for the setup each platform test file would otherwise write out again.
 */
import type { FastifyInstance } from 'fastify';
import type { PasswordHashCost } from '../auth/passwords';
import { migrate } from '../db/migrate';
import type { Store } from '../db/store';
import { buildPlatform, type PlatformOptions } from '../http/app';
import { seedDemo } from '../seed/demo';
import { accessTokenOf } from './signIn';

/**
 * The demo staff's password-hash cost in tests: argon2id at its smallest, so seeding and each
 * sign-in take a millisecond instead of tens (hundreds on a busy machine). Passed explicitly to
 * seedDemo; the platform's own default (platform/auth/passwords.ts) is never lowered.
 */
export const cheapPasswordHashCost: PasswordHashCost = { memoryCost: 64, timeCost: 1 };

/** The access-token key of test platforms (long enough for HS256). */
export const testTokenSecret = 'test-secret-test-secret-test-secret-0123';

export interface TestPlatform {
  store: Store;
  app: FastifyInstance;
  /** Access tokens by demo username, for the accounts named in `signIn`. */
  tokens: Record<string, string>;
  /** Closes the app, then the database. */
  close(): Promise<void>;
}

export type TestPlatformOptions = Partial<Omit<PlatformOptions, 'store' | 'tokenSecret'>> & {
  /** Demo residents to seed besides the centre's staff (default none). */
  residents?: number;
  /** Demo usernames signed in with the demo password, their tokens in `tokens`. */
  signIn?: readonly string[];
};

/**
 * Opens a database with `open`, migrates it, seeds the demo centre and builds the platform over
 * it. Sign-ins are not rate-limited unless `loginRateLimitPerMinute` says otherwise, since tests
 * sign in far more often than a person.
 */
export async function startTestPlatform(
  open: () => Promise<Store>,
  { residents = 0, signIn = [], ...options }: TestPlatformOptions = {},
): Promise<TestPlatform> {
  const store = await open();
  await migrate(store);
  await seedDemo(store, { residents, passwordHashCost: cheapPasswordHashCost });
  const app = buildPlatform({
    loginRateLimitPerMinute: 1000,
    ...options,
    store,
    tokenSecret: testTokenSecret,
  });
  const tokens: Record<string, string> = {};
  for (const who of signIn) tokens[who] = await accessTokenOf(app, who);
  return {
    store,
    app,
    tokens,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
