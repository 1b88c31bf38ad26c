/**
 * Re-authentication before an act the signed-in person answers for (shared/clinical/reauth.ts):
 * `useReauth()` returns a function that resolves with who confirmed and when, or null when they
 * cancelled. For a signature or a void, a sign-in or confirmation at this desk within the last
 * five minutes (by the session's clock) is accepted without a prompt; an over-dose second
 * signature always asks. The password is checked against the desk's offline verifier, so it works
 * with no network, and wrong attempts count towards the same lock as the lock screen's.
 */
import { Form, Input, Modal, Typography } from 'antd';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmationCovers, type ReauthPurpose } from '../../shared/clinical/reauth';
import { useSignInErrorText } from './errorText';
import { SignInError } from './session';
import { useDeskAuth, useSession } from './SessionContext';

/** Who confirmed and when (ISO time, by the desk's clock). */
export interface Reauthenticated {
  staffId: string;
  at: string;
}

export type Reauth = (options: { purpose: ReauthPurpose }) => Promise<Reauthenticated | null>;

const ReauthContext = createContext<Reauth | undefined>(undefined);

/**
 * The function that asks the signed-in person to confirm their password.
 * @throws outside {@link ReauthProvider}
 */
export function useReauth(): Reauth {
  const reauth = useContext(ReauthContext);
  if (!reauth) throw new Error('useReauth outside ReauthProvider');
  return reauth;
}

interface Pending {
  purpose: ReauthPurpose;
  resolve: (result: Reauthenticated | null) => void;
}

/** Provides {@link useReauth} and shows its password dialog; inside the signed-in session. */
export function ReauthProvider({ children }: { children: ReactNode }) {
  const { controller } = useDeskAuth();
  const session = useSession();
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);

  const reauth = useCallback<Reauth>(
    ({ purpose }) => {
      const confirmedAt = controller.confirmedAt;
      if (confirmedAt && confirmationCovers(purpose, confirmedAt, controller.now()))
        return Promise.resolve({ staffId: session.staff.id, at: controller.now().toISOString() });
      // A second request while the dialog is open cancels the first.
      pendingRef.current?.resolve(null);
      return new Promise<Reauthenticated | null>((resolve) => {
        const next = { purpose, resolve };
        pendingRef.current = next;
        setPending(next);
      });
    },
    [controller, session.staff.id],
  );

  const finish = useCallback((result: Reauthenticated | null) => {
    pendingRef.current?.resolve(result);
    pendingRef.current = null;
    setPending(null);
  }, []);

  return (
    <ReauthContext.Provider value={reauth}>
      {children}
      {pending && <ReauthDialog key={pending.purpose} purpose={pending.purpose} onDone={finish} />}
    </ReauthContext.Provider>
  );
}

function ReauthDialog({
  purpose,
  onDone,
}: {
  purpose: ReauthPurpose;
  onDone: (result: Reauthenticated | null) => void;
}) {
  const { t } = useTranslation('auth');
  const errorText = useSignInErrorText();
  const { controller } = useDeskAuth();
  const session = useSession();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await controller.confirmPassword(password));
    } catch (failure) {
      const locked = failure instanceof SignInError && failure.code === 'offline.locked';
      const minutes = Math.max(1, Math.ceil((locked ? (failure.retryAfterSeconds ?? 60) : 60) / 60));
      setError(locked ? t('reauth.locked', { count: minutes }) : errorText(failure));
      form.setFieldValue('password', '');
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(`reauth.title.${purpose}`)}
      okText={t('reauth.submit')}
      cancelText={t('reauth.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onDone(null)}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t(`reauth.intro.${purpose}`, { name: session.staff.displayName })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        disabled={busy}
        onFinish={(values) => void confirm(values)}
        onValuesChange={() => error && setError(undefined)}
      >
        {/* Lets password managers and screen readers know whose password this is. */}
        <input type="hidden" autoComplete="username" value={session.username} readOnly />
        <Form.Item
          name="password"
          label={t('reauth.password')}
          rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          validateStatus={error ? 'error' : undefined}
          help={error ? <span role="alert">{error}</span> : undefined}
        >
          <Input.Password autoFocus autoComplete="current-password" maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
