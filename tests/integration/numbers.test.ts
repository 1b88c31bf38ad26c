/**
 * The desk's number blocks (real Dexie on fake-indexeddb) leased from a real platform (fastify
 * inject on PGlite): blocks and top-ups, numbers never handed out twice, exhaustion while offline,
 * a cleared desk and a copied desk; and numbers on residents' records (RxDB memory storage).
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhPatients from '../../shared/i18n/locales/zh-CN/patients.json';
import enPatients from '../../shared/i18n/locales/en/patients.json';
import type { NumberBlock } from '../../shared/numbers/blocks';
import { samplePatient } from '../../shared/testing/patients';
import { openTestStore } from '../../platform/testing/backends';
import { demoCentreId } from '../../platform/seed/demo';
import { startTestPlatform, type TestPlatform } from '../../platform/testing/platform';
import { accessTokenOf } from '../../platform/testing/signIn';
import type { Operator } from '../../renderer/app/operator';
import { deskIdOf } from '../../renderer/auth/session';
import { registerPatient } from '../../renderer/features/patients/patientRepository';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { DeskNumbers, type LeaseTransport } from '../../renderer/numbers/deskNumbers';
import {
  drawOutpatientNo,
  ensureOutpatientNo,
  renumberTaken,
  type NumberSource,
} from '../../renderer/numbers/outpatientNumbers';
import { memoryStorage } from './harness';

let platform: TestPlatform;
let counter = 0;

/** The platform over fastify inject; `offline()` makes it unreachable as the client reports it. */
function transport(
  online = { value: true },
  bearer = () => platform.tokens.reg01!,
): LeaseTransport & { online: { value: boolean } } {
  return {
    online,
    async request<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}) {
      if (!online.value) throw Object.assign(new Error('offline'), { code: 'network.offline' });
      const response = await platform.app.inject({
        method: init.method ?? 'GET',
        url: path,
        headers: { authorization: `Bearer ${bearer()}` },
        payload: init.body as object,
      });
      const body = response.json() as { error?: { code: string } };
      if (response.statusCode >= 400) throw Object.assign(new Error('refused'), { code: body.error?.code });
      return body as T;
    },
  };
}

const newDesk = () => new DeskNumbers(`desk-test-${++counter}`, deskIdOf(memoryStorage()));

beforeAll(async () => {
  platform = await startTestPlatform(openTestStore, { signIn: ['reg01'] });
}, 120_000);
afterAll(() => platform.close());

