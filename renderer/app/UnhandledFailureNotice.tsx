import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { watchUnhandledFailures } from './failure';

/**
 * While the desk runs, an error nobody handled shows a short notice (one at a time) instead of
 * nothing at all; the screen stays as it was.
 */
export function UnhandledFailureNotice() {
  const { message } = App.useApp();
  const { t } = useTranslation('common');
  useEffect(
    () =>
      watchUnhandledFailures(window, () => {
        void message.error({ key: 'unhandled-failure', content: t('failure.unexpected'), duration: 6 });
      }),
    [message, t],
  );
  return null;
}
