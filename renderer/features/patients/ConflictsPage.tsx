import { Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useServices } from '../../app/services';

/** Residents whose records hold collisions from two desks, for a person to settle one by one. */
export function ConflictsPage() {
  const { t } = useTranslation(['sync', 'patients']);
  const { db, searchIndex } = useServices();
  const navigate = useNavigate();
  const [rows, setRows] = useState<PatientDoc[]>();

  useEffect(() => {
    const load = async () => {
      const ids = await searchIndex.withCollisions();
      const docs = await db.patients.findByIds(ids).exec();
      setRows(ids.flatMap((id) => (docs.get(id)?.toJSON() as PatientDoc | undefined) ?? []));
    };
    void load();
    const sub = db.patients.$.subscribe(() => void load());
    return () => sub.unsubscribe();
  }, [db, searchIndex]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('conflicts.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('conflicts.intro')}</Typography.Paragraph>
      <Table<PatientDoc>
        rowKey="id"
        loading={rows === undefined}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('conflicts.empty') }}
        onRow={(row) => ({ onClick: () => navigate(`/patients/${row.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('patients:fields.name'), dataIndex: 'name', render: (name: string) => <a>{name}</a> },
          {
            title: t('conflicts.fields'),
            dataIndex: 'collisions',
            render: (collisions: PatientDoc['collisions']) =>
              collisions.map((c) => <Tag key={c.field}>{t(`patients:fields.${c.field}`)}</Tag>),
          },
        ]}
      />
    </Space>
  );
}
