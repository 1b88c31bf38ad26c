/**
 * Hypertension and type 2 diabetes follow-up rules (DOMAIN.md §3.1–3.2): control targets by age,
 * the visit classification (此次随访分类), the next management step (下一步管理措施) with the
 * two-consecutive rule, and the next visit date. Pure: the visit date is a parameter.
 */
import type { Programme } from '../carePlans/schema';
import type { Classification, NextStep } from '../encounters/followUp';
import { addDays, addMonths, ageInYears } from './dates';

/** A blood-pressure target: controlled means strictly below both numbers. */
export interface BpTarget {
  systolic: number;
  diastolic: number;
}

/** Age from which the hypertension target is < 150/90 (DOMAIN.md §3.1). */
export const elderlyTargetAge = 65;

/** < 140/90 under 65; < 150/90 from the 65th birthday on. */
export const bpTargetForAge = (age: number | null): BpTarget =>
  age !== null && age >= elderlyTargetAge
    ? { systolic: 150, diastolic: 90 }
    : { systolic: 140, diastolic: 90 };

/** The target for a patient born on `birthDate` at a visit on `on` (unknown birth date: < 140/90). */
export const bpTargetOn = (birthDate: string | null | undefined, on: string): BpTarget =>
  bpTargetForAge(ageInYears(birthDate, on));

/** Fasting glucose is controlled below 7.0 mmol/L (DOMAIN.md §3.2). */
export const fbgTarget = 7.0;

/** Days to a revisit after a first unsatisfactory visit or a reaction, and to a referral follow-up. */
export const revisitDays = 14;
/**
 * Months to the next routine visit after a satisfactory one (≥ 4 visits a year), counted from the
 * due date when the visit came late (shared/followups/windows.ts `routineDateAfter`).
 */
export const routineMonths = 3;

export interface ControlInput {
  programme: Programme;
  systolic: number | null;
  diastolic: number | null;
  /** Fasting glucose, mmol/L. */
  fbg: number | null;
  birthDate: string | null;
  visitDate: string;
}

const has = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/**
 * Whether the visit's measurement is at target: hypertension by blood pressure (both readings
 * needed), diabetes by fasting glucose. Null when not measured or when the programme has no
 * control target here.
 */
export function controlOf(input: ControlInput): boolean | null {
  if (input.programme === 'hypertension') {
    if (!has(input.systolic) || !has(input.diastolic)) return null;
    const target = bpTargetOn(input.birthDate, input.visitDate);
    return input.systolic < target.systolic && input.diastolic < target.diastolic;
  }
  if (input.programme === 'diabetes') return has(input.fbg) ? input.fbg < fbgTarget : null;
  return null;
}

export interface VisitAssessmentInput extends ControlInput {
  /** '' when none. */
  adverseReaction: string;
  reactionUncontrolled: boolean;
  newComplication: boolean;
  /** Codes from shared/followups/urgent.ts that fired. */
  urgentTriggers: readonly string[];
  /**
   * The enrolment's previous signed visit: its recorded classification and whether it was at
   * target ({@link controlOf}); null for the first visit.
   */
  previous: { classification: Classification; controlled: boolean | null } | null;
  /**
   * The next routine date in the enrolment's next due window (shared/followups/windows.ts
   * `routineDateAfter`); absent: {@link routineMonths} after the visit.
   */
  routineDate?: string;
}

/** Why the computed values are what they are, in the order they weigh. */
export type AssessmentReason =
  | 'urgent'
  | 'newComplication'
  | 'reactionUncontrolled'
  | 'secondUnsatisfactory'
  | 'adverseReaction'
  | 'notAtTarget'
  | 'atTarget'
  | 'notMeasured';

export interface VisitAssessment {
  controlled: boolean | null;
  /** Null when nothing decides it (hypertension without BP, diabetes without FBG): the doctor picks. */
  classification: Classification | null;
  nextStep: NextStep;
  nextDate: string;
  reasons: AssessmentReason[];
}

