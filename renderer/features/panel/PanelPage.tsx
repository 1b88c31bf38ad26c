import { Flex, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ScheduleState } from '../../../shared/followups/windows';
import { enrolmentStatuses } from '../../../shared/followups/worklist';
import { useFormatters } from '../../ui/format';
import { fieldText } from '../patients/display';
import { DirectorySelect } from '../today/DirectorySelect';
import { useQueueDirectory } from '../today/queueDirectory';
import { useWorklistData } from '../worklists/hooks';
import { visitPath } from '../worklists/rows';
import { useWorklistScope } from '../worklists/WorklistsPage';
import { panelRows, type PanelRow } from './panelRows';

const stateColour: Record<ScheduleState, string> = {
  lost: 'red',
  overdue: 'red',
  due: 'orange',
  upcoming: 'green',
  noPlan: 'default',
  complete: 'default',
  left: 'default',
};

/**
 * `/panel`: a family doctor's contracted residents (签约居民), with each one's programmes and
 * where each schedule stands, those needing attention first; one click opens a visit form.
 */
export function PanelPage() {
  const { t } = useTranslation('contracts');
  const { t: tc } = useTranslation('carePlans');
  const { t: tp } = useTranslation(['patients', 'common']);
  const { date, age } = useFormatters();
  const [doctorId, setDoctorId] = useWorklistScope();
  const directory = useQueueDirectory();
  const data = useWorklistData();
  const rows = useMemo(() => {
    if (!data) return undefined;
    const patients = [...data.patients.values()].map((p) => ({ id: p.id, birthDate: p.birthDate || null }));
    const statuses = enrolmentStatuses({
      today: data.today,
      carePlans: data.carePlans,
      visits: data.visits,
      patients,
    });
    return panelRows(data.carePlans, statuses, doctorId, data.today);
  }, [data, doctorId]);
  const patientOf = (row: PanelRow) => data?.patients.get(row.patientId);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="end" wrap gap="middle">
        <Space align="baseline">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('panel.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="panel-count">
            {t('panel.count', { count: rows?.length ?? 0 })}
          </Typography.Text>
        </Space>
        <DirectorySelect
          label={t('panel.doctor')}
          testId="panel-doctor"
          noneLabel={t('panel.allDoctors')}
          options={directory.doctors.map((d) => ({ value: d.id, label: d.name }))}
          value={doctorId ?? ''}
          onChange={(id) => setDoctorId(id || null)}
        />
      </Flex>
      <Table<PanelRow>
        rowKey="patientId"
        size="small"
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('panel.empty') }}
        onRow={() => ({ 'data-testid': 'panel-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('panel.name'),
            key: 'name',
            render: (_, row) => (
              <Link to={`/patients/${row.patientId}`} data-testid="panel-name">
                {patientOf(row)?.name ?? row.patientId}
              </Link>
            ),
          },
          {
            title: t('panel.age'),
            key: 'age',
            render: (_, row) => {
              const p = patientOf(row);
              return p ? `${fieldText('sex', p.sex, tp, false)} · ${age(p.birthDate)}` : '';
            },
          },
          {
            title: t('panel.populationTypes'),
            key: 'types',
            render: (_, row) =>
              row.contract.contract.populationTypes
                .map((p) => t(`populationTypes.${p}`))
                .join(t('separator')),
          },
          {
            title: t('panel.programmes'),
            key: 'programmes',
            render: (_, row) =>
              row.programmes.length === 0 ? (
                <Typography.Text type="secondary">{t('panel.noProgramme')}</Typography.Text>
              ) : (
                <Space wrap size={4}>
                  {row.programmes.map((p) => (
                    <Link
                      key={p.enrolmentId}
                      to={visitPath(row.patientId, p.enrolmentId, null)}
                      data-testid="panel-programme"
                    >
                      <Tag color={stateColour[p.state]}>
                        {tc(`short.${p.programme}`)} · {tc(`scheduleStates.${p.state}`)}
                        {p.nextDue ? ` · ${date(p.nextDue)}` : ''}
                      </Tag>
                    </Link>
                  ))}
                </Space>
              ),
          },
          {
            title: t('panel.contractEnd'),
            key: 'end',
            render: (_, row) => date(row.contract.contract.endDate),
          },
        ]}
      />
    </Space>
  );
}
