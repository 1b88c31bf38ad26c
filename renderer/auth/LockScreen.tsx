import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignInErrorText } from './errorText';
import type { LockReason } from './session';
import { useDeskAuth } from './SessionContext';
import type { Profile } from './verifier';

/**
 * The locked desk: nothing of the work behind it is on screen (the pages are unmounted), only whose
 * desk it is. The same person unlocks with their password and returns to the page they were on;
 * anyone else signs them out first. One screen for every lock: idle, the lock button, an ended
 * platform session, and a reload of the page (./reloadLock.ts).
 */
export function LockScreen({ profile, reason }: { profile: Profile; reason: LockReason }) {
  const { t } = useTranslation(['auth', 'common']);
  const errorText = useSignInErrorText();
  const { controller } = useDeskAuth();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const unlock = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await controller.unlock(password);
    } catch (failure) {
      setError(errorText(failure));
      form.setFieldValue('password', '');
      setBusy(false);
    }
  };

  return (
    <div className="auth-gate" data-testid="lock-screen">
      <Card title={t('common:appName')} style={{ width: 420 }}>
        <Typography.Title level={4}>{t('lock.title')}</Typography.Title>
        <Typography.Paragraph strong>
          {t('lock.who', {
            name: profile.staff.displayName,
            role: t(`common:roles.${profile.staff.role}`),
            organisation: profile.organisation.name,
          })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t(`lock.reasons.${reason}`)}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(values) => void unlock(values)} disabled={busy}>
          {/* Lets password managers and screen readers know whose password this is. */}
          <input type="hidden" autoComplete="username" value={profile.username} readOnly />
          <Form.Item
            name="password"
            label={t('lock.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoFocus autoComplete="current-password" maxLength={256} />
          </Form.Item>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block>
            {t('lock.submit')}
          </Button>
        </Form>
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void controller.signOut()}>
          {t('lock.signOut')}
        </Button>
      </Card>
    </div>
  );
}
