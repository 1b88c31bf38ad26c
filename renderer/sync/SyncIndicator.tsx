import { Badge, Button, Popover, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../ui/format';
import { useLive, useSync, useSyncStatus } from './SyncContext';

const colours = { connecting: 'processing', online: 'success', offline: 'default', error: 'error' } as const;

/** The header's sync facts: connection, records waiting or refused, last successful sync. */
export function SyncIndicator() {
  const { t } = useTranslation('sync');
  const { dateTime } = useFormatters();
  const { engine, outbox } = useSync();
  const status = useSyncStatus();
  // Every collection's rows: a walk-in or a signed consultation waits like a resident does.
  const counts = useLive(() => outbox.counts$(), [outbox]);
  // Rows that carry another person's acts wait for them to sign in here (DESIGN.md §10).
  const waiting = useLive(() => outbox.waiting$(), [outbox]);
  const waitingNames = [...new Set((waiting ?? []).flatMap((entry) => entry.names))];
  const label = status ? t(`state.${status.state}`) : t('state.notSignedIn');
  const details = (
    <Space direction="vertical" size={4}>
      {status?.error && (
        <Typography.Text type="danger">
          {t(`errors.${status.error}`, { defaultValue: status.error })}
        </Typography.Text>
      )}
      <Typography.Text>
        {status?.lastSyncAt ? t('lastSync', { time: dateTime(status.lastSyncAt) }) : t('never')}
      </Typography.Text>
      {engine && (
        <Button size="small" onClick={() => engine.syncNow()}>
          {t('syncNow')}
        </Button>
      )}
    </Space>
  );
  return (
    <Popover content={details}>
      <Space data-testid="sync-indicator" className="sync-indicator">
        <Badge
          status={status ? colours[status.state] : 'default'}
          text={<span className="shell-operator">{label}</span>}
        />
        {counts && counts.pending > 0 && (
          <span className="shell-operator">{t('pending', { count: counts.pending })}</span>
        )}
        {waitingNames.length > 0 && (
          <span className="shell-operator" data-testid="sync-waiting">
            {t('waitingFor', {
              count: waiting!.length,
              names: waitingNames.join(t('nameSeparator')),
            })}
          </span>
        )}
        {counts && counts.rejected > 0 && (
          <Typography.Text type="danger" strong>
            {t('rejected', { count: counts.rejected })}
          </Typography.Text>
        )}
      </Space>
    </Popover>
  );
}
