/**
 * Number leases and the one-holder rule of outpatient numbers and queue tickets, over real HTTP
 * handling (fastify inject) on a real database: blocks never overlap, not even when requested at
 * once, and ticket series start again each day; a number pushed for a second resident, or a ticket
 * for a second appointment of the day, is refused by field and nothing of it is stored.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentDoc } from '../../shared/appointments/schema';
import type { Lease, LeaseResponse } from '../../shared/numbers/protocol';
import { loginResponseSchema } from '../../shared/platform/auth';
import { dayAfter, formatNumber, maxBlockSizeOf, seriesMax } from '../../shared/numbers/series';
import type { PatientDoc } from '../../shared/patients/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import type { Store } from '../db/store';
import { demoCentreId, demoPassword } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';
import { leaseBlock } from './leases';

/** The platform's day and the next two: ticket blocks are leased for the days around today only. */
const day0 = new Date().toISOString().slice(0, 10);
const [day1, day2] = [dayAfter(day0, 1), dayAfter(day0, 2)];

/** Whether any two leases share a value. */
function overlapping(leases: readonly Lease[]): [Lease, Lease][] {
  const sorted = [...leases].sort((a, b) => a.first - b.first);
  return sorted.slice(1).flatMap((l, i) => (l.first <= sorted[i]!.last ? [[sorted[i]!, l]] : []));
}

