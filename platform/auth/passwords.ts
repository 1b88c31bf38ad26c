/**
 * Password hashing with argon2id (@node-rs/argon2 runs it off the event loop, on libuv's pool).
 * Parameters follow OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane — about 20–40 ms on a
 * district server, slow enough to make offline guessing expensive and fast enough for a morning
 * rush of sign-ins.
 */
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/** What one hash costs to compute, and so what each offline guess costs. */
export interface PasswordHashCost {
  /** KiB of memory. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
}

/** The cost of every hash the platform makes; only test setup passes a cheaper one explicitly. */
export const passwordHashCost: PasswordHashCost = { memoryCost: 19_456, timeCost: 2 };

/**
 * A PHC string (`$argon2id$v=19$m=…`) with its own random salt. The string carries its cost, so
 * verifying needs no parameters.
 */
export function hashPassword(password: string, cost: PasswordHashCost = passwordHashCost): Promise<string> {
  const options: Options = {
    algorithm: 2 as Algorithm, // Argon2id; the enum is `const` and cannot be read at runtime here
    ...cost,
    parallelism: 1,
  };
  return hash(password, options);
}

/** Whether `password` matches `passwordHash`; false (not a throw) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-ins with an unknown username, so
 * response time does not tell which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('clinicdesk-dummy-password');
  await verifyPassword(await dummyHash, password);
}
