/**
 * A new consultation record, as the doctor opens it from the queue or the patient's chart:
 * revision 1, draft, pre-filled from what the centre already knows about the patient; and the
 * draft that amends a signed record.
 */
import { nextRevision } from '../clinical/revisions';
import { clinicalRulesVersion } from '../clinical/signature';
import type { ObservationDoc } from '../observations/schema';
import { triageHandover } from '../observations/rules';
import type { PatientDoc } from '../patients/schema';
import { visitTimeOf } from './record';
import { defaultVisitType, prefillFromPatient } from './rules';
import type { EnrolmentDoc } from '../carePlans/schema';
import { emptyFollowUpForm } from './followUp';
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
  /**
   * The visit's triage (shared/observations/rules.ts `triageOf`), when a nurse took it: the draft
   * starts with its vitals and chief complaint, attributed to the nurse.
   */
  triage?: ObservationDoc | null;
}

/**
 * A blank draft for `patient`: visit type by {@link defaultVisitType}, prefill by
 * {@link prefillFromPatient}, and the triage's vitals and complaint when there was one.
 */
export function newEncounterDraft(input: NewEncounterInput): EncounterDoc {
  const prefill = prefillFromPatient(input.patient, input.previous);
  const handover = input.triage ? triageHandover(input.triage) : null;
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
    chiefComplaint: handover?.chiefComplaint ?? '',
    presentHistory: '',
    pastHistory: prefill.pastHistory,
    allergies: prefill.allergies,
    vitals: handover?.vitals ?? { ...emptyVitals },
    physicalExam: '',
    auxiliaryExams: '',
    diagnoses: [],
    plan: '',
    advice: '',
    status: 'draft',
    signature: null,
    createdBy: input.doctor.id,
    createdAt: input.at,
    updatedAt: input.at,
    visitAt: input.at,
    rulesVersion: clinicalRulesVersion,
    ...(handover ? { triage: handover.triage } : {}),
  };
}

export interface NewFollowUpInput extends Omit<NewEncounterInput, 'triage'> {
  /** The enrolment the visit is for (its programme is the visit's reason). */
  enrolment: Pick<EnrolmentDoc, 'id' | 'enrolment'>;
  /** The due window it fulfils (shared/followups/windows.ts), null for an extra visit. */
  windowKey: string | null;
  /**
   * The consultation it starts from, when the doctor turns a consultation into the programme's
   * visit: its vitals (and the nurse's attribution of them) are carried over, not typed twice, and
   * it belongs to the same queue entry.
   */
  from?: EncounterDoc | null;
}

/**
 * A blank follow-up visit (`kind: 'followUp'`, shared/encounters/followUp.ts) of `enrolment`:
 * a new draft as {@link newEncounterDraft} makes it, marked as a follow-up visit (复诊) with an
 * empty form for the enrolment's programme whose next date the form computes. Started from a
 * consultation (`from`), it takes that consultation's vitals with their triage attribution and
 * its queue entry.
 */
export function newFollowUpDraft(input: NewFollowUpInput): EncounterDoc {
  const { enrolment, windowKey, from, ...rest } = input;
  const base = newEncounterDraft({ ...rest, appointmentId: from?.appointmentId ?? rest.appointmentId });
  const vitals = from ? { ...from.vitals, spo2: from.vitals.spo2 ?? null } : base.vitals;
  const nurseVitals = from?.triage?.fields.filter((f) => f.startsWith('vitals.')) ?? [];
  const { triage: _none, ...draft } = base;
  return {
    ...draft,
    visitType: 'followUp',
    vitals,
    kind: 'followUp',
    followUp: emptyFollowUpForm({
      programme: enrolment.enrolment.programme,
      enrolmentId: enrolment.id,
      windowKey,
      nextDate: '',
    }),
    ...(from?.triage && nurseVitals.length ? { triage: { ...from.triage, fields: nurseVitals } } : {}),
  };
}

export interface AmendmentInput {
  /** Id of the new revision. */
  id: string;
  /** Who amends: the author, or another doctor writing an addendum in their own name. */
  doctor: { id: string; name: string };
  /** Now, ISO 8601: the amendment's own time (`createdAt`). */
  at: string;
  reason: string;
  /** The record's known revisions, to find the visit time of records that have no `visitAt`. */
  chain: readonly EncounterDoc[];
}

/**
 * The draft amending the signed revision `signed` (shared/clinical/revisions.ts `nextRevision`):
 * it keeps the record's author (`doctorId` / `doctorName`) and the visit's time (`visitAt`), takes
 * its own `createdAt`, is written under the current rules version, and names the amending doctor
 * in `amendedBy` / `amendedByName` when that is not the author (an addendum), never inheriting
 * the addendum marks or the platform seal of the revision it copies.
 * @throws {Error} `notSigned` when `signed` is a draft.
 */
export function amendmentDraft(signed: EncounterDoc, input: AmendmentInput): EncounterDoc {
  const copy = nextRevision(signed, {
    id: input.id,
    by: input.doctor.id,
    at: input.at,
    reason: input.reason,
  });
  // A new revision carries neither the addendum marks nor the platform's seal of the one it copies.
  const { amendedBy: _by, amendedByName: _name, seal: _seal, ...rest } = copy;
  const draft: EncounterDoc = {
    ...rest,
    doctorId: signed.doctorId,
    doctorName: signed.doctorName,
    visitAt: visitTimeOf(signed, input.chain),
    rulesVersion: clinicalRulesVersion,
  };
  return input.doctor.id === signed.doctorId
    ? draft
    : { ...draft, amendedBy: input.doctor.id, amendedByName: input.doctor.name };
}
