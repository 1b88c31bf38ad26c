/**
 * What the follow-up form works out as the doctor types (no React, so it is tested alone): the
 * urgent-referral triggers from the vitals and the ticked danger signs, the computed
 * classification, next step and date (shared/followups/chronic.ts), kept in step with what the
 * doctor chose unless they changed it (then with a reason), and what keeps the visit from being
 * signed. The previous visit of the same enrolment decides the two-consecutive rule.
 */
import { latestRevisions } from '../../../shared/clinical/revisions';
import type { Classification, FollowUpForm, NextStep } from '../../../shared/encounters/followUp';
import type { EncounterDoc, Vitals } from '../../../shared/encounters/schema';
import {
  assessVisit,
  controlOf,
  nextDateOf,
  nextStepOf,
  type VisitAssessmentInput,
} from '../../../shared/followups/chronic';
import type { EnrolmentDoc, TransplantPlanDoc } from '../../../shared/carePlans/schema';
import { localDateOf } from '../../../shared/followups/dates';
import { routineDateAfter } from '../../../shared/followups/windows';
import { followUpVisitsOf } from '../../../shared/followups/worklist';
import { overrideErrors, symptomErrors } from '../../../shared/followups/forms';
import { urgentSignCodes, urgentTriggers } from '../../../shared/followups/urgent';

/** The earlier visit of the enrolment that the two-consecutive rule looks at. */
export type PreviousVisit = VisitAssessmentInput['previous'];

/** When the visit took place, as a calendar day. */
export const visitDateOf = (doc: Pick<EncounterDoc, 'visitAt' | 'createdAt'>): string =>
  localDateOf(doc.visitAt ?? doc.createdAt);

/**
 * The latest signed follow-up visit of `enrolmentId` before the visit `current` (another record,
 * its latest signed revision), as the rules read it; null when this is the first.
 */
export function previousVisitOf(
  encounters: readonly EncounterDoc[],
  current: Pick<EncounterDoc, 'recordId' | 'visitAt' | 'createdAt'>,
  enrolmentId: string,
  birthDate: string | null,
): PreviousVisit {
  const at = current.visitAt ?? current.createdAt;
  const visits = latestRevisions(
    encounters.filter(
      (e) =>
        e.kind === 'followUp' &&
        e.followUp?.enrolmentId === enrolmentId &&
        e.recordId !== current.recordId &&
        (e.visitAt ?? e.createdAt) <= at,
    ),
    { signedOnly: true },
  ).sort((a, b) => ((a.visitAt ?? a.createdAt) < (b.visitAt ?? b.createdAt) ? 1 : -1));
  const last = visits[0];
  if (!last?.followUp) return null;
  return {
    classification: last.followUp.classification,
    controlled: controlOf({
      programme: last.followUp.programme,
      systolic: last.vitals.systolic,
      diastolic: last.vitals.diastolic,
      fbg: last.followUp.fbg,
      birthDate,
      visitDate: visitDateOf(last),
    }),
  };
}

/**
 * Where the enrolment's schedule puts the next routine visit after this one (the next due window,
 * shared/followups/windows.ts `routineDateAfter`), from the other signed visits of the enrolment;
 * undefined while the enrolment is not on the desk or the schedule has no such window (the rules
 * then count 3 months from the visit).
 */
export function routineDateOf(
  enrolment: EnrolmentDoc | null | undefined,
  plan: TransplantPlanDoc | null,
  encounters: readonly EncounterDoc[],
  current: Pick<EncounterDoc, 'recordId'>,
  birthDate: string | null,
  visitDate: string,
): string | undefined {
  if (!enrolment) return undefined;
  const visits = followUpVisitsOf(encounters).filter(
    (v) => v.enrolmentId === enrolment.id && v.recordId !== current.recordId,
  );
  const input = { enrolment: enrolment.enrolment, birthDate, plan: plan?.transplantPlan ?? null, visits };
  return routineDateAfter(input, visitDate) ?? undefined;
}

export interface VisitContext {
  visitDate: string;
  birthDate: string | null;
  previous: PreviousVisit;
  /** The next due window's date when the schedule sets it. */
  routineDate?: string;
}

/** The danger signs ticked on the form (the triggers that are signs, not measurements). */
export const ticked = (form: Pick<FollowUpForm, 'programme' | 'urgentTriggers'>): string[] =>
  form.urgentTriggers.filter((code) => urgentSignCodes[form.programme].includes(code));

