import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { punctuationOf } from '../../ui/punctuation';
import type { SaveResult } from './patientRepository';

type Failure = Exclude<SaveResult, { ok: true }>;

/** Explains, in the user's language, why a save did not happen and what to do next. */
export function SaveNotice({
  result,
  onConfirmDistinct,
}: {
  result: Failure;
  onConfirmDistinct?: () => void;
}) {
  const { t } = useTranslation(['patients', 'common']);
  switch (result.reason) {
    case 'duplicateId':
      return (
        <Alert
          type="error"
          role="alert"
          title={t('duplicate.sameId')}
          description={
            <Link to={`/patients/${result.existing.id}`}>
              {t('duplicate.open', { name: result.existing.name })}
            </Link>
          }
        />
      );
    case 'sameNameAndBirthDate':
      return (
        <Alert
          type="warning"
          role="alert"
          title={t('duplicate.sameNameBirth', {
            names: result.similar.map((s) => s.name).join(punctuationOf(t).list),
          })}
          description={
            <Space wrap>
              {result.similar.map((s) => (
                <Link key={s.id} to={`/patients/${s.id}`}>
                  {t('duplicate.open', { name: s.name })}
                </Link>
              ))}
              {onConfirmDistinct && (
                <Button size="small" onClick={onConfirmDistinct}>
                  {t('duplicate.saveAnyway')}
                </Button>
              )}
            </Space>
          }
        />
      );
    case 'invalid':
      return <Alert type="error" role="alert" title={t('register.fixErrors')} />;
    case 'unchanged':
      return <Alert type="info" role="alert" title={t('profile.noChanges')} />;
    case 'notFound':
      return <Alert type="error" role="alert" title={t('profile.notFound')} />;
    case 'forbidden':
      return <Alert type="error" role="alert" title={t('common:noPermission')} />;
  }
}