describe.each(testBackends)('number leases on $name', ({ open }) => {
  let platform: TestPlatform;
  let store: Store;
  let app: FastifyInstance;
  let tokens: Record<string, string>;
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const lease = (who: string, payload: object) =>
    app.inject({ method: 'POST', url: '/v1/numbers/lease', headers: as(who), payload });
  const leaseOf = async (who: string, payload: object) => {
    const response = await lease(who, payload);
    expect(response.statusCode).toBe(200);
    return (response.json() as LeaseResponse).lease;
  };

  beforeAll(async () => {
    platform = await startTestPlatform(open, {
      residents: 5,
      signIn: ['reg01', 'doc01', 'admin01', 'spec01', 'nurse01'],
    });
    ({ store, app, tokens } = platform);
  }, 120_000);
  afterAll(() => platform.close());

  // These sessions were opened at no desk: the leases are recorded under the id the request names.
  it('leases consecutive blocks of 100 with the centre’s code, one per request, recorded per desk', async () => {
    const a = await leaseOf('reg01', { series: 'outpatient', deskId: 'desk-aaaaaaaa' });
    const b = await leaseOf('doc01', { series: 'outpatient', deskId: 'desk-bbbbbbbb' });
    expect(a).toMatchObject({ series: 'outpatient', prefix: 'SQ', first: 1, last: 100 });
    expect(b).toMatchObject({ series: 'outpatient', prefix: 'SQ', first: 101, last: 200 });
    expect(formatNumber('outpatient', a.prefix, a.first)).toBe('SQ00000001');
    const rows = await store.query<{ desk_id: string; staff_id: string; first_value: number }>(
      'SELECT desk_id, staff_id, first_value FROM number_leases ORDER BY first_value',
    );
    expect(rows).toEqual([
      { desk_id: 'desk-aaaaaaaa', staff_id: 'staff-reg01', first_value: 1 },
      { desk_id: 'desk-bbbbbbbb', staff_id: 'staff-doc01', first_value: 101 },
    ]);
    const audited = await store.query<{ record_id: string; details: Record<string, unknown> }>(
      `SELECT record_id, details FROM audit_events WHERE action = 'numbers.lease' ORDER BY seq`,
    );
    expect(audited.map((r) => r.record_id)).toEqual([a.id, b.id]);
    expect(audited[0]!.details).toEqual({
      series: 'outpatient',
      deskId: 'desk-aaaaaaaa',
      first: 1,
      last: 100,
    });
  });

  it.each([
    [
      'the desk the session was opened at, not another the request names',
      'desk-signedin-1',
      'desk-elsewhere-1',
    ],
    ['the desk the session was opened at, which the request names too', 'desk-signedin-2', 'desk-signedin-2'],
    ['the desk the request names when the session was opened at none', undefined, 'desk-unbound-1'],
  ])('records a lease under %s', async (_, signedInAt, named) => {
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: 'doc01', password: demoPassword, ...(signedInAt ? { deskId: signedInAt } : {}) },
    });
    const { accessToken } = loginResponseSchema.parse(login.json());
    const response = await app.inject({
      method: 'POST',
      url: '/v1/numbers/lease',
      headers: { authorization: `Bearer ${accessToken}` },
      payload: { series: 'outpatient', deskId: named },
    });
    expect(response.statusCode).toBe(200);
    const { id } = (response.json() as LeaseResponse).lease;
    const recorded = signedInAt ?? named;
    expect(await store.query('SELECT desk_id FROM number_leases WHERE id = $1', [id])).toEqual([
      { desk_id: recorded },
    ]);
    const [audited] = await store.query<{ details: { deskId: string } }>(
      `SELECT details FROM audit_events WHERE action = 'numbers.lease' AND record_id = $1`,
      [id],
    );
    expect(audited!.details.deskId).toBe(recorded);
  });

  it('keeps each series its own counter', async () => {
    const ticket = await leaseOf('reg01', { series: 'spareTicket', deskId: 'desk-aaaaaaaa' });
    expect(ticket).toMatchObject({ series: 'spareTicket', prefix: 'X', first: 1, last: 100 });
    expect(ticket.day).toBeUndefined();
  });

  it('keeps one ticket counter per day, starting at 1 each day, in small blocks with the ticket letter', async () => {
    const today = { series: 'walkInTicket', day: day0 };
    const a = await leaseOf('reg01', { ...today, deskId: 'desk-aaaaaaaa' });
    const b = await leaseOf('nurse01', { ...today, deskId: 'desk-bbbbbbbb' });
    const tomorrow = await leaseOf('reg01', { ...today, day: day1, deskId: 'desk-aaaaaaaa' });
    const booking = await leaseOf('doc01', {
      series: 'bookingTicket',
      day: day0,
      deskId: 'desk-cccccccc',
    });
    expect(a).toMatchObject({ prefix: 'W', first: 1, last: 20, day: day0 });
    expect(b).toMatchObject({ prefix: 'W', first: 21, last: 40, day: day0 });
    expect(tomorrow).toMatchObject({ prefix: 'W', first: 1, last: 20, day: day1 });
    expect(booking).toMatchObject({ prefix: 'A', first: 1, last: 10, day: day0 });
    expect(formatNumber('walkInTicket', b.prefix, b.first)).toBe('W021');
    expect(
      await store.query(
        'SELECT day, first_value FROM number_leases WHERE id = ANY ($1) ORDER BY day, first_value',
        [[a.id, b.id, tomorrow.id]],
      ),
    ).toEqual([
      { day: day0, first_value: 1 },
      { day: day0, first_value: 21 },
      { day: day1, first_value: 1 },
    ]);
    const [audited] = await store.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'numbers.lease' AND record_id = $1`,
      [b.id],
    );
    expect(audited!.details).toEqual({
      series: 'walkInTicket',
      deskId: 'desk-bbbbbbbb',
      first: 21,
      last: 40,
      day: day0,
    });
  });

  it('never hands out overlapping ticket blocks of one day, even to 12 requests at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        leaseOf(i % 2 ? 'reg01' : 'nurse01', {
          series: 'walkInTicket',
          day: day2,
          deskId: `desk-${i}-tickets`,
        }),
      ),
    );
    expect(overlapping(answers)).toEqual([]);
    expect(Math.max(...answers.map((l) => l.last))).toBe(12 * 20);
  });

  it('never hands out overlapping blocks, even to 24 requests at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        leaseOf(i % 2 ? 'reg01' : 'doc01', {
          series: 'outpatient',
          deskId: `desk-${i}-concurrent`,
          size: 7 + i,
        }),
      ),
    );
    expect(overlapping(answers)).toEqual([]);
    // Together with the earlier blocks they cover the values without a gap.
    const all = await store.query<{ first_value: number; last_value: number }>(
      `SELECT first_value, last_value FROM number_leases WHERE series = 'outpatient' ORDER BY first_value`,
    );
    all.forEach((row, i) => expect(row.first_value).toBe(i === 0 ? 1 : all[i - 1]!.last_value + 1));
  });

  it('never overlaps when two platform processes lease at once (the counter row is locked)', async () => {
    // Calls straight into the store: on PostgreSQL each transaction runs on its own connection,
    // as two processes' would.
    const leases = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        leaseBlock(store, {
          orgId: demoCentreId,
          staffId: 'staff-reg01',
          series: 'outpatient',
          deskId: `desk-process-${i % 2}`,
          now: new Date(),
        }),
      ),
    );
    expect(overlapping(leases)).toEqual([]);
    expect(new Set(leases.map((l) => l.first)).size).toBe(16);
  });

  it.each([
    ['an unknown series', 'reg01', { series: 'visits', deskId: 'desk-aaaaaaaa' }, 400, 'request.invalid'],
    ['no desk id', 'reg01', { series: 'outpatient' }, 400, 'request.invalid'],
    [
      'tickets without their day',
      'reg01',
      { series: 'walkInTicket', deskId: 'desk-aaaaaaaa' },
      400,
      'request.invalid',
    ],
    [
      'tickets of a day that does not exist',
      'reg01',
      { series: 'walkInTicket', deskId: 'desk-aaaaaaaa', day: '2026-02-30' },
      400,
      'request.invalid',
    ],
    [
      'outpatient numbers for a day',
      'reg01',
      { series: 'outpatient', deskId: 'desk-aaaaaaaa', day: day0 },
      400,
      'request.invalid',
    ],
    [
      'tickets to a role that keeps no queue',
      'admin01',
      { series: 'walkInTicket', deskId: 'desk-aaaaaaaa', day: day0 },
      403,
      'auth.forbidden',
    ],
    [
      'tickets of a day far ahead',
      'reg01',
      { series: 'walkInTicket', deskId: 'desk-aaaaaaaa', day: dayAfter(day0, 120) },
      400,
      'request.invalid',
    ],
    [
      'tickets of a day gone by',
      'reg01',
      { series: 'bookingTicket', deskId: 'desk-aaaaaaaa', day: dayAfter(day0, -7) },
      400,
      'request.invalid',
    ],
    [
      'a day of tickets in one block',
      'nurse01',
      { series: 'walkInTicket', deskId: 'desk-aaaaaaaa', day: day0, size: 999 },
      400,
      'request.invalid',
    ],
    [
      'spare tickets above the usual block',
      'reg01',
      { series: 'spareTicket', deskId: 'desk-aaaaaaaa', size: maxBlockSizeOf('spareTicket') + 1 },
      400,
      'request.invalid',
    ],
    [
      'a block over 1000',
      'reg01',
      { series: 'outpatient', deskId: 'desk-aaaaaaaa', size: 1001 },
      400,
      'request.invalid',
    ],
    [
      'a role that registers nobody',
      'admin01',
      { series: 'outpatient', deskId: 'desk-aaaaaaaa' },
      403,
      'auth.forbidden',
    ],
    [
      'a hospital specialist',
      'spec01',
      { series: 'outpatient', deskId: 'desk-aaaaaaaa' },
      403,
      'auth.forbidden',
    ],
  ])('refuses %s', async (_, who, payload, status, code) => {
    const before = await store.query('SELECT 1 FROM number_leases');
    const response = await lease(who, payload);
    expect(response.statusCode).toBe(status);
    expect((response.json() as { error: { code: string } }).error.code).toBe(code);
    expect(await store.query('SELECT 1 FROM number_leases')).toHaveLength(before.length);
  });

  it('refuses a block past the end of the series and leaves the counter as it was', async () => {
    await store.query(
      `UPDATE number_series SET next_value = $1 WHERE org_id = $2 AND series = 'spareTicket'`,
      [seriesMax('spareTicket') - 5, demoCentreId],
    );
    const response = await lease('reg01', { series: 'spareTicket', deskId: 'desk-aaaaaaaa', size: 10 });
    expect(response.statusCode).toBe(409);
    expect((response.json() as { error: { code: string } }).error.code).toBe('numbers.seriesFull');
    const [row] = await store.query<{ next_value: number }>(
      `SELECT next_value FROM number_series WHERE org_id = $1 AND series = 'spareTicket'`,
      [demoCentreId],
    );
    expect(row!.next_value).toBe(seriesMax('spareTicket') - 5);
    // What is left can still be leased, exactly to the end.
    expect(await leaseOf('reg01', { series: 'spareTicket', deskId: 'desk-aaaaaaaa', size: 6 })).toMatchObject(
      {
        last: seriesMax('spareTicket'),
      },
    );
  });
});

describe.each(testBackends)('outpatient numbers on push on $name', ({ open }) => {
  let platform: TestPlatform;
  let store: Store;
  let app: FastifyInstance;
  const push = (rows: unknown) =>
    app.inject({
      method: 'POST',
      url: '/v1/patients/push',
      headers: { authorization: `Bearer ${platform.tokens.reg01}` },
      payload: rows as object,
    });
  const stored = () =>
    store.query<{ id: string; no: string | null }>(
      `SELECT id, data ->> 'outpatientNo' AS no FROM documents WHERE collection = 'patients' AND data ? 'outpatientNo' ORDER BY id`,
    );
  let serial = 0;
  /** A new resident (its own id and identity number) with `outpatientNo`. */
  function resident(outpatientNo: string | undefined, id?: string): PatientDoc & { _deleted: boolean } {
    serial += 1;
    const doc = samplePatient({
      id: id ?? `0190d9a0-0000-7000-8000-0000000b${String(serial).padStart(4, '0')}`,
      orgId: demoCentreId,
      name: '李四',
      idType: 'passport',
      idNumber: `E${String(10_000_000 + serial)}`,
      birthDate: '1980-01-01',
      sex: 'male',
    });
    return { ...doc, ...(outpatientNo === undefined ? {} : { outpatientNo }), _deleted: false };
  }

  beforeAll(async () => {
    platform = await startTestPlatform(open, { signIn: ['reg01'] });
    ({ store, app } = platform);
  }, 120_000);
  afterAll(() => platform.close());

  it('stores a resident with a number, and the same resident again with it', async () => {
    const first = resident('SQ00000001');
    expect((await push([{ newDocumentState: first }])).json()).toEqual({ conflicts: [], rejected: [] });
    const edited = { ...first, mobile: '13900002222', updatedAt: '2026-11-02T00:00:00.000Z' };
    expect((await push([{ newDocumentState: edited, assumedMasterState: first }])).json()).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect(await stored()).toEqual([{ id: first.id, no: 'SQ00000001' }]);
  });

  it('refuses a second resident with a number already held, storing nothing of it', async () => {
    const before = await stored();
    const copy = resident('SQ00000001');
    const response = (await push([{ newDocumentState: copy }])).json() as PushResponse;
    expect(response.rejected).toEqual([
      { id: copy.id, errors: [{ field: 'outpatientNo', code: 'outpatientNoTaken' }] },
    ]);
    expect(await stored()).toEqual(before);
    expect(await store.query('SELECT 1 FROM documents WHERE id = $1', [copy.id])).toEqual([]);
  });

  it('accepts the first of two residents pushed together with one number and refuses the second', async () => {
    const [a, b] = [resident('SQ00000002'), resident('SQ00000002')];
    const response = (await push([{ newDocumentState: a }, { newDocumentState: b }])).json() as PushResponse;
    expect(response.rejected).toEqual([
      { id: b.id, errors: [{ field: 'outpatientNo', code: 'outpatientNoTaken' }] },
    ]);
    expect((await stored()).filter((r) => r.no === 'SQ00000002').map((r) => r.id)).toEqual([a.id]);
  });

  it('accepts the refused resident again once its desk drew a fresh number', async () => {
    const copy = resident('SQ00000001');
    expect(((await push([{ newDocumentState: copy }])).json() as PushResponse).rejected).toHaveLength(1);
    const renumbered = { ...copy, outpatientNo: 'SQ00000301' };
    expect((await push([{ newDocumentState: renumbered }])).json()).toEqual({ conflicts: [], rejected: [] });
  });

  it.each([
    ['changes a number the platform holds', 'SQ00000050', 'SQ00000099'],
    ['removes it', 'SQ00000051', undefined],
  ])('refuses a write that %s', async (_, held, next) => {
    const doc = resident(held);
    await push([{ newDocumentState: doc }]);
    const { outpatientNo: _old, ...without } = doc;
    const changed = next === undefined ? without : { ...doc, outpatientNo: next };
    const response = (
      await push([{ newDocumentState: changed, assumedMasterState: doc }])
    ).json() as PushResponse;
    expect(response.rejected).toEqual([
      { id: doc.id, errors: [{ field: 'outpatientNo', code: 'outpatientNoChanged' }] },
    ]);
    expect((await stored()).find((r) => r.id === doc.id)?.no).toBe(held);
  });

  it.each(['SQ0000001', 'sq00000001', 'SQ-00000001', 'ABCDEFG0000001', 'SQ00000000'])(
    'refuses %s as not an outpatient number',
    async (number) => {
      const doc = resident(number);
      const response = (await push([{ newDocumentState: doc }])).json() as PushResponse;
      expect(response.rejected).toEqual([
        { id: doc.id, errors: [{ field: 'outpatientNo', code: 'outpatientNoFormat' }] },
      ]);
    },
  );

  it('still accepts residents without a number (registered before numbers existed)', async () => {
    expect((await push([{ newDocumentState: resident(undefined) }])).json()).toEqual({
      conflicts: [],
      rejected: [],
    });
  });
});

describe.each(testBackends)('queue tickets on push on $name', ({ open }) => {
  let platform: TestPlatform;
  let store: Store;
  let app: FastifyInstance;
  const push = async (rows: unknown) =>
    (
      await app.inject({
        method: 'POST',
        url: '/v1/appointments/push',
        headers: { authorization: `Bearer ${platform.tokens.reg01}` },
        payload: rows as object,
      })
    ).json() as PushResponse;
  const storedTickets = (date: string) =>
    store.query<{ id: string; ticket: string }>(
      `SELECT id, data ->> 'ticket' AS ticket FROM documents
        WHERE collection = 'appointments' AND data ->> 'date' = $1 ORDER BY id`,
      [date],
    );
  let serial = 0;
  /** A walk-in of the demo centre holding `ticket` on `date`. */
  function walkIn(ticket: string, date = '2026-12-07'): AppointmentDoc & { _deleted: boolean } {
    serial += 1;
    const at = `${date}T01:00:00.000Z`;
    return {
      id: `0190d9a0-0000-7000-8000-0000000c${String(serial).padStart(4, '0')}`,
      orgId: demoCentreId,
      sharedWith: [],
      patientId: `0190d9a0-0000-7000-8000-0000000d${String(serial).padStart(4, '0')}`,
      patientName: '李四',
      date,
      time: null,
      kind: 'walkIn',
      doctorId: null,
      department: '',
      status: 'arrived',
      ticket,
      arrivedAt: at,
      calledAt: null,
      doneAt: null,
      encounterId: null,
      createdBy: 'staff-reg01',
      createdAt: at,
      updatedAt: at,
      _deleted: false,
    };
  }
  const taken = (id: string) => ({ id, errors: [{ field: 'ticket', code: 'ticketTaken' }] });

  beforeAll(async () => {
    platform = await startTestPlatform(open, { signIn: ['reg01'] });
    ({ store, app } = platform);
  }, 120_000);
  afterAll(() => platform.close());

  it('refuses a second appointment with a ticket held that day, storing nothing of it', async () => {
    const first = walkIn('W001');
    expect(await push([{ newDocumentState: first }])).toEqual({ conflicts: [], rejected: [] });
    const second = walkIn('W001');
    expect((await push([{ newDocumentState: second }])).rejected).toEqual([taken(second.id)]);
    expect(await storedTickets('2026-12-07')).toEqual([{ id: first.id, ticket: 'W001' }]);
  });

  it('refuses the second of two appointments pushed together with one ticket', async () => {
    const [a, b] = [walkIn('W002'), walkIn('W002')];
    const response = await push([{ newDocumentState: a }, { newDocumentState: b }]);
    expect(response.rejected).toEqual([taken(b.id)]);
    expect((await storedTickets('2026-12-07')).filter((r) => r.ticket === 'W002')).toEqual([
      { id: a.id, ticket: 'W002' },
    ]);
  });

  it('accepts the same ticket on another day (tickets start again each morning)', async () => {
    expect((await push([{ newDocumentState: walkIn('W001', '2026-12-08') }])).rejected).toEqual([]);
  });

  it('accepts the refused appointment again once its desk drew a fresh ticket', async () => {
    const refused = walkIn('W001');
    expect((await push([{ newDocumentState: refused }])).rejected).toEqual([taken(refused.id)]);
    const fresh = { ...refused, ticket: 'W021', updatedAt: '2026-12-07T01:00:00.001Z' };
    expect(await push([{ newDocumentState: fresh }])).toEqual({ conflicts: [], rejected: [] });
  });

  it('refuses moving an appointment onto a ticket another holds, and still lets it move on its own', async () => {
    const doc = walkIn('W030');
    await push([{ newDocumentState: doc }]);
    const moved = { ...doc, ticket: 'W001', updatedAt: '2026-12-07T02:00:00.000Z' };
    expect((await push([{ newDocumentState: moved, assumedMasterState: doc }])).rejected).toEqual([
      taken(doc.id),
    ]);
    const called = {
      ...doc,
      status: 'inConsultation',
      calledAt: moved.updatedAt,
      updatedAt: moved.updatedAt,
    };
    expect(await push([{ newDocumentState: called, assumedMasterState: doc }])).toEqual({
      conflicts: [],
      rejected: [],
    });
  });

  it('lets two appointments that already shared a ticket (counted on two desks before) move on', async () => {
    const [a, b] = [walkIn('W050', '2026-12-01'), walkIn('W050', '2026-12-01')];
    for (const doc of [a, b]) {
      const { _deleted, ...data } = doc;
      await store.query(
        `INSERT INTO documents (collection, id, org_id, shared_with, deleted, data, server_updated_at)
         VALUES ('appointments', $1, $2, '{}', false, $3, now())`,
        [doc.id, demoCentreId, JSON.stringify(data)],
      );
    }
    const done = { ...b, status: 'noShow', updatedAt: '2026-12-01T05:00:00.000Z' };
    expect(await push([{ newDocumentState: done, assumedMasterState: b }])).toEqual({
      conflicts: [],
      rejected: [],
    });
  });
});
