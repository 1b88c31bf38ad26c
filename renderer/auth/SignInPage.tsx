import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { useSignInErrorText } from './errorText';
import { useDeskAuth } from './SessionContext';

interface Credentials {
  username: string;
  password: string;
}

/** The first screen: staff sign in against the platform, or offline with this desk's verifier. */
export function SignInPage() {
  const { t } = useTranslation(['auth', 'common']);
  const errorText = useSignInErrorText();
  const { controller } = useDeskAuth();
  const [form] = Form.useForm<Credentials>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const platformUrl = controller.platformUrl;

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      await controller.signIn(username, password);
    } catch (failure) {
      setError(errorText(failure));
      form.setFieldValue('password', '');
      setBusy(false);
    }
  };

  return (
    <div className="auth-gate">
      <Card title={t('common:appName')} extra={<LanguageSwitch />} style={{ width: 420 }}>
        <Typography.Title level={4}>{t('signIn.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} disabled={busy}>
          <Form.Item
            name="username"
            label={t('signIn.username')}
            rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
          >
            <Input autoFocus autoComplete="username" maxLength={64} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={256} />
          </Form.Item>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block>
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {platformUrl ? t('signIn.platform', { url: platformUrl }) : t('signIn.noPlatform')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
