import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignInErrorText } from './errorText';
import { useDeskAuth, useSession } from './SessionContext';

/**
 * For a session signed in offline: signs the same person in to the platform once it can be
 * reached, so sync can start. Usually the desk does this by itself with the person's desk
 * credential (./session.ts); this is the way when it has none (never issued, or refused: account
 * disabled, password changed, desk revoked). The password is asked again because the desk never
 * keeps it.
 */
export function ReconnectButton() {
  const { t } = useTranslation('auth');
  const errorText = useSignInErrorText();
  const { message } = App.useApp();
  const { controller } = useDeskAuth();
  const session = useSession();
  const [form] = Form.useForm<{ password: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (session.online || !session.platformUrl) return null;

  const close = () => {
    setOpen(false);
    setError(undefined);
    form.resetFields();
  };
  const connect = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await controller.reconnect(password);
      close();
      void message.success(t('reconnect.done'));
    } catch (failure) {
      setError(errorText(failure));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('header.reconnect')}
      </Button>
      <Modal
        open={open}
        title={t('reconnect.title')}
        okText={t('reconnect.submit')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={close}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t('reconnect.intro', { name: session.staff.displayName })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(values) => void connect(values)}>
          <Form.Item
            name="password"
            label={t('lock.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoFocus autoComplete="current-password" maxLength={256} />
          </Form.Item>
        </Form>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Modal>
    </>
  );
}
