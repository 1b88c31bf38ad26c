/**
 * Nothing typed is lost: real desks (the workstation's SyncEngine over RxDB memory storage) sync
 * with a real platform process over HTTP and SSE, each through a link the test can cut, while
 * random schedules register and edit residents, take desks offline, drop their connections,
 * restart the platform and kill it (SIGKILL) while a push is in flight. Once every link is back,
 * every desk must hold the same residents, with every value anyone typed (the last one per field),
 * and every write the platform acknowledged must be there.
 *
 * Each desk writes its own field of the residents (the registrar the mobile, the nurse the family
 * doctor, the doctor the address), besides registering residents: so the expected end state is
 * known without a model of merging, and any lost or reverted value shows.
 *
 * The platform runs on PostgreSQL when TEST_DATABASE_URL is set (as in CI), otherwise on PGlite in
 * a data folder; the test's name says which. Both are killed mid-push (PGlite writes through to its
 * files: pgliteKill.test.ts).
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Operator } from '../../renderer/app/operator';
import type { ClinicDatabase } from '../../renderer/db/database';
import { registerPatient, updatePatient } from '../../renderer/features/patients/patientRepository';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { syntheticResidents } from '../../shared/demo/synthetic';
import type { PatientDoc } from '../../shared/patients/schema';
import type { PushResponse, PushRow } from '../../shared/sync/protocol';
import { memoryStorage, signInOverHttp } from './harness';
import { LinkProxy } from './linkProxy';
import { nodeTransport } from './nodeTransport';
import { bundlePlatform, freePort, PlatformProcess } from './platformProcess';

const databaseUrl = process.env.TEST_DATABASE_URL;
/** Schedules per run (CONVERGENCE_RUNS overrides, e.g. for a long soak). */
const runs = Number(process.env.CONVERGENCE_RUNS ?? 200);
/** fast-check's seed (CONVERGENCE_SEED replays a run; the summary and any failure print it). */
const seed = Number(process.env.CONVERGENCE_SEED ?? Date.now() % 2 ** 31);

/** The desks: who works at each, and the field of a resident only that desk edits. */
const staff = [
  { username: 'reg01', field: 'mobile' },
  { username: 'nurse01', field: 'familyDoctor' },
  { username: 'doc01', field: 'address' },
] as const;
type OwnField = (typeof staff)[number]['field'];

type Op =
  | { kind: 'register'; desk: number }
  | { kind: 'edit'; desk: number; pick: number }
  | { kind: 'offline' | 'online' | 'drop'; desk: number }
  | { kind: 'pause'; ms: number }
  | { kind: 'restart'; downMs: number }
  | { kind: 'kill9'; afterMs: number };

let platform: PlatformProcess;
let removeBundle: () => Promise<void>;
let dropDatabase: () => Promise<void> = async () => undefined;
let queryPlatform: ((ids: string[]) => Promise<Map<string, PatientDoc>>) | undefined;
const links: LinkProxy[] = [];
const signedIn: { token: string; operator: Operator }[] = [];
const pool = syntheticResidents(100_000, 20_261_207);
let valueCounter = 0;
/** Schedules run so far (the one running included). */
let run = 0;

