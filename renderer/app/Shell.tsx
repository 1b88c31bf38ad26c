import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { can } from '../../shared/auth/roles';
import { useOperator } from './services';

/** The frame around every screen: navigation, who is working, the page. */
export function Shell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { operator, signOut } = useOperator();
  const items = [
    { key: '/patients', label: t('nav.patients') },
    ...(can(operator.role, 'patient.register') ? [{ key: '/patients/new', label: t('nav.register') }] : []),
    { key: '/settings', label: t('nav.settings') },
  ];
  const selected = items.map((i) => i.key).filter((k) => pathname === k || pathname.startsWith(`${k}/`));
  const current = selected.sort((a, b) => b.length - a.length).slice(0, 1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="shell-header">
        <Typography.Text strong className="shell-title">
          {t('appName')}
        </Typography.Text>
        <Menu
          mode="horizontal"
          theme="dark"
          selectedKeys={current}
          items={items}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <Typography.Text className="shell-operator" data-testid="operator">
            {t('operator.current', { name: operator.name, role: t(`roles.${operator.role}`) })}
          </Typography.Text>
          <Button size="small" onClick={signOut}>
            {t('actions.switchUser')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="shell-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
