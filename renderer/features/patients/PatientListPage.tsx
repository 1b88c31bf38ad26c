import { Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes, type TableHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { maskIdNumber, maskMobile } from '../../../shared/identity/mask';
import type { PatientDoc } from '../../../shared/patients/schema';
import { searchPrefixes } from '../../../shared/patients/searchKeys';
import { useServices } from '../../app/services';
import { residentSearchId } from '../../app/shortcuts';
import { useFormatters } from '../../ui/format';
import { useListbox } from '../../ui/useListbox';
import { useLive, useSync } from '../../sync/SyncContext';
import { SyncTag } from '../../sync/RecordSyncMark';
import { FirstSyncSearchNotice } from './firstSyncSearch';
import { usePatientSearch } from './hooks';
import { RemovedPatientsCard } from './PatientRemoval';

const pageSize = 50;

/** Residents: the latest registrations, or, as soon as something is typed, the matches. */
export function PatientListPage() {
  const { t } = useTranslation('patients');
  const { db } = useServices();
  const { age } = useFormatters();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [latest, setLatest] = useState<PatientDoc[]>();
  const [total, setTotal] = useState<number>();
  const { outbox } = useSync();
  const unsynced = useLive(() => outbox.entries$('patients'), [outbox]);
  const searching = query.trim() !== '';
  const matches = usePatientSearch(query, pageSize);
  const rows = searching ? matches : latest;

  useEffect(() => {
    const sub = db.patients.count().$.subscribe(setTotal);
    return () => sub.unsubscribe();
  }, [db]);

  useEffect(() => {
    if (searching) return undefined;
    const sub = db.patients
      .find({ selector: {}, sort: [{ createdAt: 'desc' }], limit: pageSize })
      .$.subscribe((docs) => setLatest(docs.map((d) => d.toJSON() as PatientDoc)));
    return () => sub.unsubscribe();
  }, [db, searching]);

  // The search box drives the rows below it: arrow keys move, Enter opens the highlighted one.
  const listbox = useListbox({
    options: (rows ?? []).map((row) => ({ key: row.id })),
    onTake: (id) => void navigate(`/patients/${id}`),
    label: t('list.title'),
    popup: 'table',
  });
  const { listProps } = listbox;
  const tableComponents = useMemo(
    () => ({
      table: (props: TableHTMLAttributes<HTMLTableElement>) => <table {...props} {...listProps} />,
    }),
    [listProps],
  );

  const tooShort = query.trim() !== '' && searchPrefixes(query).length === 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('list.title')}</Typography.Title>
      <Input.Search
        allowClear
        autoFocus
        size="large"
        id={residentSearchId}
        aria-keyshortcuts="/ F2"
        aria-label={t('list.searchPlaceholder')}
        placeholder={t('list.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        {...listbox.inputProps}
      />
      <FirstSyncSearchNotice />
      <Typography.Text type="secondary" data-testid="list-summary">
        {tooShort
          ? t('list.searchHint')
          : query.trim()
            ? t('list.matches', { count: rows?.length ?? 0 })
            : t('list.count', { count: total ?? 0 })}
      </Typography.Text>
      <Table<PatientDoc>
        rowKey="id"
        size="middle"
        loading={rows === undefined}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: query.trim() ? t('list.noMatch') : t('list.empty') }}
        components={tableComponents}
        onRow={(row) =>
          ({
            ...listbox.optionProps(row.id),
            onClick: () => navigate(`/patients/${row.id}`),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <Space size={4}>
                <a>{name}</a>
                <SyncTag entry={unsynced?.get(row.id)} />
              </Space>
            ),
          },
          {
            title: t('fields.outpatientNo'),
            dataIndex: 'outpatientNo',
            render: (no: string | undefined) => no ?? '',
          },
          { title: t('fields.sex'), dataIndex: 'sex', render: (s: PatientDoc['sex']) => t(`sex.${s}`) },
          { title: t('fields.age'), dataIndex: 'birthDate', render: (b: string) => age(b) },
          { title: t('fields.idNumber'), dataIndex: 'idNumber', render: (id: string) => maskIdNumber(id) },
          { title: t('fields.mobile'), dataIndex: 'mobile', render: (m: string) => (m ? maskMobile(m) : '') },
          {
            title: t('fields.tags'),
            dataIndex: 'tags',
            render: (tags: PatientDoc['tags']) => tags.map((tag) => <Tag key={tag}>{t(`tags.${tag}`)}</Tag>),
          },
        ]}
      />
      <RemovedPatientsCard />
    </Space>
  );
}
