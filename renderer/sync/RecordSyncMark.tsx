import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from './outbox';
import { rejectionText } from './rejectionText';
import { useLive, useSync } from './SyncContext';

/** "Not yet on the platform" / "refused: reason" for one record; nothing once it is synced. */
export function RecordSyncMark({ collection, id }: { collection: string; id: string }) {
  const { outbox } = useSync();
  const state = useLive(() => outbox.state$(collection, id), [outbox, collection, id]);
  return (
    <SyncTag
      collection={collection}
      entry={
        state?.state === 'synced' || !state
          ? undefined
          : state.state === 'rejected'
            ? { rejected: state.errors }
            : {}
      }
    />
  );
}

/** The mark for an outbox entry (undefined: synced, no mark). */
export function SyncTag({
  entry,
  collection = 'patients',
}: {
  entry: Pick<OutboxEntry, 'rejected'> | undefined;
  collection?: string;
}) {
  const { t } = useTranslation(['sync', 'patients', 'encounters', 'prescriptions']);
  if (!entry) return null;
  if (!entry.rejected)
    return (
      <Tag color="gold" data-testid="sync-mark">
        {t('record.pending')}
      </Tag>
    );
  const reasons = rejectionText(t, collection, entry.rejected);
  return (
    <Tooltip title={reasons}>
      <Tag color="red" data-testid="sync-mark">
        {t('record.rejected', { reasons })}
      </Tag>
    </Tooltip>
  );
}
