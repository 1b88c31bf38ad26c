import { App, type ButtonProps } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Asks, once a browser print dialog has closed, whether the slips came out of the printer: the
 * page cannot tell a print from Save as PDF or a cancel, and only a print on paper may make the
 * next one a copy. Resolves true for 已打印 only; 未打印, Escape and closing the question resolve
 * false (nothing is recorded). 已打印 has the focus, Tab reaches 未打印, and focus returns to the
 * print button afterwards.
 */
export function usePrintedQuestion(): () => Promise<boolean> {
  const { modal } = App.useApp();
  const { t } = useTranslation('prescriptions');
  return useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('printing.confirmTitle'),
          content: t('printing.confirmText'),
          okText: t('printing.printed'),
          cancelText: t('printing.notPrinted'),
          keyboard: true,
          focusable: { autoFocusButton: 'ok' },
          okButtonProps: { 'data-testid': 'print-confirm-yes' } as ButtonProps,
          cancelButtonProps: { 'data-testid': 'print-confirm-no' } as ButtonProps,
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
    [modal, t],
  );
}
