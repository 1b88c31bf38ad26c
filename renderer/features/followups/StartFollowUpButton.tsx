import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { isEnrolment, type EnrolmentDoc } from '../../../shared/carePlans/schema';
import { encounterKindOf, type EncounterDoc } from '../../../shared/encounters/schema';
import { useOperator } from '../../app/services';
import { usePatientCarePlans } from '../carePlans/hooks';

/** Where the follow-up visit of `enrolment` starting from consultation `from` opens. */
export const followUpStartPath = (enrolment: Pick<EnrolmentDoc, 'id' | 'patientId'>, from?: string) =>
  `/patients/${enrolment.patientId}/followups/new?enrolment=${enrolment.id}${from ? `&from=${from}` : ''}`;

/**
 * 开始随访 on a consultation of a resident enrolled in a programme here: opens the programme's
 * follow-up visit with the consultation's vitals carried over (one button for one programme, a
 * menu for several). Nothing shows for a follow-up visit, a role that writes no clinical records
 * or a resident in no active programme of this organisation.
 */
export function StartFollowUpButton({ doc }: { doc: EncounterDoc }) {
  const { t } = useTranslation('followups');
  const { operator } = useOperator();
  const navigate = useNavigate();
  const { data } = usePatientCarePlans(doc.patientId);
  if (encounterKindOf(doc) !== 'consultation' || !can(operator.role, 'clinical.write')) return null;
  const enrolments = (data ?? [])
    .filter(isEnrolment)
    .filter((e) => e.orgId === operator.orgId && e.enrolment.status === 'active');
  if (!enrolments.length) return null;
  const open = (enrolment: EnrolmentDoc) => void navigate(followUpStartPath(enrolment, doc.id));
  if (enrolments.length === 1)
    return (
      <Button data-testid="followup-start" onClick={() => open(enrolments[0]!)}>
        {t('start.fromConsultation')} · {t(`programmes.${enrolments[0]!.enrolment.programme}`)}
      </Button>
    );
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: enrolments.map((e) => ({
          key: e.id,
          label: (
            <span data-testid={`followup-start-${e.enrolment.programme}`}>
              {t(`programmes.${e.enrolment.programme}`)}
            </span>
          ),
          onClick: () => open(e),
        })),
      }}
    >
      <Button data-testid="followup-start">{t('start.fromConsultation')}</Button>
    </Dropdown>
  );
}
