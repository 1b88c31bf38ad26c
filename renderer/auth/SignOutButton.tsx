import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logFailure } from '../app/failure';
import { databaseNameFor } from '../app/Workspace';
import { clearOrganisationData } from '../db/localData';
import { useSync } from '../sync/SyncContext';
import { useDeskAuth, useSession } from './SessionContext';

/**
 * The header's sign-out. On a shared desk, when nobody else of this organisation has signed in
 * here (no other verifier of it), the person signing out is its last user at this desk: they are
 * offered to clear this desk's copy of the organisation's data, or to keep it for next time.
 * Clearing is refused, and says why, while rows of it are not on the platform yet.
 */
export function SignOutButton() {
  const { t } = useTranslation('auth');
  const { message } = App.useApp();
  const { controller } = useDeskAuth();
  const session = useSession();
  const { outbox } = useSync();
  const [unsent, setUnsent] = useState<number | null>(null);
  const { id: orgId, name: organisation } = session.organisation;

  const signOut = async () => {
    const others = controller.verifiers.usersOf(orgId).filter((username) => username !== session.username);
    if (others.length > 0) return void controller.signOut();
    setUnsent(await outbox.unsent());
  };
  const keep = () => {
    setUnsent(null);
    void controller.signOut();
  };
  const clear = async () => {
    setUnsent(null);
    await controller.signOut();
    try {
      const result = await clearOrganisationData(orgId, databaseNameFor(orgId), {
        storage: localStorage,
        verifiers: controller.verifiers,
      });
      if (result.cleared) void message.success(t('signOut.cleared', { organisation }));
      else void message.error(t('signOut.notCleared', { count: result.unsent }));
    } catch (error) {
      logFailure('Clearing the desk’s data failed', error);
      void message.error(t('signOut.clearFailed'));
    }
  };

  return (
    <>
      <Button size="small" onClick={() => void signOut()}>
        {t('header.signOut')}
      </Button>
      <Modal
        open={unsent !== null}
        title={t('signOut.title')}
        onCancel={() => setUnsent(null)}
        destroyOnHidden
        footer={
          <Space wrap>
            <Button onClick={() => setUnsent(null)}>{t('signOut.cancel')}</Button>
            <Button danger disabled={unsent !== 0} onClick={() => void clear()}>
              {t('signOut.clear')}
            </Button>
            <Button type="primary" autoFocus onClick={keep}>
              {t('signOut.keep')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph>{t('signOut.intro', { organisation })}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('signOut.keepHint')}</Typography.Paragraph>
        {unsent !== null && unsent > 0 && (
          <Alert type="warning" showIcon role="alert" message={t('signOut.unsent', { count: unsent })} />
        )}
      </Modal>
    </>
  );
}
