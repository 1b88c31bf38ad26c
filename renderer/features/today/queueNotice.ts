/** Tells the user, in their language, why a queue write did not happen. */
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { punctuationOf } from '../../ui/punctuation';
import type { QueueWriteResult } from './appointmentRepository';

type Failure = Exclude<QueueWriteResult, { ok: true }>;

/** A function that shows a failed write as an error message. */
export function useQueueFailure(): (failure: Failure) => void {
  const { t } = useTranslation('today');
  const { message } = App.useApp();
  return (failure) => {
    switch (failure.reason) {
      case 'refused':
        void message.error(t(`errors.${failure.error}`));
        return;
      case 'duplicate':
        void message.error(t('confirm.duplicateTitle', { ticket: failure.existing.ticket }));
        return;
      case 'noTicket':
        void message.error(t('tickets.exhausted'));
        return;
      case 'invalid':
        void message.error(failure.errors.map((e) => t(`errors.${e.code}`)).join(punctuationOf(t).clauses));
        return;
      default:
        void message.error(t(`notices.${failure.reason}`));
    }
  };
}
