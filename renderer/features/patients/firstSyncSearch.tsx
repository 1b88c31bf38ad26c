/**
 * While a first sync brings the centre's residents, the search index waits for its end (see
 * db/searchIndex.ts): searches then find only residents indexed before. Screens that search say so,
 * and search again once the index has caught up.
 */
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useLive } from '../../sync/SyncContext';

/** Whether the search index is waiting for a first sync to end. */
export function useSearchHeld(): boolean {
  const { searchIndex } = useServices();
  return useLive(() => searchIndex.held$, [searchIndex]) ?? false;
}

export function FirstSyncSearchNotice() {
  const { t } = useTranslation('patients');
  if (!useSearchHeld()) return null;
  return <Alert type="info" showIcon data-testid="first-sync-search" message={t('list.firstSync')} />;
}
