/**
 * What the resident page shows of an enrolment's schedule (pure): the windows from the shared
 * rules (shared/followups/windows.ts) with the visits recorded against the enrolment, the few
 * around now unless all are asked for, and each window's name as a translation key.
 */
import type { EnrolmentDoc, TransplantPlanDoc } from '../../../shared/carePlans/schema';
import type { DueWindow, Schedule, ScheduleVisit } from '../../../shared/followups/windows';
import { scheduleOf } from '../../../shared/followups/windows';

/** The schedule of `enrolment` on `today`, from its visits and (transplant) its centre's plan. */
export function enrolmentSchedule(
  enrolment: EnrolmentDoc,
  plan: TransplantPlanDoc | null,
  visits: readonly ScheduleVisit[],
  birthDate: string | null,
  today: string,
): Schedule {
  return scheduleOf({
    enrolment: enrolment.enrolment,
    birthDate: birthDate || null,
    plan: plan ? plan.transplantPlan : null,
    visits,
    today,
  });
}

/** The transplant centre's plan for an enrolment (the latest revision when several arrived). */
export function planFor(plans: readonly TransplantPlanDoc[], enrolmentId: string): TransplantPlanDoc | null {
  return (
    plans
      .filter((p) => p.transplantPlan.enrolmentId === enrolmentId)
      .sort(
        (a, b) =>
          b.transplantPlan.revision - a.transplantPlan.revision || b.updatedAt.localeCompare(a.updatedAt),
      )[0] ?? null
  );
}

/** Windows shown before and after the next one while the list is folded. */
export const foldedBefore = 3;
export const foldedAfter = 3;

/**
 * The windows to show: all of them, or (folded) the last {@link foldedBefore} before the next
 * window and {@link foldedAfter} from it on; a schedule with no next window shows its last ones.
 */
export function windowsToShow(schedule: Pick<Schedule, 'windows' | 'next'>, all: boolean): DueWindow[] {
  const { windows, next } = schedule;
  if (all) return windows;
  const at = next ? windows.findIndex((w) => w.key === next.key) : windows.length;
  const from = Math.max(0, at - foldedBefore);
  return windows.slice(from, at + foldedAfter);
}

/**
 * The translation key (namespace `carePlans`) and values a window is named with (`count` for the
 * ages, which English words through the plural rules).
 */
export function windowNameKey(window: Pick<DueWindow, 'programme' | 'label' | 'n'>): {
  key: string;
  values: { n: number; count: number };
} {
  const label =
    window.programme === 'transplant' && window.label === 'months' ? 'transplantMonths' : window.label;
  return { key: `windowNames.${label}`, values: { n: window.n, count: window.n } };
}
