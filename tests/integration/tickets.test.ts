/**
 * Queue tickets drawn from leased blocks: two desks (RxDB memory storage, Dexie blocks on
 * fake-indexeddb) lease at sign-in from a real platform (fastify inject on PGlite), lose the
 * network, and add walk-ins at the same moment: no ticket is given twice, and the platform takes
 * every one of them. A desk without a block for the day draws a spare ticket, or says it has none;
 * a ticket the platform refuses as taken is drawn afresh.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentDoc } from '../../shared/appointments/schema';
import { dayAfter, seriesRules, ticketDaysAhead } from '../../shared/numbers/series';
import type { PushResponse } from '../../shared/sync/protocol';
import { demoCentreId } from '../../platform/seed/demo';
import { openTestStore } from '../../platform/testing/backends';
import { startTestPlatform, type TestPlatform } from '../../platform/testing/platform';
import type { Operator } from '../../renderer/app/operator';
import { deskIdOf } from '../../renderer/auth/session';
import { addBooking, addWalkIn } from '../../renderer/features/today/appointmentRepository';
import { DeskNumbers, type LeaseTransport } from '../../renderer/numbers/deskNumbers';
import type { NumberSource } from '../../renderer/numbers/outpatientNumbers';
import { deskDay, reticket, ticketSource, topUpTickets } from '../../renderer/numbers/tickets';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { memoryStorage } from './harness';

let platform: TestPlatform;
let counter = 0;

const registrar: Operator = { id: 'staff-reg01', name: '王丽华', role: 'registrar', orgId: demoCentreId };
const nurse: Operator = { id: 'staff-nurse01', name: '李秀梅', role: 'nurse', orgId: demoCentreId };

/** The platform over fastify inject, as `who`; unreachable while `online.value` is false. */
function transport(who: 'reg01' | 'nurse01', online = { value: true }): LeaseTransport {
  return {
    async request<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}) {
      if (!online.value) throw Object.assign(new Error('offline'), { code: 'network.offline' });
      const response = await platform.app.inject({
        method: init.method ?? 'GET',
        url: path,
        headers: { authorization: `Bearer ${platform.tokens[who]}` },
        payload: init.body as object,
      });
      const body = response.json() as { error?: { code: string } };
      if (response.statusCode >= 400) throw Object.assign(new Error('refused'), { code: body.error?.code });
      return body as T;
    },
  };
}

/** A desk of its own: its database, its blocks, and its connection (online until told). */
async function openDesk(who: 'reg01' | 'nurse01') {
  const db = await openMemoryDatabase(['appointments', 'auditEvents']);
  const numbers = new DeskNumbers(`ticket-desk-${++counter}`, deskIdOf(memoryStorage()));
  const online = { value: true };
  const source: NumberSource = { numbers, transport: transport(who, online) };
  return { db, numbers, online, source, tickets: ticketSource(source) };
}

const patient = (n: number) => ({
  id: `0190d9a0-0000-7000-8000-0000000e${String(n).padStart(4, '0')}`,
  name: `患者${n}`,
});

/** Pushes `docs` as new appointments, as sync would. */
async function pushAll(docs: readonly AppointmentDoc[]): Promise<PushResponse> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/v1/appointments/push',
    headers: { authorization: `Bearer ${platform.tokens.reg01}` },
    payload: docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
  });
  return response.json() as PushResponse;
}

/** A walk-in of the demo centre holding `ticket` on `date`. */
function appointment(n: number, date: string, ticket: string): AppointmentDoc {
  const at = `${date}T01:00:00.000Z`;
  return {
    id: patient(n).id,
    orgId: demoCentreId,
    sharedWith: [],
    patientId: patient(n + 1).id,
    patientName: patient(n + 1).name,
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
    createdBy: registrar.id,
    createdAt: at,
    updatedAt: at,
  };
}

const ticketsOf = (results: Awaited<ReturnType<typeof addWalkIn>>[]) =>
  results.map((r) => (r.ok ? r.appointment.ticket : r.reason));

beforeAll(async () => {
  platform = await startTestPlatform(openTestStore, { signIn: ['reg01', 'nurse01'] });
}, 120_000);
afterAll(() => platform.close());

