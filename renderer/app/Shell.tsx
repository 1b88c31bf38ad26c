import { Button, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { can } from '../../shared/auth/roles';
import { ReconnectButton } from '../auth/ReconnectButton';
import { SignOutButton } from '../auth/SignOutButton';
import { useSession } from '../auth/SessionContext';
import { SyncIndicator } from '../sync/SyncIndicator';
import { RouteErrorBoundary } from './RouteErrorBoundary';
import { PageShortcutsContext } from './shortcutKeys';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useShellKeyboard } from './useShellKeyboard';
import { useOperator } from './services';

/** The frame around every screen: navigation, who is signed in where, lock and sign-out, the page. */
export function Shell() {
  const { t } = useTranslation(['common', 'auth', 'triage', 'worklists', 'contracts']);
  const { pathname } = useLocation();
  const { operator, lock } = useOperator();
  const session = useSession();
  const items = [
    ...(can(operator.role, 'queue.manage') ? [{ key: '/today', label: t('nav.today') }] : []),
    ...(can(operator.role, 'observation.write') ? [{ key: '/triage', label: t('triage:nav') }] : []),
    ...(can(operator.role, 'clinical.read') && session.organisation.kind === 'chc'
      ? [
          { key: '/worklists', label: t('worklists:nav') },
          { key: '/panel', label: t('contracts:nav.panel') },
        ]
      : []),
    { key: '/patients', label: t('nav.patients') },
    ...(can(operator.role, 'patient.register') ? [{ key: '/patients/new', label: t('nav.register') }] : []),
    { key: '/conflicts', label: t('nav.conflicts') },
    { key: '/settings', label: t('nav.settings') },
  ];
  const { contentRef, go, pageShortcuts, helpOpen, closeHelp } = useShellKeyboard();
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
          onClick={({ key }) => go(key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <SyncIndicator />
          {!session.online && (
            <Tooltip title={t('auth:header.offlineHint')}>
              <Tag color="orange" data-testid="offline-session">
                {t('auth:header.offline')}
              </Tag>
            </Tooltip>
          )}
          <ReconnectButton />
          <Space direction="vertical" size={0} className="shell-who">
            <Typography.Text className="shell-operator" data-testid="operator">
              {t('operator.current', { name: operator.name, role: t(`roles.${operator.role}`) })}
            </Typography.Text>
            <Typography.Text className="shell-organisation" data-testid="organisation">
              {session.organisation.name}
            </Typography.Text>
          </Space>
          <Button size="small" onClick={lock}>
            {t('auth:header.lock')}
          </Button>
          <SignOutButton />
        </Space>
      </Layout.Header>
      <Layout.Content className="shell-content" ref={contentRef}>
        <PageShortcutsContext.Provider value={pageShortcuts}>
          <RouteErrorBoundary resetKey={pathname}>
            <Outlet />
          </RouteErrorBoundary>
        </PageShortcutsContext.Provider>
      </Layout.Content>
      <ShortcutsHelp open={helpOpen} onClose={closeHelp} />
    </Layout>
  );
}
