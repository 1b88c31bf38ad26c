/** The queue screen's cancels, each written only when its undo window closes (cancelWindow.ts). */
import { App } from 'antd';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { closeAfter } from '../../db/lifecycle';
import { applyAction } from './appointmentRepository';
import { CancelWindow, type CancelState } from './cancelWindow';
import { useQueueFailure } from './queueNotice';

export interface QueueCancels {
  /** The cancels not written yet, by appointment id. */
  state: ReadonlyMap<string, CancelState>;
  /** Opens the undo window of appointment `id`'s cancel. */
  start: (id: string) => void;
  /** Takes the cancel back; false when it is already being written. */
  undo: (id: string) => boolean;
}

/**
 * Cancels that wait a few seconds (`undoSeconds`) before they are written. When the screen goes away
 * (another page, the lock screen, sign-out) every waiting cancel is written at once, and the
 * local database is not closed before those writes are done. A refused or failed write is
 * reported like any other queue move.
 */
export function useQueueCancels(): QueueCancels {
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const fail = useQueueFailure();
  const write = async (id: string) => {
    try {
      const result = await applyAction(db, id, 'cancel', operator);
      if (!result.ok) fail(result);
    } catch (error) {
      logFailure('Queue cancel failed', error);
      void message.error(saveFailureText(error));
    }
  };
  const [window] = useState(() => new CancelWindow(write));
  useEffect(() => window.writeWith(write));
  useEffect(() => () => closeAfter(db, window.flush()), [db, window]);
  const state = useSyncExternalStore(
    (listener) => window.subscribe(listener),
    () => window.state(),
  );
  return { state, start: (id) => window.start(id), undo: (id) => window.undo(id) };
}
