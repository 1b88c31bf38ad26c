/**
 * Applies the SQL files in `migrations/` in name order, each once, each in its own transaction,
 * and records them in `schema_migrations` with a checksum. Safe to run on every start and from
 * several processes at once; a migration edited after it was applied stops the platform rather
 * than leaving two districts on different schemas under the same version.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { advisoryLocks } from './locks';
import type { Store } from './store';

/**
 * Where the SQL files are: beside this module in the sources, copied beside the bundle by
 * build/bundle-platform.mjs (dist/platform/migrations).
 */
export const defaultMigrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface MigrationResult {
  /** Versions (file names without `.sql`) applied by this run, in order. */
  applied: string[];
}

/**
 * Brings the database up to the newest migration.
 * @throws when an applied migration's file has changed since, or when a migration's SQL fails
 *   (that migration is rolled back; the ones before it stay applied).
 */
export async function migrate(store: Store, migrationsDir = defaultMigrationsDir): Promise<MigrationResult> {
  // Under the lock too: two servers running CREATE TABLE IF NOT EXISTS at once can still collide.
  await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.migrations]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     text PRIMARY KEY,
      checksum    text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const files = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = file.slice(0, -'.sql'.length);
    const sql = await readFile(`${migrationsDir}/${file}`, 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const ran = await store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.migrations]);
      const [done] = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [version],
      );
      if (done) {
        if (done.checksum !== checksum) {
          throw new Error(
            `Migration ${version} was changed after it was applied; add a new migration instead.`,
          );
        }
        return false;
      }
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [
        version,
        checksum,
      ]);
      return true;
    });
    if (ran) applied.push(version);
  }
  return { applied };
}
