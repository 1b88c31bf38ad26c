/**
 * The platform's database behind one small interface: PGlite (Postgres compiled to WebAssembly,
 * embedded, the default for a district that runs the platform on one machine and for every test)
 * or a real PostgreSQL server through `pg`. Both speak the same SQL, so migrations and queries
 * are written once; the only differences are smoothed over here.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';

/** Anything that runs SQL: the store itself or a transaction. */
export interface Queryable {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** An open database. */
export interface Store extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws
   * (the error is rethrown).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL connection string; when given, PGlite is not used. */
  databaseUrl?: string;
  /** PGlite's data folder; undefined keeps the database in memory (tests). */
  dataDir?: string;
  /**
   * PGlite in memory only: a dump of a data folder (`PGlite.dumpDataDir`) to start from instead of
   * an empty cluster. Tests start from one migrated snapshot rather than running initdb each time.
   */
  loadDataDir?: Blob;
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, otherwise PGlite in `dataDir` (created if missing)
 * or in memory.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : openPglite(options.dataDir, options.loadDataDir);
}

// pg returns int8 as a string (it may exceed 2^53); PGlite returns a number. Sequence values and
// counts stay far below 2^53, so both backends hand back numbers and callers never branch.
const int8Oid = 20;

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<Store> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  // One options object: PGlite(undefined, { loadDataDir }) runs initdb instead of loading the dump.
  const db = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [pgliteTypes.INT8]: (value: string) => Number(value) },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  await db.waitReady;
  return pgliteStore(db);
}

/** The store over an open PGlite (tests wrap one they dump afterwards). */
export function pgliteStore(db: PGlite): Store {
  return {
    kind: 'pglite',
    query: async (sql, params) => (await db.query(sql, params ? [...params] : undefined)).rows as never,
    exec: async (sql) => void (await db.exec(sql)),
    // PGlite has one connection; its transaction() holds an exclusive lock, so other queries wait
    // for the commit instead of running inside someone else's transaction.
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async (sql, params) => (await tx.query(sql, params ? [...params] : undefined)).rows as never,
          exec: async (sql) => void (await tx.exec(sql)),
        }),
      ),
    close: () => db.close(),
  };
}

async function openPostgres(databaseUrl: string): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8Oid ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node
  // would crash the platform. The next query simply takes a new connection.
  pool.on('error', () => undefined);
  const client = await pool.connect(); // fail fast on a wrong URL, not on the first request
  client.release();
  const wrap = (runner: pg.Pool | pg.PoolClient): Queryable => ({
    query: async (sql, params) => (await runner.query(sql, params ? [...params] : undefined)).rows,
    exec: async (sql) => void (await runner.query(sql)),
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const connection = await pool.connect();
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const result = await fn(wrap(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded rather than returned to the pool.
        await connection.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
