import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { useOperator } from '../../app/services';

/** The way from a resident's page to their panorama, for staff who read clinical records. */
export function PanoramaLink({ patientId }: { patientId: string }) {
  const { t } = useTranslation('panorama');
  const { operator } = useOperator();
  if (!can(operator.role, 'clinical.read')) return null;
  return (
    <Link to={`/patients/${patientId}/panorama`} data-testid="panorama-open">
      <Button>{t('open')}</Button>
    </Link>
  );
}
