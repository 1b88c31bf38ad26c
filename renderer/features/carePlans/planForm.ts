/**
 * The post-transplant plan form's values, checks and the plan fields it saves (pure). The
 * transplant centre's specialist sets the intervals by phase and the tests each visit; every
 * change after the first is a new revision with its reason.
 */
import type { AnalyteCode } from '../../../shared/observations/analytes';
import type { TransplantPlanFields } from '../../../shared/carePlans/schema';

export type PhaseDraft = {
  fromMonth: number | null;
  toMonth: number | null;
  intervalMonths: number | null;
};

export type PlanDraft = {
  phases: PhaseDraft[];
  tests: AnalyteCode[];
  instructions: string;
  /** Required when the plan exists already: why it changes. */
  revisionReason: string;
};

/** The usual start (DOMAIN §3.7): every 3 months in the first year, every 6 until 5 years. */
export const defaultPlanDraft: PlanDraft = {
  phases: [
    { fromMonth: 0, toMonth: 12, intervalMonths: 3 },
    { fromMonth: 12, toMonth: 60, intervalMonths: 6 },
  ],
  tests: ['wbc', 'neut', 'hb', 'plt', 'alt', 'ast', 'tbil', 'creatinine'],
  instructions: '',
  revisionReason: '',
};

/** The most months a plan reaches (10 years: beyond the 5 that count as cure, with room). */
export const maxPlanMonths = 120;
export const maxInstructions = 2000;
export const maxReason = 200;

export type PlanErrorCode =
  | 'required'
  | 'phaseGap'
  | 'phaseOrder'
  | 'interval'
  | 'tooLong'
  | 'testsRequired'
  | 'reasonRequired'
  | 'unchanged';
/** Field keys: `phases.<i>.<part>`, `phases`, `tests`, `instructions`, `revisionReason`. */
export type PlanErrors = Record<string, PlanErrorCode>;

const whole = (n: number | null): n is number => n !== null && Number.isInteger(n);

/**
 * What stops the plan from being saved: phases that do not start at month 0 or leave a gap,
 * a phase that ends before it starts, an interval under a month or longer than its phase, no
 * tests, or (revising) no reason or no change.
 */
export function planErrors(draft: PlanDraft, current: TransplantPlanFields | null): PlanErrors {
  const errors: PlanErrors = {};
  if (draft.phases.length === 0) errors.phases = 'required';
  let expectedFrom = 0;
  draft.phases.forEach((p, i) => {
    const key = `phases.${i}`;
    if (!whole(p.fromMonth)) errors[`${key}.fromMonth`] = 'required';
    else if (p.fromMonth !== expectedFrom) errors[`${key}.fromMonth`] = 'phaseGap';
    if (!whole(p.toMonth)) errors[`${key}.toMonth`] = 'required';
    else if (whole(p.fromMonth) && p.toMonth <= p.fromMonth) errors[`${key}.toMonth`] = 'phaseOrder';
    else if (p.toMonth > maxPlanMonths) errors[`${key}.toMonth`] = 'tooLong';
    if (!whole(p.intervalMonths)) errors[`${key}.intervalMonths`] = 'required';
    else if (
      p.intervalMonths < 1 ||
      (whole(p.fromMonth) &&
        whole(p.toMonth) &&
        p.toMonth > p.fromMonth &&
        p.intervalMonths > p.toMonth - p.fromMonth)
    )
      errors[`${key}.intervalMonths`] = 'interval';
    if (whole(p.toMonth)) expectedFrom = p.toMonth;
  });
  if (draft.tests.length === 0) errors.tests = 'testsRequired';
  if (current) {
    if (!draft.revisionReason.trim()) errors.revisionReason = 'reasonRequired';
    else if (!planChanged(draft, current)) errors.revisionReason = 'unchanged';
  }
  return errors;
}

const samePhases = (a: PhaseDraft[], b: TransplantPlanFields['phases']) =>
  a.length === b.length &&
  a.every(
    (p, i) =>
      p.fromMonth === b[i]?.fromMonth &&
      p.toMonth === b[i]?.toMonth &&
      p.intervalMonths === b[i]?.intervalMonths,
  );

/** Whether the form differs from the plan as it stands. */
export function planChanged(draft: PlanDraft, current: TransplantPlanFields): boolean {
  return (
    !samePhases(draft.phases, current.phases) ||
    [...draft.tests].sort().join() !== [...current.tests].sort().join() ||
    draft.instructions.trim() !== current.instructions
  );
}

/** The form's start for a plan that exists: its values, with no reason yet. */
export function draftOfPlan(plan: TransplantPlanFields): PlanDraft {
  return {
    phases: plan.phases.map((p) => ({ ...p })),
    tests: [...plan.tests],
    instructions: plan.instructions,
    revisionReason: '',
  };
}

/**
 * The plan fields to save: revision 1 for a new plan; the next revision, with its reason, for a
 * change. Only call with a draft {@link planErrors} passes.
 */
export function toPlanFields(
  draft: PlanDraft,
  enrolment: { id: string; transplantDate: string },
  centreOrgId: string,
  current: TransplantPlanFields | null,
): TransplantPlanFields {
  return {
    enrolmentId: enrolment.id,
    centreOrgId,
    transplantDate: enrolment.transplantDate,
    phases: draft.phases.map((p) => ({
      fromMonth: p.fromMonth as number,
      toMonth: p.toMonth as number,
      intervalMonths: p.intervalMonths as number,
    })),
    tests: [...draft.tests],
    instructions: draft.instructions.trim(),
    revision: current ? current.revision + 1 : 1,
    revisionReason: current ? draft.revisionReason.trim() : '',
  };
}

/** Visits the phases ask for, month by month after the transplant (e.g. 3, 6, 9, 12, 18, …). */
export function plannedMonths(phases: TransplantPlanFields['phases']): number[] {
  const months = new Set<number>();
  for (const p of phases)
    for (let m = p.fromMonth + p.intervalMonths; m <= p.toMonth; m += p.intervalMonths) months.add(m);
  return [...months].sort((a, b) => a - b);
}
