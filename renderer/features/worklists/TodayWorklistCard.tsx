import { Card, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { useOperator } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { useWorklistData, useWorklists } from './hooks';
import { listKeys } from './rows';

/**
 * On 今日就诊: how many are due this week, overdue, lost, due a referral follow-up and whose
 * contract ends soon — a doctor's own residents, the centre's for everyone else — each a link to
 * its list.
 */
export function TodayWorklistCard() {
  const { operator } = useOperator();
  const session = useSession();
  if (!can(operator.role, 'clinical.read') || session.organisation.kind !== 'chc') return null;
  return <Counts doctorId={operator.role === 'doctor' ? operator.id : null} />;
}

function Counts({ doctorId }: { doctorId: string | null }) {
  const { t } = useTranslation('worklists');
  const data = useWorklistData();
  const worklists = useWorklists(data, doctorId);
  const scope = `doctor=${doctorId ?? ''}`;
  return (
    <Card
      size="small"
      title={t('today.title')}
      data-testid="today-worklists"
      loading={worklists === undefined}
      extra={<Link to={`/worklists?${scope}`}>{t('today.open')}</Link>}
    >
      <Flex wrap gap="small">
        {listKeys.map((key) => {
          const count = worklists?.counts[key] ?? 0;
          const alarming = count > 0 && (key === 'overdue' || key === 'lost');
          return (
            <Link key={key} to={`/worklists?${scope}&list=${key}`} data-testid={`today-worklist-${key}`}>
              <Tag
                color={alarming ? 'red' : count > 0 ? 'blue' : 'default'}
                style={{ fontSize: 14, padding: '2px 8px' }}
              >
                {t(`today.${key}`, { count })}
              </Tag>
            </Link>
          );
        })}
      </Flex>
    </Card>
  );
}
