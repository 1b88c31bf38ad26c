/**
 * The enrolment form's values (plain JSON, so a draft keeps them on the desk), the checks it
 * makes before saving, and the enrolment fields it saves. Pure: the screen translates the codes.
 */
import type { EnrolmentFields, Programme } from '../../../shared/carePlans/schema';
import { addDays, isIsoDate } from '../../../shared/followups/dates';

export type EnrolDraft = {
  programme: Programme | null;
  enrolledOn: string;
  /** Pregnancy: which date the schedule counts from. */
  pregnancyBasis: 'lmp' | 'dueDate';
  pregnancyDate: string;
  /** Transplant: the hospital whose transplant centre sets the plan. */
  transplantOrgId: string | null;
  transplantDate: string;
  /** Transplant: the resident agreed to share this care with the transplant centre (PIPL). */
  consent: boolean;
  consentNote: string;
};

export const emptyEnrolDraft = (today: string): EnrolDraft => ({
  programme: null,
  enrolledOn: today,
  pregnancyBasis: 'lmp',
  pregnancyDate: '',
  transplantOrgId: null,
  transplantDate: '',
  consent: false,
  consentNote: '',
});

export type EnrolField =
  'programme' | 'enrolledOn' | 'pregnancyDate' | 'transplantOrgId' | 'transplantDate' | 'consent';
export type EnrolErrorCode =
  | 'required'
  | 'afterToday'
  | 'alreadyEnrolled'
  | 'notEligibleSex'
  | 'notEligibleAge'
  | 'outOfRange'
  | 'consentRequired';
export type EnrolErrors = Partial<Record<EnrolField, EnrolErrorCode>>;

const isDate = isIsoDate;

/** Whole years from `birthDate` to `on` (both YYYY-MM-DD). */
export function yearsOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface EnrolContext {
  today: string;
  patient: { sex: string; birthDate: string };
  /** Programmes the resident is enrolled in now (active enrolments). */
  activeProgrammes: readonly Programme[];
}

/**
 * What stops the enrolment from being saved, per field: a programme the resident is already in,
 * one they are not eligible for (pregnancy for a man, child care from age 7), dates missing or
 * in the future (a due date may be ahead, up to 44 weeks), a transplant without its centre, date
 * or the resident's consent to share.
 */
export function enrolErrors(
  draft: EnrolDraft,
  { today, patient, activeProgrammes }: EnrolContext,
): EnrolErrors {
  const errors: EnrolErrors = {};
  const { programme } = draft;
  if (!programme) errors.programme = 'required';
  else if (activeProgrammes.includes(programme)) errors.programme = 'alreadyEnrolled';
  else if (programme === 'pregnancy' && patient.sex === 'male') errors.programme = 'notEligibleSex';
  else if (programme === 'child' && isDate(patient.birthDate) && yearsOn(patient.birthDate, today) >= 7)
    errors.programme = 'notEligibleAge';
  else if (programme === 'elderly' && isDate(patient.birthDate) && yearsOn(patient.birthDate, today) < 65)
    errors.programme = 'notEligibleAge';

  if (!isDate(draft.enrolledOn)) errors.enrolledOn = 'required';
  else if (draft.enrolledOn > today) errors.enrolledOn = 'afterToday';

  if (programme === 'pregnancy') {
    const d = draft.pregnancyDate;
    if (!isDate(d)) errors.pregnancyDate = 'required';
    else if (draft.pregnancyBasis === 'lmp' && (d > today || d < addDays(today, -44 * 7)))
      errors.pregnancyDate = 'outOfRange';
    else if (draft.pregnancyBasis === 'dueDate' && (d < addDays(today, -42) || d > addDays(today, 44 * 7)))
      errors.pregnancyDate = 'outOfRange';
  }
  if (programme === 'transplant') {
    if (!draft.transplantOrgId) errors.transplantOrgId = 'required';
    if (!isDate(draft.transplantDate)) errors.transplantDate = 'required';
    else if (draft.transplantDate > today) errors.transplantDate = 'afterToday';
    if (!draft.consent) errors.consent = 'consentRequired';
  }
  return errors;
}

/**
 * The enrolment the form describes, the consent (the register's first entry) recorded in the
 * operator's name at `nowIso`.
 */
export function toEnrolmentFields(
  draft: EnrolDraft,
  operator: { id: string; name: string },
  nowIso: string,
): EnrolmentFields {
  const programme = draft.programme as Programme;
  const pregnancy = programme === 'pregnancy';
  const transplant = programme === 'transplant';
  return {
    programme,
    enrolledOn: draft.enrolledOn,
    status: 'active',
    leftOn: null,
    leftReason: null,
    leftNote: '',
    lmp: pregnancy && draft.pregnancyBasis === 'lmp' ? draft.pregnancyDate : null,
    dueDate: pregnancy && draft.pregnancyBasis === 'dueDate' ? draft.pregnancyDate : null,
    transplantOrgId: transplant ? draft.transplantOrgId : null,
    transplantDate: transplant ? draft.transplantDate : null,
    consents:
      transplant && draft.consent
        ? [
            {
              action: 'given',
              at: nowIso,
              by: operator.id,
              byName: operator.name,
              note: draft.consentNote.trim(),
            },
          ]
        : [],
    scheduleEdits: [],
  };
}
