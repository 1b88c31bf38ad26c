import type { ButtonProps } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnedConfirm } from '../../ui/useOwnedConfirm';

/**
 * Asks, once a browser print dialog has closed, whether the slips came out of the printer: the
 * page cannot tell a print from Save as PDF or a cancel, and only a print on paper may make the
 * next one a copy. Resolves true for 已打印 only; 未打印, Escape and closing the question resolve
 * false (nothing is recorded). 未打印 has the focus, so a stray Enter after a cancelled dialog
 * records nothing; Tab reaches 已打印. Focus returns to the print button afterwards, and a
 * question still open when the page goes (the desk locks) closes unanswered.
 * Other papers (an agreement, a home-visit list) pass their own `title` and `content`; the
 * answers stay 已打印 / 未打印.
 */
export function usePrintedQuestion(texts: { title?: string; content?: string } = {}): () => Promise<boolean> {
  const ask = useOwnedConfirm();
  const { t } = useTranslation('prescriptions');
  const { title, content } = texts;
  return useCallback(
    () =>
      ask({
        title: title ?? t('printing.confirmTitle'),
        content: content ?? t('printing.confirmText'),
        okText: t('printing.printed'),
        cancelText: t('printing.notPrinted'),
        keyboard: true,
        focusable: { autoFocusButton: 'cancel' },
        okButtonProps: { 'data-testid': 'print-confirm-yes' } as ButtonProps,
        cancelButtonProps: { 'data-testid': 'print-confirm-no' } as ButtonProps,
      }),
    [ask, t, title, content],
  );
}