describe('queue tickets from leased blocks', () => {
  it('keeps the tickets of two desks adding walk-ins offline at the same moment distinct, and the platform takes them all', async () => {
    const now = new Date();
    const today = deskDay(now);
    const [a, b] = [await openDesk('reg01'), await openDesk('nurse01')];
    // Signed in online: each desk leases today's and the coming days' blocks.
    await topUpTickets(a.source, today);
    await topUpTickets(b.source, today);
    expect(await a.numbers.remaining('walkInTicket', dayAfter(today, ticketDaysAhead))).toBe(20);
    a.online.value = false;
    b.online.value = false;

    const results = await Promise.all(
      [0, 1, 2].flatMap((i) => [
        addWalkIn(a.db, patient(i), registrar, now, { tickets: a.tickets }),
        addWalkIn(b.db, patient(10 + i), nurse, now, { tickets: b.tickets }),
      ]),
    );
    const tickets = ticketsOf(results);
    expect(tickets.every((t) => /^W\d{3}$/.test(t))).toBe(true);
    expect(new Set(tickets).size).toBe(6);
    // Each desk's first ticket of the day is short: the first of its block.
    expect(tickets[0]).toBe('W001');
    expect(tickets[1]).toBe('W021');

    const pushed = await pushAll(results.flatMap((r) => (r.ok ? [r.appointment] : [])));
    expect(pushed).toEqual({ conflicts: [], rejected: [] });
    for (const desk of [a, b]) {
      await desk.db.remove();
      desk.numbers.close();
    }
  }, 60_000);

  it('draws a spare ticket offline on a day it holds no block for, and says so when it has none either', async () => {
    const now = new Date();
    const today = deskDay(now);
    const desk = await openDesk('reg01');
    await topUpTickets(desk.source, today);
    desk.online.value = false;
    const far = dayAfter(today, ticketDaysAhead + 5);
    const booked = await addBooking(desk.db, patient(20), '09:30', registrar, now, {
      date: far,
      tickets: desk.tickets,
    });
    expect(booked.ok && booked.appointment.ticket).toMatch(/^AX\d{6}$/);
    // Spare tickets used up too: nothing is added, with a reason the queue words.
    while ((await desk.numbers.take('spareTicket', null)).ok);
    const none = await addBooking(desk.db, patient(21), '09:45', registrar, now, {
      date: far,
      tickets: desk.tickets,
    });
    expect(none).toEqual({ ok: false, reason: 'noTicket' });
    expect(await desk.db.appointments.find({ selector: { date: far } }).exec()).toHaveLength(1);
    // Back online, a block of that day is leased on the spot.
    desk.online.value = true;
    const online = await addBooking(desk.db, patient(21), '09:45', registrar, now, {
      date: far,
      tickets: desk.tickets,
    });
    expect(online.ok && online.appointment.ticket).toBe('A001');
    await desk.db.remove();
    desk.numbers.close();
  }, 60_000);

  it('leases only spare tickets ahead on a doctor’s desk, and the day’s tickets when it adds someone', async () => {
    const now = new Date();
    const today = deskDay(now);
    const desk = await openDesk('reg01');
    await topUpTickets(desk.source, today, { daily: false });
    expect(await desk.numbers.remaining('walkInTicket', today)).toBe(0);
    expect(await desk.numbers.remaining('spareTicket')).toBe(seriesRules.spareTicket.blockSize);
    const added = await addWalkIn(desk.db, patient(40), registrar, now, { tickets: desk.tickets });
    expect(added.ok && added.appointment.ticket).toMatch(/^W\d{3}$/);
    await desk.db.remove();
    desk.numbers.close();
  }, 60_000);

  it('skips tickets the day already holds and draws afresh for a ticket the platform refused as taken', async () => {
    const now = new Date();
    const date = dayAfter(deskDay(now), 30);
    const desk = await openDesk('reg01');
    // A ticket counted on this desk before tickets came from blocks is never drawn again.
    expect(await desk.tickets.draw('walkIn', date, [{ ticket: 'W001' }])).toEqual({
      ok: true,
      ticket: 'W002',
    });

    // Another desk's appointment holds W003 on the platform; this desk gave W003 too (a copy of it).
    expect((await pushAll([appointment(31, date, 'W003')])).rejected).toEqual([]);
    const mine = await desk.db.appointments.insert(appointment(33, date, 'W003'));
    const refused = await pushAll([mine.toJSON() as AppointmentDoc]);
    expect(refused.rejected).toEqual([{ id: mine.id, errors: [{ field: 'ticket', code: 'ticketTaken' }] }]);

    const result = await reticket(desk.db, desk.source, mine.id, mine.updatedAt, registrar, now);
    const after = (await desk.db.appointments.findOne(mine.id).exec())!;
    expect(result).toEqual({ ok: true, ticket: after.ticket, replaced: 'W003' });
    // The block W003 came from is not this desk's own: the fresh ticket comes from a new block.
    expect(after.ticket).toMatch(/^W\d{3}$/);
    expect(Number(after.ticket.slice(1))).toBeGreaterThan(20);
    expect(after.updatedAt > mine.updatedAt).toBe(true);
    expect(await pushAll([after.toJSON() as AppointmentDoc])).toEqual({ conflicts: [], rejected: [] });
    const events = await desk.db.auditEvents
      .find({ selector: { action: 'appointment.update', recordId: mine.id } })
      .exec();
    expect(events.map((e) => e.details)).toEqual([{ ticket: after.ticket, replaced: 'W003' }]);
    // The refused version is gone: asking again for it changes nothing.
    expect(await reticket(desk.db, desk.source, mine.id, mine.updatedAt, registrar, now)).toEqual({
      ok: false,
      code: 'unchanged',
    });
    await desk.db.remove();
    desk.numbers.close();
  }, 60_000);
});