describe('a desk’s number blocks', () => {
  it('leases a block at sign-in, tops up below the low water, and never hands a number out twice', async () => {
    const desk = newDesk();
    const platform = transport();
    expect(await desk.topUp(platform, 'outpatient')).toBe(true);
    expect(await desk.remaining('outpatient')).toBe(100);
    // 100 left is not below the low water: no second block yet.
    expect(await desk.topUp(platform, 'outpatient')).toBe(false);

    const taken: string[] = [];
    for (let i = 0; i < 150; i++) {
      const result = await desk.take('outpatient', platform);
      expect(result.ok).toBe(true);
      if (result.ok) taken.push(result.number);
    }
    expect(new Set(taken).size).toBe(150);
    expect(taken[0]).toMatch(/^SQ\d{8}$/);
    // Topped up after the first number taken, and again as each block ran low.
    expect((await desk.blocks('outpatient')).length).toBeGreaterThanOrEqual(2);
    expect(await desk.remaining('outpatient')).toBeGreaterThanOrEqual(50);
    desk.close();
  });

  it('gives distinct numbers to screens taking at the same moment', async () => {
    const desk = newDesk();
    await desk.topUp(transport(), 'outpatient');
    const results = await Promise.all(Array.from({ length: 40 }, () => desk.take('outpatient', null)));
    const numbers = results.map((r) => (r.ok ? r.number : r.code));
    expect(new Set(numbers).size).toBe(40);
    desk.close();
  });

  it('hands out what it holds while offline, then says clearly that none are left', async () => {
    const desk = newDesk();
    const platform = transport();
    await desk.topUp(platform, 'outpatient');
    platform.online.value = false;
    for (let i = 0; i < 100; i++) expect((await desk.take('outpatient', platform)).ok).toBe(true);
    const exhausted = await desk.take('outpatient', platform);
    expect(exhausted).toEqual({ ok: false, code: 'numbers.exhausted', cause: 'network.offline' });
    // The code is translated in both languages.
    expect(zhPatients.numbers.exhausted).toContain('门诊号已用完');
    expect(enPatients.numbers.exhausted).toContain('no outpatient numbers left');
    // Back online, the next number comes from a fresh block.
    platform.online.value = true;
    const next = await desk.take('outpatient', platform);
    expect(next.ok).toBe(true);
    desk.close();
  });

  it('leases under the id the desk signs in with: one desk, one identity', async () => {
    const kept = memoryStorage();
    const deskId = deskIdOf(kept);
    // Signing in as the session does, with the desk's id (bound into the token, kept with the
    // session for the desk's per-person contact).
    const accessToken = await accessTokenOf(platform.app, 'reg01', deskId);
    const desk = new DeskNumbers(`desk-test-${++counter}`, deskIdOf(kept));
    await desk.topUp(
      transport(undefined, () => accessToken),
      'outpatient',
    );
    const [block] = await desk.blocks('outpatient');
    const leased = await platform.store.query<{ desk_id: string }>(
      'SELECT desk_id FROM number_leases WHERE id = $1',
      [block!.leaseId],
    );
    const session = await platform.store.query<{ desk_id: string }>(
      `SELECT desk_id FROM refresh_tokens WHERE staff_id = 'staff-reg01' ORDER BY expires_at DESC LIMIT 1`,
    );
    expect(leased).toEqual([{ desk_id: deskId }]);
    expect(session).toEqual([{ desk_id: deskId }]);
    desk.close();
    // A lease is the session's desk's, whatever id the request names: here the desk's storage was
    // wiped after sign-in, which gave it a new identity the session does not know.
    const renamed = new DeskNumbers(`desk-test-${++counter}`, deskIdOf(memoryStorage()));
    expect(renamed.deskId).not.toBe(deskId);
    await renamed.topUp(
      transport(undefined, () => accessToken),
      'outpatient',
    );
    const [other] = await renamed.blocks('outpatient');
    expect(
      await platform.store.query('SELECT desk_id FROM number_leases WHERE id = $1', [other!.leaseId]),
    ).toEqual([{ desk_id: deskId }]);
    renamed.close();
  });

  it.each([
    ['its IndexedDB is wiped, its localStorage kept: same desk, new blocks', false],
    ['its IndexedDB and localStorage are both wiped: a new desk, new blocks', true],
  ])('never gets its old blocks back when %s', async (_, localStorageWiped) => {
    const platform = transport();
    let kept = memoryStorage();
    const name = `desk-test-${++counter}`;
    const before = new DeskNumbers(name, deskIdOf(kept));
    await before.topUp(platform, 'outpatient');
    const old = await before.blocks('outpatient');
    before.close();
    await Dexie.delete(`${name}-numbers`);
    if (localStorageWiped) kept = memoryStorage();
    const cleared = new DeskNumbers(name, deskIdOf(kept));
    expect(cleared.deskId === before.deskId).toBe(!localStorageWiped);
    expect(await cleared.blocks('outpatient')).toEqual([]);
    await cleared.topUp(platform, 'outpatient');
    const [fresh] = await cleared.blocks('outpatient');
    expect(fresh!.first).toBeGreaterThan(old[0]!.last);
    cleared.close();
  });

  it('retires a block whose number another desk used (a copied desk) and draws from a new one', async () => {
    const original = newDesk();
    const platform = transport();
    await original.topUp(platform, 'outpatient');
    // A copy of the desk's storage: the same blocks under another name.
    const copyName = `desk-test-${++counter}`;
    const raw = new Dexie(`${copyName}-numbers`) as Dexie & { blocks: Dexie.Table<NumberBlock, string> };
    raw.version(1).stores({ blocks: 'leaseId, series', meta: 'key' });
    await raw.blocks.bulkPut(await original.blocks('outpatient'));
    raw.close();
    // Its localStorage copied too: the copy even has the original's id.
    const copy = new DeskNumbers(copyName, original.deskId);

    const a = await original.take('outpatient', null);
    const b = await copy.take('outpatient', null);
    expect(a).toEqual(b); // the collision the platform will refuse
    expect(await copy.retire('outpatient', (b as { number: string }).number)).toBe(true);
    const fresh = await copy.take('outpatient', platform);
    expect(fresh.ok && fresh.number).not.toBe((a as { number: string }).number);
    const blocks = await copy.blocks('outpatient');
    expect(blocks.filter((x) => x.retiredAt)).toHaveLength(1);
    original.close();
    copy.close();
  });
});

