/**
 * A new consultation record, as the doctor opens it from the queue or the patient's chart:
 * revision 1, draft, pre-filled from what the centre already knows about the patient.
 */
import type { PatientDoc } from '../patients/schema';
import { defaultVisitType, prefillFromPatient } from './rules';
import type { EncounterDoc } from './schema';
import { emptyVitals } from './vitals';

export interface NewEncounterInput {
  id: string;
  orgId: string;
  patient: Pick<PatientDoc, 'id' | 'allergies' | 'tags'>;
  /** The patient's encounters known to the desk (any organisation, any status). */
  previous: readonly EncounterDoc[];
  appointmentId: string | null;
  doctor: { id: string; name: string };
  department: string;
  /** Now, ISO 8601. */
  at: string;
}

/** A blank draft for `patient`: visit type by {@link defaultVisitType}, prefill by {@link prefillFromPatient}. */
export function newEncounterDraft(input: NewEncounterInput): EncounterDoc {
  const prefill = prefillFromPatient(input.patient, input.previous);
  return {
    id: input.id,
    recordId: input.id,
    revisionNo: 1,
    supersedes: null,
    amendReason: '',
    orgId: input.orgId,
    sharedWith: [],
    patientId: input.patient.id,
    appointmentId: input.appointmentId,
    doctorId: input.doctor.id,
    doctorName: input.doctor.name,
    department: input.department,
    visitType: defaultVisitType(
      input.previous.filter((e) => e.patientId === input.patient.id),
      input.orgId,
    ),
    chiefComplaint: '',
    presentHistory: '',
    pastHistory: prefill.pastHistory,
    allergies: prefill.allergies,
    vitals: { ...emptyVitals },
    diagnoses: [],
    plan: '',
    advice: '',
    status: 'draft',
    signature: null,
    createdBy: input.doctor.id,
    createdAt: input.at,
    updatedAt: input.at,
  };
}
