import { Button, Modal, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { discardDraft } from './encounterRepository';

/**
 * Discards a draft that was never signed, after a confirmation that says what happens: revision 1
 * is deleted and the doctor returns to the patient's chart; an amendment draft is deleted and the
 * signed revision it would have replaced opens again.
 */
export function DiscardDraftButton({ doc }: { doc: EncounterDoc }) {
  const { t } = useTranslation('encounters');
  const { db } = useServices();
  const { operator } = useOperator();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    try {
      const result = await discardDraft(db, doc.id, operator);
      if (!result.ok) return setError(t('page.discardFailed', { reason: t(`writeErrors.${result.reason}`) }));
      setOpen(false);
      void navigate(doc.supersedes ? `/encounters/${doc.supersedes}` : `/patients/${doc.patientId}`, {
        replace: true,
      });
    } catch (thrown) {
      logFailure('Draft not discarded', thrown);
      setError(saveFailureText(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button danger data-testid="enc-discard" onClick={() => setOpen(true)}>
        {t('page.discard')}
      </Button>
      <Modal
        open={open}
        title={t('page.discardTitle')}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
        okText={t('page.discard')}
        okButtonProps={{ danger: true, 'data-testid': 'enc-discard-confirm' } as ButtonProps}
      >
        <Typography.Paragraph>
          {doc.revisionNo > 1 ? t('page.discardAmendmentConfirm') : t('page.discardConfirm')}
        </Typography.Paragraph>
        {error && (
          <Typography.Text type="danger" role="alert">
            {error}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}
