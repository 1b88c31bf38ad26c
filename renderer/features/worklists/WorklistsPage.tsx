import { Badge, Button, Flex, Space, Table, Tabs, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator } from '../../app/services';
import { fieldText } from '../patients/display';
import { DirectorySelect } from '../today/DirectorySelect';
import { useQueueDirectory } from '../today/queueDirectory';
import { useWorklistData, useWorklists } from './hooks';
import { isListKey, listKeys, worklistRows, type ListKey, type WorklistRow } from './rows';
import { useRowWording } from './wording';

/**
 * The doctor's scope from the address: `?doctor=<staff id>`, `?doctor=` for the whole centre;
 * without it, a doctor sees their own residents and everyone else the centre's.
 */
export function useWorklistScope(): [string | null, (doctorId: string | null) => void] {
  const { operator } = useOperator();
  const [search, setSearch] = useSearchParams();
  const param = search.get('doctor');
  const doctorId = param === null ? (operator.role === 'doctor' ? operator.id : null) : param || null;
  const set = (id: string | null) =>
    setSearch(
      (s) => {
        s.set('doctor', id ?? '');
        return s;
      },
      { replace: true },
    );
  return [doctorId, set];
}

/**
 * `/worklists`: who is due this week, overdue, lost to follow-up, due a referral follow-up, or
 * whose contract ends within 30 days — for one family doctor or the centre; one click opens the
 * visit form (or the renewal); each list prints as a home-visit list.
 */
export function WorklistsPage() {
  const { t } = useTranslation('worklists');
  const [search, setSearch] = useSearchParams();
  const [doctorId, setDoctorId] = useWorklistScope();
  const directory = useQueueDirectory();
  const data = useWorklistData();
  const worklists = useWorklists(data, doctorId);
  const listParam = search.get('list');
  const list: ListKey = isListKey(listParam) ? listParam : 'dueThisWeek';
  const setList = (key: string) =>
    setSearch(
      (s) => {
        s.set('list', key);
        return s;
      },
      { replace: true },
    );
  const printQuery = new URLSearchParams({ list, doctor: doctorId ?? '' }).toString();

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="end" wrap gap="middle">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Flex gap="middle" align="end" wrap>
          <DirectorySelect
            label={t('scope')}
            testId="worklist-doctor"
            noneLabel={t('centre')}
            options={directory.doctors.map((d) => ({ value: d.id, label: d.name }))}
            value={doctorId ?? ''}
            onChange={(id) => setDoctorId(id || null)}
          />
          <Link to={`/worklists/print?${printQuery}`} data-testid="worklist-print">
            <Button>{t('actions.print')}</Button>
          </Link>
        </Flex>
      </Flex>
      <Tabs
        activeKey={list}
        onChange={setList}
        items={listKeys.map((key) => ({
          key,
          label: (
            <span data-testid={`worklist-tab-${key}`}>
              {t(`lists.${key}`)}{' '}
              <Badge
                count={worklists?.counts[key] ?? 0}
                showZero
                overflowCount={9999}
                color={key === 'overdue' || key === 'lost' ? 'red' : 'blue'}
                data-testid={`worklist-count-${key}`}
                title={t('count', { count: worklists?.counts[key] ?? 0 })}
              />
            </span>
          ),
          children: (
            <WorklistTable
              rows={worklists && data ? worklistRows(worklists, key, data.today) : undefined}
              patients={data?.patients}
              doctorName={(id) => directory.doctors.find((d) => d.id === id)?.name ?? ''}
            />
          ),
        }))}
      />
    </Space>
  );
}

/** One list: the residents, what is due, and the one-click action. */
export function WorklistTable({
  rows,
  patients,
  doctorName,
}: {
  rows: WorklistRow[] | undefined;
  patients: Map<string, PatientDoc> | undefined;
  doctorName: (id: string) => string;
}) {
  const { t } = useTranslation('worklists');
  const { t: tp } = useTranslation(['patients', 'common']);
  const { operator } = useOperator();
  const wording = useRowWording();
  const showIds = can(operator.role, 'patient.viewIdentifiers');
  const patientOf = (row: WorklistRow) => patients?.get(row.patientId);
  const columns = [
    {
      title: t('columns.name'),
      key: 'name',
      render: (_: unknown, row: WorklistRow) => (
        <Link to={`/patients/${row.patientId}`} data-testid="worklist-name">
          {patientOf(row)?.name ?? row.patientId}
        </Link>
      ),
    },
    {
      title: t('columns.phone'),
      key: 'phone',
      render: (_: unknown, row: WorklistRow) => {
        const p = patientOf(row);
        return p ? fieldText('mobile', p.mobile, tp, showIds) : '';
      },
    },
    {
      title: t('columns.address'),
      key: 'address',
      render: (_: unknown, row: WorklistRow) => {
        const p = patientOf(row);
        return p ? fieldText('address', p.address, tp, showIds) : '';
      },
    },
    {
      title: t('columns.programme'),
      key: 'programme',
      render: (_: unknown, row: WorklistRow) => wording.programme(row),
    },
    {
      title: t('columns.due'),
      key: 'due',
      render: (_: unknown, row: WorklistRow) => <span data-testid="worklist-due">{wording.due(row)}</span>,
    },
    {
      title: t('columns.doctor'),
      key: 'doctor',
      render: (_: unknown, row: WorklistRow) => (row.doctorId ? doctorName(row.doctorId) : ''),
    },
    {
      title: t('columns.action'),
      key: 'action',
      render: (_: unknown, row: WorklistRow) => (
        <Link to={row.actionPath} data-testid={`worklist-${row.action}`}>
          {t(`actions.${row.action}`)}
        </Link>
      ),
    },
  ];
  return (
    <Table<WorklistRow>
      rowKey="key"
      size="small"
      loading={rows === undefined}
      dataSource={rows ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: t('empty') }}
      onRow={() => ({ 'data-testid': 'worklist-row' }) as HTMLAttributes<HTMLElement>}
      columns={columns}
    />
  );
}