describe('outpatient numbers on residents’ records', () => {
  const registrar: Operator = { id: 'staff-reg01', name: '王丽华', role: 'registrar', orgId: demoCentreId };

  async function setUp() {
    const db = await openMemoryDatabase(['patients', 'auditEvents']);
    const numbers = newDesk();
    const source: NumberSource = { numbers, transport: transport() };
    await numbers.topUp(source.transport!, 'outpatient');
    return { db, numbers, source };
  }

  const numberEvents = async (db: Awaited<ReturnType<typeof openMemoryDatabase>>) =>
    (await db.auditEvents.find({ selector: { action: 'patient.assignNumber' } }).exec()).map(
      (e) => e.details,
    );

  it('numbers a resident at registration and audits it; a refused registration uses none up', async () => {
    const { db, numbers, source } = await setUp();
    const fields = samplePatient();
    const left = await numbers.remaining('outpatient');
    const saved = await registerPatient(db.patients, fields, registrar, {
      drawNumber: () => drawOutpatientNo(source),
    });
    expect(saved.ok && saved.patient.outpatientNo).toMatch(/^SQ\d{8}$/);
    const again = await registerPatient(db.patients, fields, registrar, {
      drawNumber: () => drawOutpatientNo(source),
    });
    expect(again).toMatchObject({ ok: false, reason: 'duplicateId' });
    expect(await numbers.remaining('outpatient')).toBe(left - 1);
    expect(await numberEvents(db)).toEqual([
      { outpatientNo: saved.ok ? saved.patient.outpatientNo : '', reason: 'registered' },
    ]);
    await db.remove();
    numbers.close();
  });

  it('registers offline without numbers left, saying so, and numbers the resident when opened online', async () => {
    const { db, numbers } = await setUp();
    const offline = transport({ value: false });
    while ((await numbers.take('outpatient', offline)).ok);
    const saved = await registerPatient(db.patients, samplePatient(), registrar, {
      drawNumber: () => drawOutpatientNo({ numbers, transport: offline }),
    });
    expect(saved).toMatchObject({ ok: true, numberError: 'numbers.exhausted' });
    const id = saved.ok ? saved.patient.id : '';
    expect((await db.patients.findOne(id).exec())?.outpatientNo).toBeUndefined();
    const given = await ensureOutpatientNo(db, { numbers, transport: transport() }, id, registrar, 'opened');
    expect(given.ok).toBe(true);
    expect((await db.patients.findOne(id).exec())?.outpatientNo).toBe(given.ok ? given.number : '');
    // A number once given stays.
    expect(await ensureOutpatientNo(db, { numbers, transport: null }, id, registrar, 'opened')).toEqual({
      ok: false,
      code: 'unchanged',
    });
    await db.remove();
    numbers.close();
  });

  it('draws a fresh number for a version the platform refused as taken, once', async () => {
    const { db, numbers, source } = await setUp();
    const saved = await registerPatient(db.patients, samplePatient(), registrar, {
      drawNumber: () => drawOutpatientNo(source),
    });
    if (!saved.ok) throw new Error('not saved');
    const refused = saved.patient;
    const result = await renumberTaken(db, source, refused.id, refused.updatedAt, registrar);
    expect(result.ok && result.number).not.toBe(refused.outpatientNo);
    const after = (await db.patients.findOne(refused.id).exec())!;
    expect(after.outpatientNo).toBe(result.ok ? result.number : '');
    expect(after.updatedAt > refused.updatedAt).toBe(true);
    // The refused version is gone: asking again for it changes nothing.
    expect(await renumberTaken(db, source, refused.id, refused.updatedAt, registrar)).toEqual({
      ok: false,
      code: 'unchanged',
    });
    expect((await numberEvents(db)).at(-1)).toEqual({
      outpatientNo: after.outpatientNo,
      reason: 'taken',
      replaced: refused.outpatientNo,
    });
    await db.remove();
    numbers.close();
  });
});
