import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import ZSchema from 'z-schema';
import { appointmentErrors, newAppointment } from './rules';
import { appointmentSchema, type AppointmentDoc } from './schema';

const validator = ZSchema.create({ strictMode: false });
const valid = (doc: unknown) =>
  validator.validateSafe(doc, appointmentSchema as unknown as Parameters<typeof validator.validateSafe>[1])
    .valid;

const at = '2026-03-02T08:30:00+08:00';
const base = {
  id: 'apt-1',
  orgId: 'org-chc',
  patient: { id: 'p1', name: '张三' },
  date: '2026-03-02',
  time: '09:00',
  kind: 'booked' as const,
  doctorId: 'doc-1',
  department: '全科',
  docsOfDay: [{ ticket: 'A001' }, { ticket: 'W004' }],
  by: 'reg-1',
  at,
};

describe('newAppointment', () => {
  it('books a slot with the next booking ticket', () => {
    expect(newAppointment(base)).toEqual({
      id: 'apt-1',
      orgId: 'org-chc',
      sharedWith: [],
      patientId: 'p1',
      patientName: '张三',
      date: '2026-03-02',
      time: '09:00',
      kind: 'booked',
      doctorId: 'doc-1',
      department: '全科',
      status: 'scheduled',
      ticket: 'A002',
      arrivedAt: null,
      calledAt: null,
      doneAt: null,
      encounterId: null,
      createdBy: 'reg-1',
      createdAt: at,
      updatedAt: at,
    });
  });

  it('checks a walk-in in at once, without a time', () => {
    expect(newAppointment({ ...base, kind: 'walkIn', doctorId: null })).toMatchObject({
      kind: 'walkIn',
      time: null,
      status: 'arrived',
      arrivedAt: at,
      ticket: 'W005',
      doctorId: null,
    });
  });
});

describe('appointment schema', () => {
  const booked = newAppointment(base);
  const walkIn = newAppointment({ ...base, kind: 'walkIn' });

  it('is a schema RxDB accepts', () => {
    expect(() => checkSchema(structuredClone(appointmentSchema) as never)).not.toThrow();
  });

  it('accepts bookings and walk-ins', () => {
    expect(valid(booked)).toBe(true);
    expect(valid(walkIn)).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown field', { ...booked, note: 'x' }],
    ['a missing field', { ...booked, encounterId: undefined }],
    ['an unknown status', { ...booked, status: 'waiting' }],
    ['an unknown kind', { ...booked, kind: 'online' }],
    ['a long time', { ...booked, time: '09:00:00' }],
    ['a long patient name', { ...booked, patientName: 'x'.repeat(51) }],
  ])('refuses %s', (_name, doc) => {
    expect(valid(doc)).toBe(false);
  });
});

describe('appointmentErrors', () => {
  const doc = (over: Partial<AppointmentDoc>) => ({ ...newAppointment(base), ...over });
  it.each<[string, Partial<AppointmentDoc>, { field: string; code: string }[]]>([
    ['a booking', {}, []],
    ['a walk-in', { kind: 'walkIn', time: null }, []],
    ['no patient', { patientId: '' }, [{ field: 'patientId', code: 'required' }]],
    ['no such date', { date: '2026-02-30' }, [{ field: 'date', code: 'dateInvalid' }]],
    ['a date in another shape', { date: '2026/03/02' }, [{ field: 'date', code: 'dateInvalid' }]],
    ['a booking without a time', { time: null }, [{ field: 'time', code: 'timeMissing' }]],
    ['24:00', { time: '24:00' }, [{ field: 'time', code: 'timeInvalid' }]],
    ['9:00', { time: '9:00' }, [{ field: 'time', code: 'timeInvalid' }]],
    ['a walk-in with a time', { kind: 'walkIn', time: '09:00' }, [{ field: 'time', code: 'timeForWalkIn' }]],
  ])('%s', (_name, over, errors) => {
    expect(appointmentErrors(doc(over))).toEqual(errors);
  });
});
