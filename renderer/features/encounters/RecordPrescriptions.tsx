import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { useFormatters } from '../../ui/format';
import { useRecordPrescriptions } from './hooks';

/**
 * The prescription slips of a consultation: those written from any revision of the record, each
 * with its number, type, status and a link to its prescription page (slips written together open
 * together there). `chain`: the record's revisions.
 */
export function RecordPrescriptions({ chain }: { chain: readonly EncounterDoc[] }) {
  const { t } = useTranslation(['encounters', 'prescriptions']);
  const { dateTime } = useFormatters();
  const slips = useRecordPrescriptions(chain.map((r) => r.id));
  return (
    <Card size="small" title={t('page.prescriptions')} data-testid="enc-prescriptions">
      {slips.length === 0 ? (
        <Typography.Text type="secondary">{t('page.noPrescriptions')}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {slips.map((slip) => (
            <li key={slip.id} data-testid="enc-prescription" style={{ padding: '4px 0' }}>
              <Link to={`/prescriptions/${slip.groupId}`}>
                {slip.number || '—'} · {t(`prescriptions:types.${slip.type}`)} ·{' '}
                {t('history.drugCount', { count: slip.items.length })}
              </Link>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {dateTime(slip.createdAt)} · {slip.doctorName}
              </Typography.Text>
              <Tag
                style={{ marginInlineStart: 8 }}
                color={slip.voided ? 'red' : slip.status === 'signed' ? 'green' : 'gold'}
              >
                {slip.voided ? t('prescriptions:status.voided') : t(`prescriptions:status.${slip.status}`)}
              </Tag>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
