import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/auth/roles';
import { canonicalJson } from '../../../shared/json/canonicalJson';
import type { PatientDoc, PatientField, PatientFields } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { fieldText } from './display';
import { resolveCollision } from './patientRepository';

/** Fields two desks changed differently while apart, with a way to choose the right value. */
export function CollisionsCard({
  patient,
  showIdentifiers,
}: {
  patient: PatientDoc;
  showIdentifiers: boolean;
}) {
  const { t } = useTranslation(['patients', 'common']);
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  if (patient.collisions.length === 0) return null;
  const mayResolve = can(operator.role, 'patient.edit');
  const text = (field: PatientField, value: string) =>
    fieldText(field, JSON.parse(value) as PatientFields[typeof field], t, showIdentifiers);

  const choose = async (field: PatientField, value: string) => {
    const result = await resolveCollision(db.patients, patient.id, field, value, operator);
    if (result.ok) void message.success(t('collisions.resolved'));
  };

  return (
    <Card title={t('collisions.title')} size="small" data-testid="collisions">
      <Alert type="warning" title={t('collisions.intro')} style={{ marginBottom: 12 }} />
      {patient.collisions.map((collision) => (
        <List
          key={collision.field}
          header={<Typography.Text strong>{t(`fields.${collision.field}`)}</Typography.Text>}
          dataSource={collision.values}
          renderItem={(value) => {
            const shown = value === canonicalJson(patient[collision.field]);
            return (
              <List.Item
                actions={
                  mayResolve
                    ? [
                        <Button key="choose" size="small" onClick={() => void choose(collision.field, value)}>
                          {t('collisions.choose')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Space>
                  <span>{text(collision.field, value)}</span>
                  {shown && <Tag>{t('collisions.shown')}</Tag>}
                </Space>
              </List.Item>
            );
          }}
        />
      ))}
    </Card>
  );
}
