import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc/contract';
import { can } from '../../../shared/auth/roles';
import { useOperator } from '../../app/services';
import { host } from '../../host';
import { useFormatters } from '../../ui/format';
import { IdleLockSetting } from './IdleLockSetting';
import { LanguageSwitch } from './LanguageSwitch';
import { PlatformAddressSetting } from './PlatformAddressSetting';
import { PrintSettings } from '../prescriptions/PrintSettings';
import { formatAuditHead } from '../../../shared/audit/head';
import { keptAuditHead } from '../../platform/auditHead';

interface StorageState {
  usage?: number;
  quota?: number;
  persisted?: boolean;
}

async function readStorage(): Promise<StorageState> {
  const storage = navigator.storage;
  if (!storage?.estimate) return {};
  const [{ usage, quota }, persisted] = await Promise.all([storage.estimate(), storage.persisted?.()]);
  return { usage, quota, persisted };
}

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const { bytes } = useFormatters();
  const [storage, setStorage] = useState<StorageState>({});
  const [info, setInfo] = useState<AppInfo>();
  const [requestResult, setRequestResult] = useState<'granted' | 'denied' | 'unsupported'>();
  const { operator } = useOperator();

  useEffect(() => {
    void readStorage().then(setStorage);
    void host.appInfo().then(setInfo);
  }, []);

  const requestPersistence = async () => {
    if (!navigator.storage?.persist) return setRequestResult('unsupported');
    const granted = await navigator.storage.persist();
    setRequestResult(granted ? 'granted' : 'denied');
    setStorage(await readStorage());
  };

  const { usage, quota, persisted } = storage;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('title')}</Typography.Title>
      <Card title={t('language')}>
        <Space direction="vertical">
          <LanguageSwitch />
          <Typography.Text type="secondary">{t('languageHint')}</Typography.Text>
        </Space>
      </Card>
      <Card title={t('security.title')}>
        <IdleLockSetting />
      </Card>
      <PrintSettings />
      <Card title={t('platformAddress.title')}>
        {info && (
          <PlatformAddressSetting
            info={info}
            canConfigure={can(operator.role, 'desk.configure')}
            save={async (request) => {
              const next = await host.setPlatformUrl(request);
              setInfo(next);
              return next;
            }}
            reload={() => window.location.reload()}
          />
        )}
      </Card>
      <Card title={t('storage.title')}>
        {usage !== undefined && quota ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text data-testid="storage-usage">
              {t('storage.used', { used: bytes(usage), quota: bytes(quota) })}
            </Typography.Text>
            <Progress percent={Math.max(0.1, Math.round((usage / quota) * 1000) / 10)} />
          </Space>
        ) : (
          <Typography.Text>{t('storage.unknown')}</Typography.Text>
        )}
        <Alert
          style={{ marginTop: 16 }}
          type={persisted ? 'success' : 'warning'}
          title={persisted ? t('storage.persisted') : t('storage.notPersisted')}
          action={
            persisted ? undefined : (
              <Button size="small" onClick={() => void requestPersistence()}>
                {t('storage.request')}
              </Button>
            )
          }
        />
        {requestResult && requestResult !== 'granted' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t(`storage.${requestResult}`)}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('about.title')}>
        {info && (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('about.version')}>{info.version}</Descriptions.Item>
            <Descriptions.Item label={t('about.mode')}>
              {info.mode === 'electron' ? t('about.modeElectron') : t('about.modeWeb')}
            </Descriptions.Item>
            <Descriptions.Item label={t('about.platformUrl')}>
              <span data-testid="platform-url">{info.platformUrl ?? t('about.noPlatform')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('auditHead.label')}>
              <KeptAuditHead />
            </Descriptions.Item>
            <Descriptions.Item label={t('about.platform')}>
              {[info.platform, ...Object.entries(info.versions).map(([k, v]) => `${k} ${v}`)].join(' · ')}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </Space>
  );
}

/**
 * The furthest audit chain head the platform sent this desk, to copy into
 * `npm run audit:verify -- --head …` (renderer/platform/auditHead.ts).
 */
function KeptAuditHead() {
  const { t } = useTranslation('settings');
  const head = keptAuditHead();
  if (!head) return <span data-testid="audit-head">{t('auditHead.none')}</span>;
  return (
    <Typography.Text data-testid="audit-head" copyable={{ text: formatAuditHead(head) }}>
      {t('auditHead.value', { seq: head.seq })}
    </Typography.Text>
  );
}
