/**
 * Leaving a form with unsaved changes asks first. Inside the app every move goes through the
 * router, so a blocker holds it and a translated confirmation decides (the focus starts on
 * "stay", Enter takes the focused button and Esc stays). Closing or reloading the window asks
 * through the browser's own `beforeunload` prompt, for forms whose changes a reload would lose;
 * forms that keep a draft on the desk (./useFormKeeper.ts) need not ask: the draft is restored.
 */
import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router';

export interface LeaveGuardOptions {
  /** Ask before the window closes or reloads too (the form keeps no draft). */
  unload?: boolean;
  /** The person chose to leave: their changes are thrown away. */
  onLeave?: () => void;
}

/** Asks before leaving the page while `isDirty()` says the form holds unsaved changes. */
export function useLeaveGuard(
  isDirty: () => boolean,
  { unload = false, onLeave }: LeaveGuardOptions = {},
): void {
  const { t } = useTranslation('common');
  const { modal } = App.useApp();
  const dirty = useRef(isDirty);
  const leave = useRef(onLeave);
  useEffect(() => {
    dirty.current = isDirty;
    leave.current = onLeave;
  });

  // A search or hash change on the same page is no leaving; a new path is.
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) =>
      currentLocation.pathname !== nextLocation.pathname && dirty.current(),
    [],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    const confirm = modal.confirm({
      title: t('forms.leave.title'),
      content: t('forms.leave.content'),
      okText: t('forms.leave.leave'),
      cancelText: t('forms.leave.stay'),
      okButtonProps: { danger: true },
      autoFocusButton: 'cancel',
      onOk: () => {
        leave.current?.();
        blocker.proceed();
      },
      onCancel: () => blocker.reset(),
    });
    return () => confirm.destroy();
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!unload) return;
    const ask = (event: BeforeUnloadEvent) => {
      if (!dirty.current()) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unload]);
}
