import { describe, expect, it } from 'vitest';
import { inDoctorQueue, matchesQueueFilter, openDuplicate } from './assignment';
import { appointmentStatuses, type AppointmentDoc } from './schema';

let serial = 0;
const appt = (over: Partial<AppointmentDoc> = {}): AppointmentDoc => ({
  id: `a${++serial}`,
  orgId: 'org-chc',
  sharedWith: [],
  patientId: 'p1',
  patientName: '张三',
  date: '2026-03-02',
  time: null,
  kind: 'walkIn',
  doctorId: null,
  department: '',
  status: 'arrived',
  ticket: 'W001',
  arrivedAt: '2026-03-02T00:30:00.000Z',
  calledAt: null,
  doneAt: null,
  encounterId: null,
  createdBy: 'reg-1',
  createdAt: '2026-03-02T00:30:00.000Z',
  updatedAt: '2026-03-02T00:30:00.000Z',
  ...over,
});

describe('a doctor’s queue', () => {
  const mine = appt({ doctorId: 'doc-1', ticket: 'W001' });
  const theirs = appt({ doctorId: 'doc-2', ticket: 'W002' });
  const anyone = appt({ doctorId: null, ticket: 'W003' });

  it('holds the patients booked with that doctor and the unassigned, not another doctor’s', () => {
    const docs = [mine, theirs, anyone];
    expect(docs.filter((d) => inDoctorQueue(d, 'doc-1')).map((d) => d.ticket)).toEqual(['W001', 'W003']);
    expect(docs.filter((d) => inDoctorQueue(d, 'doc-2')).map((d) => d.ticket)).toEqual(['W002', 'W003']);
  });

  it('lets the desk narrow by doctor, by department, by both, or not at all', () => {
    const gp = appt({ doctorId: null, department: '全科诊室', ticket: 'W004' });
    const prevention = appt({ doctorId: 'doc-2', department: '预防保健科', ticket: 'W005' });
    const docs = [mine, theirs, anyone, gp, prevention];
    const tickets = (filter: Parameters<typeof matchesQueueFilter>[1]) =>
      docs.filter((d) => matchesQueueFilter(d, filter)).map((d) => d.ticket);
    expect(tickets({})).toEqual(['W001', 'W002', 'W003', 'W004', 'W005']);
    expect(tickets({ doctorId: 'doc-1' })).toEqual(['W001', 'W003', 'W004']);
    expect(tickets({ department: '预防保健科' })).toEqual(['W005']);
    expect(tickets({ doctorId: 'doc-2', department: '预防保健科' })).toEqual(['W005']);
    expect(tickets({ doctorId: 'doc-1', department: '预防保健科' })).toEqual([]);
  });
});

describe('a resident queued twice', () => {
  const intent = { patientId: 'p1', date: '2026-03-02', doctorId: 'doc-1' };

  it('finds the open appointment for the same doctor on the same day, with its ticket', () => {
    const existing = appt({ doctorId: 'doc-1', ticket: 'W001' });
    expect(openDuplicate([existing], intent)?.ticket).toBe('W001');
  });

  it('finds one when both name no doctor', () => {
    const existing = appt({ doctorId: null, kind: 'booked', status: 'scheduled', ticket: 'A004' });
    expect(openDuplicate([existing], { ...intent, doctorId: null })?.ticket).toBe('A004');
  });

  it('does not count another doctor, another day or another resident', () => {
    const docs = [
      appt({ doctorId: 'doc-2' }),
      appt({ doctorId: 'doc-1', date: '2026-03-03' }),
      appt({ doctorId: 'doc-1', patientId: 'p2' }),
    ];
    expect(openDuplicate(docs, intent)).toBeNull();
  });

  it('counts a named and an unnamed doctor as one queue: the doctor sees both', () => {
    const unassigned = appt({ doctorId: null });
    expect(openDuplicate([unassigned], intent)).toBe(unassigned);
    const named = appt({ doctorId: 'doc-1' });
    expect(openDuplicate([named], { ...intent, doctorId: null })).toBe(named);
  });

  it('counts every open status and none of the closed ones', () => {
    const found = appointmentStatuses.filter(
      (status) => openDuplicate([appt({ doctorId: 'doc-1', status })], intent) !== null,
    );
    expect(found).toEqual(['scheduled', 'arrived', 'inConsultation']);
  });
});
