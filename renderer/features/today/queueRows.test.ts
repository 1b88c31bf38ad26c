import { describe, expect, it } from 'vitest';
import type { AppointmentDoc } from '../../../shared/appointments/schema';
import { queueRows } from './queueRows';

const local = (h: number, m: number) => new Date(2026, 2, 2, h, m).toISOString();
const appt = (ticket: string, over: Partial<AppointmentDoc> = {}): AppointmentDoc => ({
  id: ticket,
  orgId: 'org',
  sharedWith: [],
  patientId: `p-${ticket}`,
  patientName: '张三',
  date: '2026-03-02',
  time: null,
  kind: 'walkIn',
  doctorId: null,
  department: '',
  status: 'arrived',
  ticket,
  arrivedAt: local(8, 0),
  calledAt: null,
  doneAt: null,
  encounterId: null,
  createdBy: 'x',
  createdAt: local(7, 0),
  updatedAt: local(7, 0),
  ...over,
});

describe('queueRows', () => {
  it('shows consulting, waiting, booked, then closed rows, each appointment once', () => {
    const docs = [
      appt('A002', { kind: 'booked', time: '10:00', status: 'scheduled', arrivedAt: null }),
      appt('W003', { status: 'done', updatedAt: local(9, 0) }),
      appt('W002', { arrivedAt: local(8, 20) }),
      appt('A001', { kind: 'booked', time: '09:30', status: 'scheduled', arrivedAt: null }),
      appt('W004', { status: 'cancelled', updatedAt: local(8, 30) }),
      appt('W001', { arrivedAt: local(8, 10) }),
      appt('W005', { status: 'inConsultation', calledAt: local(8, 40) }),
    ];
    const rows = queueRows(docs);
    expect(rows.map((r) => r.doc.ticket)).toEqual(['W005', 'W001', 'W002', 'A001', 'A002', 'W004', 'W003']);
    expect(rows.map((r) => r.closed)).toEqual([false, false, false, false, false, true, true]);
  });
});
