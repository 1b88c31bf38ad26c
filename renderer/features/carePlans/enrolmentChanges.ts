/**
 * Leaving a programme and moving a due date: the small forms' values and checks (pure; the
 * screen translates the codes).
 */
import { isIsoDate } from '../../../shared/followups/dates';
import type { EnrolmentFields, LeftReason } from '../../../shared/carePlans/schema';
import { carePlanTextLimits } from '../../../shared/carePlans/schema';

const isDate = isIsoDate;

export type LeaveDraft = {
  leftOn: string;
  leftReason: LeftReason | null;
  leftNote: string;
};

export type LeaveErrors = Partial<
  Record<keyof LeaveDraft, 'required' | 'afterToday' | 'beforeEnrolment' | 'tooLong'>
>;

/**
 * A leaving date between enrolment and today, a reason, and for `other` a note saying what
 * happened.
 */
export function leaveErrors(
  draft: LeaveDraft,
  enrolment: Pick<EnrolmentFields, 'enrolledOn'>,
  today: string,
) {
  const errors: LeaveErrors = {};
  if (!isDate(draft.leftOn)) errors.leftOn = 'required';
  else if (draft.leftOn > today) errors.leftOn = 'afterToday';
  else if (draft.leftOn < enrolment.enrolledOn) errors.leftOn = 'beforeEnrolment';
  if (!draft.leftReason) errors.leftReason = 'required';
  if (draft.leftReason === 'other' && !draft.leftNote.trim()) errors.leftNote = 'required';
  if (draft.leftNote.length > carePlanTextLimits.note) errors.leftNote = 'tooLong';
  return errors;
}

export type DueDateDraft = {
  dueDate: string;
  reason: string;
};

export type DueDateErrors = Partial<
  Record<keyof DueDateDraft, 'required' | 'beforeEnrolment' | 'unchanged' | 'tooLong'>
>;

/** A new date (not before enrolment, not the one it has) and a reason for moving it. */
export function dueDateErrors(
  draft: DueDateDraft,
  enrolment: Pick<EnrolmentFields, 'enrolledOn'>,
  currentDueDate: string,
): DueDateErrors {
  const errors: DueDateErrors = {};
  if (!isDate(draft.dueDate)) errors.dueDate = 'required';
  else if (draft.dueDate < enrolment.enrolledOn) errors.dueDate = 'beforeEnrolment';
  else if (draft.dueDate === currentDueDate) errors.dueDate = 'unchanged';
  if (!draft.reason.trim()) errors.reason = 'required';
  else if (draft.reason.length > carePlanTextLimits.reason) errors.reason = 'tooLong';
  return errors;
}
