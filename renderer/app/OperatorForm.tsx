import { Button, Card, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../shared/auth/roles';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { deskOrgId, type Operator } from './operator';

/** Asks who is working at this desk before any record can be touched. */
export function OperatorForm({ onDone }: { onDone: (operator: Operator) => void }) {
  const { t } = useTranslation();
  const submit = ({ name, role }: { name: string; role: Role }) =>
    onDone({ id: crypto.randomUUID(), name: name.trim(), role, orgId: deskOrgId() });
  return (
    <div className="operator-gate">
      <Card title={t('appName')} extra={<LanguageSwitch />} style={{ width: 420 }}>
        <Typography.Title level={4}>{t('operator.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('operator.intro')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} initialValues={{ role: 'registrar' }}>
          <Form.Item
            name="name"
            label={t('operator.name')}
            rules={[{ required: true, whitespace: true, message: t('operator.nameRequired') }]}
          >
            <Input autoFocus maxLength={50} />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('operator.role')}
            rules={[{ required: true, message: t('operator.roleRequired') }]}
          >
            <Select options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            {t('actions.start')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
