/**
 * The databases platform tests run against: always an in-memory PGlite, plus a real PostgreSQL
 * when TEST_DATABASE_URL is set. Each opened PostgreSQL store gets a schema of its own (dropped on
 * close), so test files can run in parallel on one server without seeing each other's rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { defaultMigrationsDir, migrate } from '../db/migrate';
import { openStore, pgliteStore, type Store } from '../db/store';

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database (not migrated). */
  open(): Promise<Store>;
}

/**
 * Starting PGlite runs initdb in WebAssembly: seconds on a busy machine, for every test file. So
 * each test database starts from a dump of a data folder instead, made once and kept in the
 * system's temporary folder under a name that hashes everything it depends on: PGlite's own
 * package and, for the migrated one, every migration file's name and contents. A new or changed
 * migration, or another PGlite, therefore makes a new snapshot rather than reusing a stale one.
 * Test files running at once may both make it; each writes its own file and renames it into
 * place, so none reads a half-written one.
 */
async function snapshot(kind: 'empty' | 'migrated'): Promise<Blob> {
  const key = createHash('sha256');
  const require = createRequire(import.meta.url);
  const pgliteDir = dirname(dirname(require.resolve('@electric-sql/pglite')));
  key.update(await readFile(join(pgliteDir, 'package.json')));
  if (kind === 'migrated') {
    for (const file of (await readdir(defaultMigrationsDir)).filter((n) => n.endsWith('.sql')).sort()) {
      key.update(`\0${file}\0`).update(await readFile(join(defaultMigrationsDir, file)));
    }
  }
  const path = join(tmpdir(), `clinicdesk-pglite-${kind}-${key.digest('hex').slice(0, 24)}.tar`);
  try {
    return new Blob([await readFile(path)]);
  } catch {
    const db = new PGlite();
    await db.waitReady;
    if (kind === 'migrated') await migrate(pgliteStore(db));
    const dump = await db.dumpDataDir('none');
    await db.close();
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path);
    return dump;
  }
}

const pgliteBackend: TestBackend = {
  name: 'pglite',
  open: async () => openStore({ loadDataDir: await snapshot('empty') }),
};

function postgresBackend(url: string): TestBackend {
  return {
    name: 'postgres',
    async open() {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      const store = await openStore({ databaseUrl: scoped.toString() });
      return {
        ...store,
        async close() {
          await store.close();
          const cleanup = new pg.Client({ connectionString: url });
          await cleanup.connect();
          await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
          await cleanup.end();
        },
      };
    },
  };
}

/**
 * How long a test file's database setup (open, migrate, seed, sign in) may take: well under a
 * second from the snapshot, but the first file of a run makes the snapshot, and two busy cores
 * shared with other test files stretch everything several times.
 */
export const databaseSetupTimeout = 60_000;

/** PGlite, and PostgreSQL when TEST_DATABASE_URL names one. */
export const testBackends: readonly TestBackend[] = process.env.TEST_DATABASE_URL
  ? [pgliteBackend, postgresBackend(process.env.TEST_DATABASE_URL)]
  : [pgliteBackend];

/** A fresh, migrated in-memory PGlite: what most platform tests need. */
export async function openTestStore(): Promise<Store> {
  const store = await openStore({ loadDataDir: await snapshot('migrated') });
  await migrate(store); // nothing to do unless a migration appeared since the snapshot was read
  return store;
}
