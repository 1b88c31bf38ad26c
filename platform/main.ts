/**
 * Starts the platform (`npm run platform:start`): opens the store, migrates, seeds the demo
 * district, refreshes the directory, listens, and prints the address and the demo accounts.
 *
 * Environment: PORT (8720), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; PGlite when unset),
 * CLINICDESK_DATA_DIR (.data/platform), CLINICDESK_SEED_RESIDENTS (5000), CLINICDESK_SEED
 * (1 on PGlite, 0 on PostgreSQL: demo data never lands in a real database by accident),
 * CLINICDESK_TOKEN_SECRET (random per start when unset), CLINICDESK_ACCESS_TTL_SECONDS (900),
 * CLINICDESK_TRUSTED_PROXIES (none: comma-separated addresses or CIDR ranges of the reverse
 * proxies, e.g. a TLS terminator, whose X-Forwarded-For is believed, so rate limits, sign-in
 * throttles and the audit trail see real client addresses; a header from anyone else is ignored.
 * CLINICDESK_TRUST_PROXY=1, which trusted everyone, stops the start unless the list is given),
 * LOG_LEVEL (warn).
 */
import { randomBytes } from 'node:crypto';
import enCommon from '../shared/i18n/locales/en/common.json';
import zhCommon from '../shared/i18n/locales/zh-CN/common.json';
import { formatTable } from './consoleTable';
import { migrate } from './db/migrate';
import { refreshDirectory } from './directory/directory';
import { openStore } from './db/store';
import { buildPlatform } from './http/app';
import { trustedProxiesFromEnv } from './http/proxies';
import { stopPlatform } from './http/shutdown';
import { demoAccounts, demoOrganisations, demoPassword, seedDemo } from './seed/demo';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}".`);
  return value;
}

async function main(): Promise<void> {
  const port = intFromEnv('PORT', 8720);
  const host = process.env.HOST || '127.0.0.1';
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.CLINICDESK_DATA_DIR || '.data/platform';
  const trustedProxies = trustedProxiesFromEnv(process.env);

  let tokenSecret = process.env.CLINICDESK_TOKEN_SECRET;
  if (!tokenSecret) {
    tokenSecret = randomBytes(32).toString('base64url');
    console.warn(
      '警告 Warning: CLINICDESK_TOKEN_SECRET is not set; using a random key for this run, ' +
        'so every session ends when the platform restarts.',
    );
  }

  const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir });
  const { applied } = await migrate(store);
  if (applied.length > 0) console.log(`Migrations applied: ${applied.join(', ')}`);

  const seed = process.env.CLINICDESK_SEED ?? (store.kind === 'pglite' ? '1' : '0');
  if (seed === '1') {
    const started = Date.now();
    const result = await seedDemo(store, { residents: intFromEnv('CLINICDESK_SEED_RESIDENTS', 5000) });
    console.log(
      result.created
        ? `Demo district seeded: ${result.residents} residents in ${((Date.now() - started) / 1000).toFixed(1)} s`
        : `Demo district already present (${result.residents} residents)`,
    );
  }

  // The directory desks pull is derived from the organisations, departments and staff tables;
  // bring it up to date at every start (free when nothing changed).
  const directory = await store.transaction((tx) => refreshDirectory(tx, new Date()));
  for (const { id, errors } of directory.skipped) {
    console.warn(`Directory entry ${id} left out: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
  }

  const app = buildPlatform({
    store,
    tokenSecret,
    accessTtlSeconds: intFromEnv('CLINICDESK_ACCESS_TTL_SECONDS', 15 * 60),
    logger: { level: process.env.LOG_LEVEL || 'warn' },
    trustedProxies,
    // Only the e2e wrapper (e2e/platform.mjs) sets this: a clock the tests move with the desk's.
    testClock: process.env.CLINICDESK_TEST_CLOCK === '1',
  });
  await app.listen({ port, host });

  const where = store.kind === 'pglite' ? `PGlite in ${dataDir}` : 'PostgreSQL';
  console.log(`\nClinicDesk 平台 platform: http://${host}:${port}/  (${where})`);
  if (seed === '1') printDemoAccounts();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    // Ends the change streams, lets requests in flight finish, then closes the store (PGlite
    // writes its files on close; skipping it can lose the last writes).
    await stopPlatform(app, store);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function printDemoAccounts(): void {
  const orgName = (id: string) => demoOrganisations.find((org) => org.id === id)?.name ?? id;
  const rows = [
    ['用户名 Username', '姓名 Name', '岗位 Role', '机构 Organisation'],
    ...demoAccounts.map((account) => [
      account.username,
      account.displayName,
      `${zhCommon.roles[account.role]} ${enCommon.roles[account.role]}`,
      orgName(account.orgId),
    ]),
  ];
  console.log(`\n演示账户 Demo accounts — 密码 password: ${demoPassword}\n`);
  console.log(formatTable(rows));
  console.log('');
}

main().catch((error: unknown) => {
  console.error('The platform could not start:', error);
  process.exit(1);
});
