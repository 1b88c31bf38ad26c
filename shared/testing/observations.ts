/** Observation fixtures for tests: a nurse's triage of a visit, valid as it stands. */
import { emptyVitals } from '../encounters/vitals';
import type { ObservationDoc } from '../observations/schema';

/** Nurse 李秀梅's triage of appointment `appointmentId` at 08:40 (Beijing), then `changes`. */
export function sampleObservation(changes: Partial<ObservationDoc> = {}): ObservationDoc {
  const at = '2026-11-23T00:40:00.000Z';
  return {
    id: '0190d9a0-0000-7000-8000-0000000b0001',
    orgId: 'org-chc-demo',
    sharedWith: [],
    patientId: '0190d9a0-0000-7000-8000-000000000001',
    kind: 'vitals',
    appointmentId: '0190d9a0-0000-7000-8000-0000000a0001',
    vitals: { ...emptyVitals, systolic: 152, diastolic: 94, heartRate: 80, temperature: 36.6, spo2: 97 },
    chiefComplaint: '头晕三天',
    takenAt: at,
    recordedBy: 'staff-nurse01',
    recordedByName: '李秀梅',
    supersedes: null,
    createdBy: 'staff-nurse01',
    createdAt: at,
    updatedAt: at,
    ...changes,
  };
}