function assessmentInput(form: FollowUpForm, vitals: Vitals, ctx: VisitContext, signs: readonly string[]) {
  const triggers = urgentTriggers({
    programme: form.programme,
    systolic: vitals.systolic,
    diastolic: vitals.diastolic,
    heartRate: vitals.heartRate,
    temperature: vitals.temperature,
    glucose: [vitals.glucose, form.fbg],
    signs,
  });
  const input: VisitAssessmentInput = {
    programme: form.programme,
    visitDate: ctx.visitDate,
    birthDate: ctx.birthDate,
    systolic: vitals.systolic,
    diastolic: vitals.diastolic,
    fbg: form.fbg,
    adverseReaction: form.adverseReaction,
    reactionUncontrolled: form.reactionUncontrolled,
    newComplication: form.newComplication,
    urgentTriggers: triggers,
    previous: ctx.previous,
    routineDate: ctx.routineDate,
  };
  return { input, triggers };
}

/**
 * The form with its computed values brought up to date with `vitals` and its own answers, and
 * `signs` (default: those ticked now) as the danger signs. A chosen value that equalled the
 * computed one follows it; one the doctor changed stays, with its reason. The next step follows
 * the chosen classification. When nothing decides the classification (no reading yet) the
 * doctor's choice counts as computed.
 */
export function recompute(
  form: FollowUpForm,
  vitals: Vitals,
  ctx: VisitContext,
  signs: readonly string[] = ticked(form),
): FollowUpForm {
  const { input, triggers } = assessmentInput(form, vitals, ctx, signs);
  const assessment = assessVisit(input);
  const classificationKept = form.classification === form.computedClassification;
  const computedClassification: Classification = assessment.classification ?? form.classification;
  const classification = classificationKept ? computedClassification : form.classification;
  const computedNextStep: NextStep = nextStepOf(input, classification);
  const computedNextDate = nextDateOf(computedNextStep, ctx.visitDate, ctx.routineDate);
  const nextKept = form.nextStep === form.computedNextStep && form.nextDate === form.computedNextDate;
  return {
    ...form,
    urgentTriggers: triggers,
    computedClassification,
    classification,
    classificationReason: classificationKept ? '' : form.classificationReason,
    computedNextStep,
    computedNextDate,
    nextStep: nextKept ? computedNextStep : form.nextStep,
    nextDate: nextKept ? computedNextDate : form.nextDate,
    nextReason: nextKept ? '' : form.nextReason,
  };
}

/** Why the rules send the patient on (the referral's reason is filled from these codes). */
export function referralReasonCodes(form: FollowUpForm, vitals: Vitals, ctx: VisitContext): string[] {
  const { input } = assessmentInput(form, vitals, ctx, ticked(form));
  const weighty = ['newComplication', 'reactionUncontrolled', 'secondUnsatisfactory'];
  return assessVisit(input).reasons.filter((r) => weighty.includes(r));
}

/** Whether the next step sends the patient on (a referral form is then filled). */
export const refers = (step: NextStep): boolean => step === 'referral' || step === 'urgentReferral';

/** The measured urgent triggers (not the ticked signs) of the form. */
export const measuredTriggers = (form: Pick<FollowUpForm, 'programme' | 'urgentTriggers'>): string[] =>
  form.urgentTriggers.filter((code) => !urgentSignCodes[form.programme].includes(code));

export type FollowUpBlocker =
  | { field: 'classificationReason' | 'nextReason'; code: 'reasonRequired' | 'reasonNotExpected' }
  | { field: 'symptoms'; code: 'unknownSymptom' | 'noneWithOthers' | 'duplicate' }
  | { field: 'referral'; code: 'referralRequired' | 'urgentNotReferred' }
  | { field: 'nextDate'; code: 'nextDateBeforeVisit' };

/**
 * What keeps the follow-up part of a visit from being signed: a changed computed value without a
 * reason (or a reason for a kept one), a symptom selection the form refuses, an urgent trigger the
 * visit does not refer for, a referral step without the referral's reason, a next date before the
 * visit. [] when it may be signed.
 */
export function followUpBlockers(form: FollowUpForm, visitDate: string): FollowUpBlocker[] {
  const blockers: FollowUpBlocker[] = [...overrideErrors(form)];
  for (const code of symptomErrors(form.programme, form.symptoms)) blockers.push({ field: 'symptoms', code });
  if (form.urgentTriggers.length > 0 && form.nextStep !== 'urgentReferral')
    blockers.push({ field: 'referral', code: 'urgentNotReferred' });
  else if (refers(form.nextStep) && !form.referral?.reason.trim())
    blockers.push({ field: 'referral', code: 'referralRequired' });
  if (form.nextDate < visitDate) blockers.push({ field: 'nextDate', code: 'nextDateBeforeVisit' });
  return blockers;
}
