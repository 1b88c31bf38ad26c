/**
 * Signed in offline (no sync engine), what is typed counts at once: a resident and a walk-in show
 * as not yet on the platform and in the header's count, and the engine's push later settles them.
 */
import 'fake-indexeddb/auto';
import { firstValueFrom, from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { registerPatient } from '../features/patients/patientRepository';
import { addWalkIn } from '../features/today/appointmentRepository';
import { openMemoryDatabase, registrar } from '../testing/memoryDb';
import { samplePatient } from '../../shared/testing/patients';
import { markOfflineWrites } from './offlineMarks';
import { Outbox } from './outbox';

describe('markOfflineWrites', () => {
  it('marks a resident and a walk-in typed offline as pending, for the header and the record', async () => {
    const db = await openMemoryDatabase(['patients', 'appointments', 'auditEvents']);
    const outbox = new Outbox(db.name);
    const stop = markOfflineWrites({ ...db.collections }, outbox, registrar.role);
    try {
      const saved = await registerPatient(db.patients, samplePatient({ orgId: registrar.orgId }), registrar);
      if (!saved.ok) throw new Error(saved.reason);
      const walkIn = await addWalkIn(db, { id: saved.patient.id, name: saved.patient.name }, registrar);
      if (!walkIn.ok) throw new Error(walkIn.reason);

      const counted = async (collection?: string) => firstValueFrom(from(outbox.counts$(collection)));
      // The audit events of both acts wait too.
      const audit = await db.auditEvents.count().exec();
      expect(audit).toBeGreaterThan(0);
      const until = Date.now() + 10_000;
      while ((await counted()).pending < 2 + audit && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      expect(await counted()).toEqual({ pending: 2 + audit, rejected: 0 });
      expect(await counted('appointments')).toEqual({ pending: 1, rejected: 0 });
      expect(await firstValueFrom(from(outbox.state$('appointments', walkIn.appointment.id)))).toEqual({
        state: 'pending',
      });

      // The engine's push, once online, settles exactly those versions.
      await outbox.settle('patients', [{ id: saved.patient.id, updatedAt: saved.patient.updatedAt }], []);
      await outbox.settle(
        'appointments',
        [{ id: walkIn.appointment.id, updatedAt: walkIn.appointment.updatedAt }],
        [],
      );
      expect(await counted()).toEqual({ pending: audit, rejected: 0 });
    } finally {
      stop();
      outbox.close();
      await db.remove();
    }
  }, 30_000);
});
