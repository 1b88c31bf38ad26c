import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  countByStatus,
  nextTicket,
  nextToCall,
  transition,
  waitingOrder,
  type QueueAction,
  type QueueErrorCode,
} from './queue';
import type { AppointmentDoc, AppointmentStatus } from './schema';

/** An instant on 2026-03-02 in the desk's local time. */
const local = (h: number, m: number) => new Date(2026, 2, 2, h, m).toISOString();

let serial = 0;
const appt = (over: Partial<AppointmentDoc> = {}): AppointmentDoc => ({
  id: `a${++serial}`,
  orgId: 'org-chc',
  sharedWith: [],
  patientId: `p${serial}`,
  patientName: '张三',
  date: '2026-03-02',
  time: '09:00',
  kind: 'booked',
  doctorId: null,
  department: '全科',
  status: 'scheduled',
  ticket: 'A001',
  arrivedAt: null,
  calledAt: null,
  doneAt: null,
  encounterId: null,
  createdBy: 'reg-1',
  createdAt: local(7, 0),
  updatedAt: local(7, 0),
  ...over,
});

const at = local(9, 30);

describe('transition', () => {
  const allowed: [AppointmentStatus, QueueAction, AppointmentStatus][] = [
    ['scheduled', 'arrive', 'arrived'],
    ['arrived', 'call', 'inConsultation'],
    ['inConsultation', 'finish', 'done'],
    ['scheduled', 'cancel', 'cancelled'],
    ['arrived', 'cancel', 'cancelled'],
    ['scheduled', 'noShow', 'noShow'],
    ['arrived', 'noShow', 'noShow'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    const result = transition(appt({ status: from }), action, at, 'doc-1');
    expect(result.ok && result.value.status).toBe(to);
    expect(result.ok && result.value.updatedAt).toBe(at);
  });

  const refused: [AppointmentStatus, QueueAction, QueueErrorCode][] = [
    ['scheduled', 'call', 'notArrived'],
    ['scheduled', 'finish', 'notInConsultation'],
    ['arrived', 'arrive', 'alreadyArrived'],
    ['arrived', 'finish', 'notInConsultation'],
    ['inConsultation', 'arrive', 'alreadyArrived'],
    ['inConsultation', 'call', 'alreadyCalled'],
    ['inConsultation', 'cancel', 'inConsultation'],
    ['inConsultation', 'noShow', 'inConsultation'],
    ...(['done', 'cancelled', 'noShow'] as const).flatMap((s) =>
      (['arrive', 'call', 'finish', 'cancel', 'noShow'] as const).map(
        (a): [AppointmentStatus, QueueAction, QueueErrorCode] => [s, a, 'closed'],
      ),
    ),
  ];
  it.each(refused)('%s --%s--> refused: %s', (from, action, error) => {
    const doc = appt({ status: from });
    expect(transition(doc, action, at, 'doc-1')).toEqual({ ok: false, error });
  });

  it('refuses an unknown action', () => {
    expect(transition(appt(), 'teleport' as QueueAction, at, 'x')).toEqual({
      ok: false,
      error: 'unknownAction',
    });
    expect(transition(appt(), 'toString' as QueueAction, at, 'x')).toEqual({
      ok: false,
      error: 'unknownAction',
    });
  });

  it('stamps the times and leaves the original alone', () => {
    const doc = appt();
    const arrived = transition(doc, 'arrive', local(8, 50), 'reg-1');
    if (!arrived.ok) throw new Error(arrived.error);
    expect(arrived.value.arrivedAt).toBe(local(8, 50));
    expect(doc.status).toBe('scheduled');
    const called = transition(arrived.value, 'call', local(9, 5), 'doc-1');
    if (!called.ok) throw new Error(called.error);
    expect(called.value).toMatchObject({ calledAt: local(9, 5), doctorId: 'doc-1' });
    const done = transition(called.value, 'finish', local(9, 20), 'doc-1', { encounterId: 'e1' });
    expect(done.ok && done.value).toMatchObject({ status: 'done', doneAt: local(9, 20), encounterId: 'e1' });
  });

  it('keeps the booked doctor when another calls', () => {
    const result = transition(appt({ status: 'arrived', doctorId: 'doc-2' }), 'call', at, 'doc-1');
    expect(result.ok && result.value.doctorId).toBe('doc-2');
  });

  it('lists the actions a row allows', () => {
    expect(allowedActions(appt({ status: 'scheduled' }))).toEqual(['arrive', 'cancel', 'noShow']);
    expect(allowedActions(appt({ status: 'arrived' }))).toEqual(['call', 'cancel', 'noShow']);
    expect(allowedActions(appt({ status: 'inConsultation' }))).toEqual(['finish']);
    expect(allowedActions(appt({ status: 'done' }))).toEqual([]);
  });
});

