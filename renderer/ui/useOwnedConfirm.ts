/**
 * A confirmation dialog owned by the page that asked. Ant Design draws `modal.confirm` above the
 * whole desk (its `<App>` sits outside the signed-in pages), so a question left open would stay
 * on screen over the lock screen or the next person's sign-in, and answering it would write in
 * the locked person's name. Here each question closes when the page that asked unmounts (the
 * desk locks, the person signs out, another page opens), and counts as answered "no".
 */
import { App, type ModalFuncProps } from 'antd';
import { useCallback, useEffect, useRef } from 'react';

type Question = Omit<ModalFuncProps, 'onOk' | 'onCancel'>;

/** Returns `ask(question)`: resolves true only for the OK button, false for anything else. */
export function useOwnedConfirm(): (question: Question) => Promise<boolean> {
  const { modal } = App.useApp();
  const open = useRef(new Set<() => void>());
  useEffect(() => {
    const questions = open.current;
    return () => {
      for (const close of [...questions]) close();
    };
  }, []);
  return useCallback(
    (question) =>
      new Promise<boolean>((resolve) => {
        let settled = false;
        const settle = (answer: boolean) => {
          if (settled) return;
          settled = true;
          open.current.delete(closeUnanswered);
          resolve(answer);
        };
        const handle = modal.confirm({
          ...question,
          onOk: () => settle(true),
          onCancel: () => settle(false),
        });
        function closeUnanswered() {
          settle(false);
          handle.destroy();
        }
        open.current.add(closeUnanswered);
      }),
    [modal],
  );
}