beforeAll(async () => {
  const bundle = await bundlePlatform();
  removeBundle = bundle.remove;
  if (databaseUrl) {
    const schema = `convergence_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const scoped = new URL(databaseUrl);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    platform = new PlatformProcess(bundle.entry, await freePort(), { databaseUrl: scoped.toString() });
    const reader = new pg.Pool({ connectionString: scoped.toString(), max: 1 });
    queryPlatform = async (ids) => {
      const rows = await reader.query<{ id: string; data: PatientDoc }>(
        `SELECT id, data FROM documents WHERE collection = 'patients' AND id = ANY($1)`,
        [ids],
      );
      return new Map(rows.rows.map((row) => [row.id, row.data]));
    };
    dropDatabase = async () => {
      await reader.end();
      const cleanup = new pg.Client({ connectionString: databaseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    };
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-convergence-'));
    platform = new PlatformProcess(bundle.entry, await freePort(), { dataDir });
    dropDatabase = () => rm(dataDir, { recursive: true, force: true });
  }
  await platform.start();
  for (const { username } of staff) {
    const { login, operator } = await signInOverHttp(platform.baseUrl, username);
    signedIn.push({ token: login.accessToken, operator });
    links.push(await LinkProxy.open(platform.port));
  }
}, 180_000);

afterAll(async () => {
  for (const link of links) await link.close();
  await platform?.stop();
  await dropDatabase();
  await removeBundle?.();
}, 60_000);

interface Desk {
  index: number;
  field: OwnField;
  operator: Operator;
  db: ClinicDatabase;
  outbox: Outbox;
  engine: SyncEngine;
  /** Per resident, the values of this desk's field in the order they were typed here. */
  typed: Map<string, string[]>;
  /** Per resident, how many of `typed` the platform had acknowledged (answered the push). */
  acknowledged: Map<string, number>;
}

const valueOf = (doc: Pick<PatientDoc, OwnField>, field: OwnField): string =>
  field === 'address' ? doc.address.detail : doc[field];

/**
 * The values of `field` that `doc` keeps: the one it shows and the candidates of an open collision
 * on it (a collision keeps every value for a person to choose; nothing of it is lost).
 */
const keptValues = (doc: PatientDoc, field: OwnField): string[] => [
  valueOf(doc, field),
  ...doc.collisions
    .filter((c) => c.field === field)
    .flatMap((c) => c.values.map((v) => valueOf({ [field]: JSON.parse(v) } as PatientDoc, field))),
];

/**
 * Collisions found once the desks converged. Each desk writes only its own field, so every one of
 * them is a desk colliding with its own edits (a push stored whose answer was lost, say): a failure.
 */
const selfCollisions: string[] = [];

function nextValue(field: OwnField): string {
  valueCounter += 1;
  if (field === 'mobile') return `139${String(valueCounter).padStart(8, '0')}`;
  if (field === 'familyDoctor') return `医生${valueCounter}`;
  return `幸福里${valueCounter}号`;
}

async function openDesk(index: number, run: number): Promise<Desk> {
  const { token, operator } = signedIn[index]!;
  const db = (await openMemoryDatabase(['patients', 'auditEvents'])) as unknown as ClinicDatabase;
  const outbox = new Outbox(db.name);
  const transport = nodeTransport(links[index]!.baseUrl, () => token);
  const desk: Desk = {
    index,
    field: staff[index]!.field,
    operator,
    db,
    outbox,
    typed: new Map(),
    acknowledged: new Map(),
  } as Omit<Desk, 'engine'> as Desk;
  desk.engine = new SyncEngine(
    { patients: db.patients },
    {
      transport: {
        ...transport,
        // What the platform acknowledged: a push it answered, less the rows it refused or
        // answered with a conflict (those were not stored as sent).
        request: async <T>(path: string, init?: Parameters<typeof transport.request>[1]) => {
          const answer = await transport.request<T>(path, init);
          if (path === '/v1/patients/push') {
            const { conflicts, rejected } = answer as PushResponse;
            const notStored = new Set([...conflicts.map((d) => d.id), ...rejected.map((r) => r.id)]);
            for (const row of init!.body as PushRow[]) {
              const doc = row.newDocumentState as unknown as PatientDoc;
              if (notStored.has(doc.id)) continue;
              const typed = desk.typed.get(doc.id) ?? [];
              const at = typed.lastIndexOf(valueOf(doc, desk.field)) + 1;
              if (at > (desk.acknowledged.get(doc.id) ?? 0)) desk.acknowledged.set(doc.id, at);
            }
          }
          return answer;
        },
      },
      outbox,
      identifier: `convergence/${run}/${staff[index]!.username}`,
      backoff: { initialMs: 20, maxMs: 200 },
      storage: memoryStorage(),
      role: operator.role,
      staffId: operator.id,
    },
  );
  return desk;
}

async function closeDesk(desk: Desk) {
  await desk.engine.stop();
  desk.outbox.close();
  await desk.db.remove();
}

/** Residents of this schedule a desk holds, by id. */
async function residentsOn(desk: Desk, ids: readonly string[]): Promise<Map<string, PatientDoc>> {
  const docs = await desk.db.patients.findByIds([...ids]).exec();
  return new Map(
    [...docs.values()].map((doc) => {
      const { _meta, _rev, _attachments, ...rest } = doc.toMutableJSON(true) as PatientDoc & {
        _meta?: unknown;
        _rev?: unknown;
        _attachments?: unknown;
      };
      void _meta;
      void _rev;
      void _attachments;
      return [doc.id, rest as PatientDoc];
    }),
  );
}

async function register(desk: Desk, ids: string[]) {
  const resident = pool.next().value!;
  const saved = await registerPatient(
    desk.db.patients,
    { ...resident, tags: [], allergies: [], familyDoctor: '', household: { number: '', relation: 'self' } },
    desk.operator,
    { confirmedDistinct: true },
  );
  if (!saved.ok) throw new Error(`registration refused: ${saved.reason}`);
  ids.push(saved.patient.id);
  // Registering types every field, this desk's own among them.
  desk.typed.set(saved.patient.id, [valueOf(saved.patient, desk.field)]);
}

async function edit(desk: Desk, ids: string[], pick: number) {
  const here = [...(await residentsOn(desk, ids)).values()];
  if (here.length === 0) return register(desk, ids);
  const doc = here[pick % here.length]!;
  const value = nextValue(desk.field);
  const input =
    desk.field === 'address'
      ? { ...doc, address: { ...doc.address, detail: value } }
      : { ...doc, [desk.field]: value };
  const saved = await updatePatient(desk.db.patients, doc.id, input, desk.operator);
  if (!saved.ok) throw new Error(`edit refused: ${saved.reason}`);
  const typed = desk.typed.get(doc.id) ?? [];
  typed.push(value);
  desk.typed.set(doc.id, typed);
}

/** JSON with object keys sorted: PostgreSQL's jsonb keeps its own key order, which no one sees. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills the platform while the next push is on its way in (or after 3 s if none comes). */
async function killDuringPush(desks: Desk[], ids: string[], afterMs: number) {
  let killed: Promise<void> | undefined;
  const kill = () => {
    for (const link of links) link.onPush = undefined;
    killed ??= sleep(afterMs).then(() => platform.kill());
  };
  for (const link of links) link.onPush = kill;
  const online = desks.find((d) => !links[d.index]!.offline) ?? desks[0]!;
  links[online.index]!.restore();
  await edit(online, ids, ids.length);
  for (const until = Date.now() + 3000; !killed && Date.now() < until;) await sleep(10);
  kill();
  await killed;
}

async function apply(op: Op, desks: Desk[], ids: string[]) {
  const desk = 'desk' in op ? desks[op.desk % desks.length]! : undefined;
  switch (op.kind) {
    case 'register':
      return register(desk!, ids);
    case 'edit':
      return edit(desk!, ids, op.pick);
    case 'offline':
      return links[desk!.index]!.sever();
    case 'online':
      links[desk!.index]!.restore();
      return desk!.engine.syncNow();
    case 'drop':
      return links[desk!.index]!.drop();
    case 'pause':
      return sleep(op.ms);
    case 'restart':
      await platform.stop();
      await sleep(op.downMs);
      return platform.start();
    case 'kill9':
      await killDuringPush(desks, ids, op.afterMs);
      return platform.start();
  }
}

/**
 * What the desks disagree on, or what they lost: empty once they converged with every typed value
 * (the last one per field) and the platform holds the same.
 */
async function differences(desks: Desk[], ids: string[]): Promise<string[]> {
  const problems: string[] = [];
  const held = await Promise.all(desks.map((d) => residentsOn(d, ids)));
  const onPlatform = queryPlatform ? await queryPlatform(ids) : undefined;
  for (const id of ids) {
    const first = canonical(held[0]!.get(id) ?? null);
    for (const [i, copies] of held.entries()) {
      if (!copies.has(id)) problems.push(`desk ${i} lacks ${id}`);
      else if (canonical(copies.get(id)) !== first) {
        const [a, b] = [held[0]!.get(id) ?? {}, copies.get(id)!] as Record<string, unknown>[];
        const keys = [...new Set([...Object.keys(a!), ...Object.keys(b!)])].filter(
          (key) => canonical(a![key]) !== canonical(b![key]),
        );
        const show = (doc: Record<string, unknown>) => JSON.stringify(keys.map((key) => doc[key]));
        problems.push(`desks 0 and ${i} differ on ${id} in ${keys.join(', ')}: ${show(a!)} / ${show(b!)}`);
      }
    }
    for (const desk of desks) {
      const typed = desk.typed.get(id);
      if (!typed) continue;
      const expected = typed.at(-1)!;
      for (const [i, copies] of held.entries()) {
        const doc = copies.get(id);
        if (doc && !keptValues(doc, desk.field).includes(expected)) {
          problems.push(
            `desk ${i} has ${desk.field} ${JSON.stringify(valueOf(doc, desk.field))} of ${id}, ` +
              `desk ${desk.index} typed ${JSON.stringify(expected)} last`,
          );
        }
      }
      const stored = onPlatform?.get(id);
      const acknowledged = desk.acknowledged.get(id) ?? 0;
      if (onPlatform && acknowledged > 0) {
        const kept = stored ? keptValues(stored, desk.field) : [];
        const at = Math.max(0, ...kept.map((value) => typed.lastIndexOf(value) + 1));
        if (at < acknowledged) {
          problems.push(
            `the platform lost ${desk.field} ${JSON.stringify(typed[acknowledged - 1])} of ${id}, ` +
              `acknowledged to desk ${desk.index}; it holds ${JSON.stringify(stored ? valueOf(stored, desk.field) : null)}`,
          );
        }
      }
    }
    if (onPlatform && !onPlatform.has(id)) problems.push(`the platform lacks ${id}`);
  }
  if (problems.length === 0) {
    for (const [id, doc] of held[0]!) {
      for (const c of doc.collisions) {
        selfCollisions.push(`schedule ${run} (path ${run - 1}): ${id} ${c.field}: ${c.values.join(' / ')}`);
      }
    }
  }
  return problems;
}

/** Lets every desk sync until they converge, or says what is still wrong after `timeoutMs`. */
async function converge(desks: Desk[], ids: string[], timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  let problems: string[];
  for (;;) {
    for (const desk of desks) desk.engine.syncNow();
    await Promise.race([Promise.all(desks.map((d) => d.engine.awaitInSync())), sleep(2000)]);
    problems = await differences(desks, ids);
    if (problems.length === 0) return;
    if (Date.now() > until) break;
    await sleep(100);
  }
  const status = desks.map((d) => `desk ${d.index}: ${JSON.stringify(d.engine.status$.value)}`);
  throw new Error(`desks did not converge:\n${problems.join('\n')}\n${status.join('\n')}`);
}

const opArbitrary = (desks: number): fc.Arbitrary<Op> => {
  const desk = fc.nat({ max: desks - 1 });
  // Restarts and kills cost the platform's start (a second or more on a busy machine): rarer than
  // the rest, so that hundreds of schedules fit in CI time.
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('register' as const), desk }) },
    { weight: 16, arbitrary: fc.record({ kind: fc.constant('edit' as const), desk, pick: fc.nat(20) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('offline' as const), desk }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('online' as const), desk }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('drop' as const), desk }) },
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 200 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('restart' as const),
        downMs: fc.integer({ min: 0, max: 200 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('kill9' as const), afterMs: fc.integer({ min: 0, max: 30 }) }),
    },
  );
};

const scheduleArbitrary = fc.integer({ min: 2, max: 3 }).chain((desks) =>
  fc.record({
    desks: fc.constant(desks),
    ops: fc.array(opArbitrary(desks), { minLength: 1, maxLength: 6 }),
  }),
);

it(
  `keeps every typed and acknowledged write and converges, through offline desks, dropped connections, restarts and kill -9 mid-push (${
    databaseUrl ? 'PostgreSQL' : 'PGlite'
  })`,
  async () => {
    if (!databaseUrl) {
      console.warn(
        'TEST_DATABASE_URL is not set: the convergence property runs the platform on PGlite. ' +
          'Set it (as CI does) to run it on PostgreSQL.',
      );
    }
    const started = Date.now();
    let kills = 0;
    let restarts = 0;
    const spent = { opening: 0, schedule: 0, converging: 0 };
    await fc.assert(
      fc.asyncProperty(scheduleArbitrary, async ({ desks: count, ops }) => {
        run += 1;
        for (const link of links) link.restore();
        if (!platform.running) await platform.start();
        const desks: Desk[] = [];
        const ids: string[] = [];
        try {
          let at = Date.now();
          const lap = (phase: keyof typeof spent) => {
            spent[phase] += Date.now() - at;
            at = Date.now();
          };
          for (let i = 0; i < count; i++) desks.push(await openDesk(i, run));
          await register(desks[0]!, ids);
          lap('opening');
          for (const op of ops) {
            if (op.kind === 'kill9') kills += 1;
            if (op.kind === 'restart') restarts += 1;
            await apply(op, desks, ids);
          }
          for (const link of links) link.restore();
          if (!platform.running) await platform.start();
          lap('schedule');
          await converge(desks, ids);
          lap('converging');
          if (selfCollisions.length > 0)
            throw new Error(`a desk collided with its own edits:\n${selfCollisions.join('\n')}`);
        } finally {
          for (const link of links) link.onPush = undefined;
          for (const desk of desks) await closeDesk(desk);
        }
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    console.info(
      `convergence: seed ${seed}, ${runs} schedules, ${restarts} restarts, ${kills} kills in ` +
        `${Math.round((Date.now() - started) / 1000)} s (ms opening desks ${spent.opening}, ` +
        `running schedules ${spent.schedule}, converging ${spent.converging})`,
    );
    expect(run).toBeGreaterThanOrEqual(runs);
  },
  15 * 60_000,
);
