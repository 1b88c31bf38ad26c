import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Operator } from '../../app/operator';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase, registrar, specialist } from '../../testing/memoryDb';
import { addBooking, addWalkIn, appointmentsOn, applyAction, localDate } from './appointmentRepository';

const doctor: Operator = { id: 'staff-2', name: '李医生', role: 'doctor', orgId: registrar.orgId };
const now = new Date(2026, 2, 2, 8, 30);
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const zhang = { id: 'p1', name: '张三' };
const li = { id: 'p2', name: '李四' };

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['appointments', 'auditEvents']);
});
afterEach(async () => {
  await db.remove();
});

const audits = async () =>
  (await db.auditEvents.find().exec()).map((e) => [e.action, e.recordId, e.details?.['action'] ?? null]);

describe('adding to the queue', () => {
  it('checks walk-ins in with consecutive tickets for the local day', async () => {
    const first = await addWalkIn(db, zhang, registrar, now);
    const second = await addWalkIn(db, li, registrar, later(5));
    expect(first.ok && first.appointment).toMatchObject({
      ticket: 'W001',
      status: 'arrived',
      kind: 'walkIn',
      date: '2026-03-02',
      orgId: registrar.orgId,
      patientName: '张三',
      arrivedAt: now.toISOString(),
      createdBy: registrar.id,
    });
    expect(second.ok && second.appointment.ticket).toBe('W002');
    expect(await appointmentsOn(db, registrar.orgId, '2026-03-02')).toHaveLength(2);
    const events = await audits();
    expect(events.map((e) => e[0])).toEqual(['appointment.create', 'appointment.create']);
  });

  it('numbers bookings apart from walk-ins and per day', async () => {
    await addWalkIn(db, zhang, registrar, now);
    const booked = await addBooking(db, li, '09:30', registrar, now);
    expect(booked.ok && booked.appointment).toMatchObject({
      ticket: 'A001',
      status: 'scheduled',
      time: '09:30',
    });
    const tomorrow = await addBooking(db, zhang, '10:00', registrar, now, { date: '2026-03-03' });
    expect(tomorrow.ok && tomorrow.appointment).toMatchObject({ ticket: 'A001', date: '2026-03-03' });
  });

  it('does not count another centre’s tickets', async () => {
    await addWalkIn(db, zhang, { ...registrar, orgId: 'org-other' }, now);
    const mine = await addWalkIn(db, li, registrar, now);
    expect(mine.ok && mine.appointment.ticket).toBe('W001');
  });

  it('refuses a booking without a proper time, and roles that do not keep the queue', async () => {
    expect(await addBooking(db, zhang, '9:30', registrar, now)).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'time', code: 'timeInvalid' }],
    });
    expect(await addWalkIn(db, zhang, specialist, now)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await db.appointments.count().exec()).toBe(0);
  });
});

describe('a resident already in the queue', () => {
  it('is not queued again for the same doctor that day unless the desk adds anyway', async () => {
    const first = await addWalkIn(db, zhang, registrar, now, { doctorId: doctor.id, department: '全科诊室' });
    if (!first.ok) throw new Error(first.reason);
    const again = await addWalkIn(db, zhang, registrar, later(5), { doctorId: doctor.id });
    expect(again).toMatchObject({ ok: false, reason: 'duplicate', existing: { ticket: 'W001' } });
    expect(await db.appointments.count().exec()).toBe(1);
    const anyway = await addWalkIn(db, zhang, registrar, later(6), {
      doctorId: doctor.id,
      allowDuplicate: true,
    });
    expect(anyway.ok && anyway.appointment.ticket).toBe('W002');
  });

  it('is warned about a booking too, and both unassigned count as the same queue', async () => {
    const booked = await addBooking(db, zhang, '09:30', registrar, now);
    if (!booked.ok) throw new Error(booked.reason);
    expect(await addWalkIn(db, zhang, registrar, later(5))).toMatchObject({
      reason: 'duplicate',
      existing: { ticket: 'A001' },
    });
  });

  it('may be queued for another doctor, or again once the first visit is cancelled', async () => {
    const first = await addWalkIn(db, zhang, registrar, now, { doctorId: doctor.id });
    if (!first.ok) throw new Error(first.reason);
    const other = await addWalkIn(db, zhang, registrar, later(1), { doctorId: 'staff-3' });
    expect(other.ok).toBe(true);
    await applyAction(db, first.appointment.id, 'cancel', registrar, later(2));
    const again = await addWalkIn(db, zhang, registrar, later(3), { doctorId: doctor.id });
    expect(again.ok && again.appointment).toMatchObject({ ticket: 'W003', doctorId: doctor.id });
  });

  it('carries the doctor and the department it was queued for', async () => {
    const walkIn = await addWalkIn(db, li, registrar, now, { doctorId: doctor.id, department: '全科诊室' });
    expect(walkIn.ok && walkIn.appointment).toMatchObject({ doctorId: doctor.id, department: '全科诊室' });
  });
});

describe('moving through the queue', () => {
  it('checks in, calls, finishes, and audits each move', async () => {
    const booked = await addBooking(db, zhang, '09:00', registrar, now);
    if (!booked.ok) throw new Error(booked.reason);
    const id = booked.appointment.id;
    const arrived = await applyAction(db, id, 'arrive', registrar, later(10));
    expect(arrived.ok && arrived.appointment).toMatchObject({
      status: 'arrived',
      arrivedAt: later(10).toISOString(),
    });
    const called = await applyAction(db, id, 'call', doctor, later(40));
    expect(called.ok && called.appointment).toMatchObject({ status: 'inConsultation', doctorId: doctor.id });
    const done = await applyAction(db, id, 'finish', doctor, later(50), { encounterId: 'e1' });
    expect(done.ok && done.appointment).toMatchObject({ status: 'done', encounterId: 'e1' });
    expect((await db.appointments.findOne(id).exec())?.status).toBe('done');
    expect(await audits()).toEqual([
      ['appointment.create', id, null],
      ['appointment.update', id, 'arrive'],
      ['appointment.update', id, 'call'],
      ['appointment.update', id, 'finish'],
    ]);
  });

  it('leaves calling to physicians', async () => {
    const walkIn = await addWalkIn(db, zhang, registrar, now);
    if (!walkIn.ok) throw new Error(walkIn.reason);
    expect(await applyAction(db, walkIn.appointment.id, 'call', registrar, later(1))).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(await applyAction(db, walkIn.appointment.id, 'cancel', specialist, later(1))).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });

  it('refuses a move the status does not allow, and an unknown appointment', async () => {
    const walkIn = await addWalkIn(db, zhang, registrar, now);
    if (!walkIn.ok) throw new Error(walkIn.reason);
    expect(await applyAction(db, walkIn.appointment.id, 'finish', doctor, later(1))).toEqual({
      ok: false,
      reason: 'refused',
      error: 'notInConsultation',
    });
    expect(await applyAction(db, 'nope', 'arrive', registrar, later(1))).toEqual({
      ok: false,
      reason: 'notFound',
    });
    expect((await audits()).length).toBe(1);
  });
});

describe('localDate', () => {
  it('is the desk’s calendar day', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDate(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });
});
