/**
 * Who may do what with care plans at this desk (the platform checks the same on every push;
 * the screens only decide what to offer): a community centre's doctor enrols residents and
 * changes the centre's own enrolments; the transplant centre named by a transplant enrolment,
 * with the resident's consent, sets and revises its plan.
 */
import { consentGiven } from '../../../shared/carePlans/consent';
import type { TFunction } from 'i18next';
import { can } from '../../../shared/auth/roles';
import type { EnrolmentDoc } from '../../../shared/carePlans/schema';
import type { OrganisationSummary } from '../../../shared/platform/auth';
import type { Operator } from '../../app/operator';

/** Whether the operator may enrol residents here: a doctor of a community health centre. */
export function canEnrol(operator: Operator, organisation: Pick<OrganisationSummary, 'kind'>): boolean {
  return can(operator.role, 'carePlan.write') && operator.role === 'doctor' && organisation.kind === 'chc';
}

/** Whether the operator may move due dates of, or end, this enrolment: its own centre's doctor. */
export function canChangeEnrolment(
  operator: Operator,
  organisation: Pick<OrganisationSummary, 'kind'>,
  enrolment: Pick<EnrolmentDoc, 'orgId'>,
): boolean {
  return canEnrol(operator, organisation) && enrolment.orgId === operator.orgId;
}

/**
 * Whether the operator may set this enrolment's post-transplant plan: a role that writes care
 * plans at the hospital the enrolment names as its transplant centre, while the enrolment is
 * active and the resident's consent to share stands.
 */
export function canSetPlan(
  operator: Operator,
  organisation: Pick<OrganisationSummary, 'kind'>,
  enrolment: EnrolmentDoc,
): boolean {
  const e = enrolment.enrolment;
  return (
    can(operator.role, 'carePlan.write') &&
    organisation.kind === 'hospital' &&
    e.programme === 'transplant' &&
    e.status === 'active' &&
    consentGiven(e) &&
    e.transplantOrgId === operator.orgId
  );
}

/** A refused save (the repository's result) in the user's words. */
export function refusalText(
  result: { reason: string; errors?: readonly { field: string; code: string }[] },
  t: TFunction<'carePlans'>,
): string {
  if (result.reason === 'invalid' && result.errors?.length)
    return [
      ...new Set(
        result.errors.map((e) =>
          t(`errors.${e.code}` as 'errors.invalid', { defaultValue: t('errors.invalid') }),
        ),
      ),
    ].join(' ');
  return t(`errors.${result.reason}` as 'errors.invalid', { defaultValue: t('errors.invalid') });
}
