import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppointmentDoc } from '../../../shared/appointments/schema';
import { can } from '../../../shared/auth/roles';
import type { ObservationDoc } from '../../../shared/observations/schema';
import { useOperator } from '../../app/services';
import { TriageState, waitsForDoctor } from './TriagePage';

/**
 * The Today queue's triage column: whether the visit was triaged (by whom, when) and, for a
 * patient waiting, the way to the nurse's triage of them. Empty for bookings not checked in and
 * closed visits that were never triaged.
 */
export function QueueTriageCell({ doc, triage }: { doc: AppointmentDoc; triage: ObservationDoc | null }) {
  const { t } = useTranslation('triage');
  const { operator } = useOperator();
  const waiting = waitsForDoctor(doc);
  if (!triage && !waiting) return null;
  return (
    <Space size={4} wrap data-testid="queue-triage">
      <TriageState triage={triage} />
      {waiting && can(operator.role, 'observation.write') && (
        <Link data-testid="queue-triage-open" to={`/triage?appointment=${doc.id}`}>
          {triage ? t('actions.retake') : t('actions.take')}
        </Link>
      )}
    </Space>
  );
}

/** The heading of the Today queue's triage column. */
export function QueueTriageTitle() {
  const { t } = useTranslation('triage');
  return <>{t('fields.triage')}</>;
}
