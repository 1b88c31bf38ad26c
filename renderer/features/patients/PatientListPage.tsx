import { Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { maskIdNumber, maskMobile } from '../../../shared/identity/mask';
import type { PatientDoc } from '../../../shared/patients/schema';
import { searchPrefixes } from '../../../shared/patients/searchKeys';
import { useServices } from '../../app/services';
import { useFormatters } from '../../ui/format';
import { useLive, useSync } from '../../sync/SyncContext';
import { SyncTag } from '../../sync/RecordSyncMark';
import { FirstSyncSearchNotice, useSearchHeld } from './firstSyncSearch';

const pageSize = 50;

/** Residents: the latest registrations, or, as soon as something is typed, the matches. */
export function PatientListPage() {
  const { t } = useTranslation('patients');
  const { db, searchIndex } = useServices();
  const { age } = useFormatters();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<PatientDoc[]>();
  const [total, setTotal] = useState<number>();
  const latestQuery = useRef(0);
  const { outbox } = useSync();
  const unsynced = useLive(() => outbox.entries$('patients'), [outbox]);
  const searchHeld = useSearchHeld();

  useEffect(() => {
    const sub = db.patients.count().$.subscribe(setTotal);
    return () => sub.unsubscribe();
  }, [db]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      const sub = db.patients
        .find({ selector: {}, sort: [{ createdAt: 'desc' }], limit: pageSize })
        .$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as PatientDoc)));
      return () => sub.unsubscribe();
    }
    // Results of an older keystroke must never overwrite a newer one.
    const ticket = ++latestQuery.current;
    void (async () => {
      const hits = await searchIndex.search(q, pageSize);
      const docs = await db.patients.findByIds(hits.map((h) => h.id)).exec();
      if (ticket !== latestQuery.current) return;
      setRows(hits.flatMap((h) => docs.get(h.id)?.toJSON() ?? []) as PatientDoc[]);
    })();
    return undefined;
    // Searched again when a first sync's residents have been indexed.
  }, [db, searchIndex, query, searchHeld]);

  const tooShort = query.trim() !== '' && searchPrefixes(query).length === 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('list.title')}</Typography.Title>
      <Input.Search
        allowClear
        autoFocus
        size="large"
        aria-label={t('list.searchPlaceholder')}
        placeholder={t('list.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
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
        onRow={(row) => ({ onClick: () => navigate(`/patients/${row.id}`), style: { cursor: 'pointer' } })}
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
    </Space>
  );
}
