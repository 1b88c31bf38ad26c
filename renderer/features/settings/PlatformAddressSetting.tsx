import { Alert, Button, Checkbox, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc/contract';
import { checkPlatformAddress } from '../../../shared/platform/address';

export interface PlatformAddressSettingProps {
  info: AppInfo;
  /** Whether the signed-in person may configure this desk (`desk.configure`). */
  canConfigure: boolean;
  /** Stores a new address with the host (host.setPlatformUrl); rejects with a code. */
  save(request: { url: string; allowInsecure: boolean }): Promise<AppInfo>;
  /** Reloads the app, so the new platform applies (sign-in, sync, the page's CSP). */
  reload(): void;
}

/** Why the address cannot be edited here, or null when it can. */
export function readOnlyReason(
  info: AppInfo,
  canConfigure: boolean,
): 'server' | 'environment' | 'notAdmin' | null {
  if (info.platformUrlSource === 'server' || info.mode === 'web') return 'server';
  if (info.platformUrlSource === 'environment') return 'environment';
  if (info.platformUrlSource !== 'settings') return 'server';
  return canConfigure ? null : 'notAdmin';
}

/**
 * The platform this desk signs in and syncs against. In Electron an administrator sets it here
 * (checked by the shared rule, stored by main); in web mode the server that serves the page
 * decides it, and it is shown read-only, as it is when Electron was started with one.
 */
export function PlatformAddressSetting({ info, canConfigure, save, reload }: PlatformAddressSettingProps) {
  const { t } = useTranslation('settings');
  const [url, setUrl] = useState(info.platformUrl ?? '');
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [saving, setSaving] = useState(false);
  const reason = readOnlyReason(info, canConfigure);
  const current = (
    <span data-testid="platform-address-current">{info.platformUrl ?? t('about.noPlatform')}</span>
  );

  if (reason)
    return (
      <Space direction="vertical">
        <Typography.Text>
          {t('platformAddress.current')}
          {current}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="platform-url-readonly">
          {t(`platformAddress.readOnly.${reason}`)}
        </Typography.Text>
      </Space>
    );

  const submit = async () => {
    setSaved(undefined);
    const checked = checkPlatformAddress(url, { allowInsecure });
    if (!checked.ok) return setError(checked.code);
    setError(undefined);
    setSaving(true);
    try {
      const next = await save({ url, allowInsecure });
      setSaved(next.platformUrl ?? checked.origin);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };
  const errorText = (code: string) => {
    // Electron prefixes a handler's error with its channel; the code is the last word.
    const known = /platformAddress\.\w+/.exec(code)?.[0];
    return known
      ? t(
          `platformAddress.errors.${known.slice('platformAddress.'.length)}` as 'platformAddress.errors.invalid',
        )
      : t('platformAddress.errors.failed');
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('platformAddress.current')}
          {current}
        </Typography.Text>
        <label htmlFor="platform-address">{t('platformAddress.label')}</label>
        <Input
          id="platform-address"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://"
          autoComplete="off"
          spellCheck={false}
          status={error ? 'error' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby="platform-address-hint"
          style={{ maxWidth: 480 }}
        />
        <Typography.Text type="secondary" id="platform-address-hint">
          {t('platformAddress.hint')}
        </Typography.Text>
        <Checkbox checked={allowInsecure} onChange={(e) => setAllowInsecure(e.target.checked)}>
          {t('platformAddress.allowInsecure')}
        </Checkbox>
        {error && <Alert type="error" role="alert" title={errorText(error)} />}
        {saved && (
          <Alert
            type="success"
            title={t('platformAddress.saved', { url: saved })}
            action={
              <Button size="small" onClick={reload}>
                {t('platformAddress.reload')}
              </Button>
            }
          />
        )}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('platformAddress.save')}
        </Button>
      </Space>
    </form>
  );
}
