/**
 * The databases platform tests run against: always an in-memory PGlite, plus a real PostgreSQL
 * when TEST_DATABASE_URL is set. Each opened PostgreSQL store gets a schema of its own (dropped on
 * close), so test files can run in parallel on one server without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../db/migrate';
import { openStore, type Store } from '../db/store';

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database (not migrated). */
  open(): Promise<Store>;
}

const pgliteBackend: TestBackend = { name: 'pglite', open: () => openStore() };

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

/** PGlite, and PostgreSQL when TEST_DATABASE_URL names one. */
export const testBackends: readonly TestBackend[] = process.env.TEST_DATABASE_URL
  ? [pgliteBackend, postgresBackend(process.env.TEST_DATABASE_URL)]
  : [pgliteBackend];

/** A fresh, migrated in-memory PGlite: what most platform tests need. */
export async function openTestStore(): Promise<Store> {
  const store = await openStore();
  await migrate(store);
  return store;
}