const hasReaction = (input: Pick<VisitAssessmentInput, 'adverseReaction' | 'reactionUncontrolled'>) =>
  input.adverseReaction.trim() !== '' || input.reactionUncontrolled;

/**
 * 此次随访分类, the most severe that applies: a new or worse complication > an adverse reaction >
 * not at target (unsatisfactory) > at target (satisfactory). Programmes without a control target
 * (transplant, elderly, …) are satisfactory unless a reaction or complication is recorded.
 */
export function classifyVisit(input: VisitAssessmentInput): Classification | null {
  if (input.newComplication) return 'complication';
  if (hasReaction(input)) return 'adverseReaction';
  const controlled = controlOf(input);
  if (controlled === false) return 'unsatisfactory';
  if (controlled === true) return 'satisfactory';
  return input.programme === 'hypertension' || input.programme === 'diabetes' ? null : 'satisfactory';
}

const previousUnsatisfactory = (previous: VisitAssessmentInput['previous']) =>
  previous !== null && (previous.classification === 'unsatisfactory' || previous.controlled === false);

/**
 * 下一步管理措施 for a visit with the (possibly overridden) `classification`: urgent triggers →
 * urgent referral; a new complication, an uncontrolled reaction or a second consecutive visit not
 * at target → referral (followed up within 2 weeks); a first visit not at target or a reaction →
 * revisit within 2 weeks; otherwise routine.
 */
export function nextStepOf(input: VisitAssessmentInput, classification: Classification | null): NextStep {
  if (input.urgentTriggers.length > 0) return 'urgentReferral';
  if (classification === 'complication' || input.newComplication || input.reactionUncontrolled)
    return 'referral';
  // The doctor's classification decides when there is one; the measurement when there is none.
  // A reaction recorded as the most severe class can hide a reading not at target: it counts.
  const controlled = controlOf(input);
  const unsatisfactoryNow =
    classification === null
      ? controlled === false
      : classification === 'unsatisfactory' || (classification === 'adverseReaction' && controlled === false);
  if (unsatisfactoryNow && previousUnsatisfactory(input.previous)) return 'referral';
  if (unsatisfactoryNow || classification === 'adverseReaction') return 'twoWeek';
  if (classification === null && hasReaction(input)) return 'twoWeek';
  return 'routine';
}

/**
 * The next visit date for a step: 2 weeks after the visit for a revisit or a referral's follow-up
 * (urgent or not); the routine date of the schedule, or 3 months after the visit.
 */
export function nextDateOf(step: NextStep, visitDate: string, routineDate?: string): string {
  if (step !== 'routine') return addDays(visitDate, revisitDays);
  return routineDate ?? addMonths(visitDate, routineMonths);
}

/** Everything the form computes for a visit, with the reasons in weight order. */
export function assessVisit(input: VisitAssessmentInput): VisitAssessment {
  const controlled = controlOf(input);
  const classification = classifyVisit(input);
  const nextStep = nextStepOf(input, classification);
  const reasons: AssessmentReason[] = [];
  if (input.urgentTriggers.length > 0) reasons.push('urgent');
  if (input.newComplication) reasons.push('newComplication');
  if (input.reactionUncontrolled) reasons.push('reactionUncontrolled');
  if (controlled === false && previousUnsatisfactory(input.previous)) reasons.push('secondUnsatisfactory');
  if (input.adverseReaction.trim() !== '') reasons.push('adverseReaction');
  if (controlled === false) reasons.push('notAtTarget');
  if (controlled === true) reasons.push('atTarget');
  if (controlled === null && (input.programme === 'hypertension' || input.programme === 'diabetes'))
    reasons.push('notMeasured');
  return {
    controlled,
    classification,
    nextStep,
    nextDate: nextDateOf(nextStep, input.visitDate, input.routineDate),
    reasons,
  };
}
