import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveFailureKind } from './failure';

/** A save the database refused, said beside the form that still holds what was typed. */
export function SaveFailureAlert({ error }: { error: unknown }) {
  const { t } = useTranslation('common');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="save-failure"
      title={t(`failure.save.${saveFailureKind(error)}`)}
    />
  );
}
