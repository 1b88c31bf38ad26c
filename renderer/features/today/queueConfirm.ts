/**
 * The questions the queue asks before a step that cannot be taken back: adding a resident who
 * is already waiting in the same queue, marking a no-show, finishing a visit. Each is a
 * translated dialog that Esc or the focused button answers "no", so a stray Enter does no harm.
 */
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppointmentDoc } from '../../../shared/appointments/schema';
import { useOwnedConfirm } from '../../ui/useOwnedConfirm';

/** Closing moves the queue asks about; a cancel is not among them, it waits to be undone. */
export type ConfirmedAction = 'noShow' | 'finish';

interface Question {
  title: string;
  content: string;
  okText: string;
  cancelText: string;
  testId: string;
}

const testIdProps = (id: string) => ({ 'data-testid': id }) as ButtonProps;

/**
 * Asks and resolves true only when the person chose the dangerous button; a question still open
 * when the queue page goes (the desk locks, the person signs out) closes unanswered.
 */
function useAsk(): (question: Question) => Promise<boolean> {
  const ask = useOwnedConfirm();
  return ({ title, content, okText, cancelText, testId }) =>
    ask({
      title,
      content,
      okText,
      cancelText,
      autoFocusButton: 'cancel',
      // ButtonProps has no data-* fields in its type; the e2e finds the buttons by them.
      okButtonProps: { danger: true, ...testIdProps(`${testId}-ok`) },
      cancelButtonProps: testIdProps(`${testId}-back`),
    });
}

/** Asks whether to queue a resident again who is already in that queue today ("已在队列中：W001"). */
export function useConfirmDuplicate(): (existing: AppointmentDoc) => Promise<boolean> {
  const { t } = useTranslation('today');
  const ask = useAsk();
  return (existing) =>
    ask({
      title: t('confirm.duplicateTitle', { ticket: existing.ticket }),
      content: t('confirm.duplicateBody', {
        name: existing.patientName,
        ticket: existing.ticket,
        status: t(`statuses.${existing.status}`),
      }),
      okText: t('confirm.addAnyway'),
      cancelText: t('confirm.back'),
      testId: 'duplicate',
    });
}

/** Asks before marking `doc` a no-show or finishing its visit. */
export function useConfirmAction(): (doc: AppointmentDoc, action: ConfirmedAction) => Promise<boolean> {
  const { t } = useTranslation('today');
  const ask = useAsk();
  return (doc, action) =>
    ask({
      title: t(`confirm.${action}Title`, { ticket: doc.ticket, name: doc.patientName }),
      content: t(`confirm.${action}Body`),
      okText: t(`actions.${action}`),
      cancelText: t('confirm.back'),
      testId: `confirm-${action}`,
    });
}