describe('waitingOrder and nextToCall', () => {
  const booked = (ticket: string, time: string, arrived: string, over: Partial<AppointmentDoc> = {}) =>
    appt({ ticket, time, status: 'arrived', arrivedAt: arrived, ...over });
  const walkIn = (ticket: string, arrived: string, over: Partial<AppointmentDoc> = {}) =>
    appt({ ticket, time: null, kind: 'walkIn', status: 'arrived', arrivedAt: arrived, ...over });
  const order = (docs: AppointmentDoc[], options = {}) => waitingOrder(docs, options).map((d) => d.ticket);

  it.each<[string, AppointmentDoc[], string[]]>([
    ['nobody', [], []],
    ['walk-ins by arrival', [walkIn('W002', local(8, 40)), walkIn('W001', local(8, 30))], ['W001', 'W002']],
    [
      'an early booking waits for its slot; walk-ins before the slot go first',
      [booked('A001', '09:00', local(8, 0)), walkIn('W001', local(8, 30)), walkIn('W002', local(9, 10))],
      ['W001', 'A001', 'W002'],
    ],
    [
      'bookings on time by slot, whatever their arrival order',
      [booked('A002', '09:30', local(9, 0)), booked('A001', '09:00', local(9, 10))],
      ['A001', 'A002'],
    ],
    [
      'within the grace period counts as on time',
      [walkIn('W001', local(9, 5)), booked('A001', '09:00', local(9, 15))],
      ['A001', 'W001'],
    ],
    [
      'a late booking queues by arrival',
      [booked('A001', '09:00', local(9, 16)), walkIn('W001', local(9, 5))],
      ['W001', 'A001'],
    ],
    [
      'a tie between a slot and a walk-in goes to the booking',
      [walkIn('W001', local(9, 0)), booked('A001', '09:00', local(8, 45))],
      ['A001', 'W001'],
    ],
    [
      'only patients who have checked in',
      [
        appt({ ticket: 'A001', status: 'scheduled' }),
        appt({ ticket: 'A002', status: 'inConsultation', arrivedAt: local(8, 0) }),
        appt({ ticket: 'A003', status: 'done', arrivedAt: local(8, 0) }),
        walkIn('W001', local(9, 0)),
      ],
      ['W001'],
    ],
    [
      'same arrival falls back to the ticket',
      [walkIn('W002', local(9, 0)), walkIn('W001', local(9, 0))],
      ['W001', 'W002'],
    ],
  ])('%s', (_name, docs, tickets) => {
    expect(order(docs)).toEqual(tickets);
    expect(nextToCall(docs)?.ticket ?? null).toBe(tickets[0] ?? null);
  });

  it('takes a grace period', () => {
    const docs = [booked('A001', '09:00', local(9, 6)), walkIn('W001', local(9, 3))];
    expect(order(docs, { graceMinutes: 5 })).toEqual(['W001', 'A001']);
    expect(order(docs, { graceMinutes: 10 })).toEqual(['A001', 'W001']);
  });

  it("filters to one doctor's patients and the unassigned", () => {
    const docs = [
      walkIn('W001', local(8, 0), { doctorId: 'doc-2' }),
      walkIn('W002', local(8, 10), { doctorId: 'doc-1' }),
      walkIn('W003', local(8, 20)),
    ];
    expect(order(docs, { doctorId: 'doc-1' })).toEqual(['W002', 'W003']);
    expect(nextToCall(docs, { doctorId: 'doc-3' })?.ticket).toBe('W003');
  });
});

describe('countByStatus', () => {
  it('counts every status', () => {
    const docs = [appt(), appt(), appt({ status: 'arrived' }), appt({ status: 'noShow' })];
    expect(countByStatus(docs)).toEqual({
      scheduled: 2,
      arrived: 1,
      inConsultation: 0,
      done: 0,
      cancelled: 0,
      noShow: 1,
    });
    expect(Object.values(countByStatus([])).every((n) => n === 0)).toBe(true);
  });
});

describe('nextTicket', () => {
  it.each<[string, string[], 'booked' | 'walkIn', string]>([
    ['first booking', [], 'booked', 'A001'],
    ['first walk-in', ['A001', 'A002'], 'walkIn', 'W001'],
    ['after the highest, gaps kept', ['W001', 'W002', 'A011', 'W005'], 'walkIn', 'W006'],
    ['bookings counted apart', ['W009', 'A011'], 'booked', 'A012'],
    ['past 999', ['A999'], 'booked', 'A1000'],
    ['odd tickets ignored', ['A01x', 'B003', 'a004'], 'booked', 'A001'],
  ])('%s', (_name, tickets, kind, next) => {
    expect(
      nextTicket(
        tickets.map((ticket) => ({ ticket })),
        kind,
      ),
    ).toBe(next);
  });
});
