import { App, Form, Input, Modal, Spin, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { carePlanTextLimits, type EnrolmentDoc } from '../../../shared/carePlans/schema';
import { attemptSave, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { DraftNotice } from '../../forms/DraftNotice';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { useFormatters } from '../../ui/format';
import { moveDueDate } from './carePlanRepository';
import { dueDateErrors, type DueDateDraft } from './enrolmentChanges';
import { FieldRow } from './FieldRow';
import { ModalButtons } from './LeaveDialog';
import { refusalText } from './permissions';

export interface WindowToMove {
  key: string;
  /** The window as the list names it. */
  name: string;
  dueDate: string;
}

/** A doctor moves one window's due date, with the reason; the schedule shows it as moved. */
export function DueDateDialog({
  enrolment,
  window,
  onClose,
}: {
  enrolment: EnrolmentDoc;
  window: WindowToMove;
  onClose(): void;
}) {
  const { t } = useTranslation('carePlans');
  const start = useMemo<DueDateDraft>(() => ({ dueDate: window.dueDate, reason: '' }), [window.dueDate]);
  const keeper = useFormKeeper(`carePlans.due:${enrolment.id}:${window.key}`, start);
  return (
    <Modal
      open
      title={t('due.title', { window: window.name })}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      {keeper.ready && keeper.start ? (
        <>
          <DraftNotice keeper={keeper} />
          <DueDateForm
            key={keeper.generation}
            enrolment={enrolment}
            window={window}
            start={keeper.start}
            onChange={keeper.changed}
            onDone={async () => {
              await keeper.saved();
              onClose();
            }}
            onCancel={onClose}
          />
        </>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}

function DueDateForm({
  enrolment,
  window,
  start,
  onChange,
  onDone,
  onCancel,
}: {
  enrolment: EnrolmentDoc;
  window: WindowToMove;
  start: DueDateDraft;
  onChange(draft: DueDateDraft): void;
  onDone(): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const { date } = useFormatters();
  const id = useId();
  const [draft, setDraft] = useState(start);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const errors = dueDateErrors(draft, enrolment.enrolment, window.dueDate);
  const err = (field: keyof DueDateDraft) =>
    tried && errors[field] ? t(`errors.${errors[field]}`) : undefined;
  const update = (next: Partial<DueDateDraft>) => {
    const value = { ...draft, ...next };
    setDraft(value);
    onChange(value);
  };

  const save = async () => {
    setTried(true);
    if (Object.keys(errors).length > 0 || busy) return;
    setBusy(true);
    setRefused(null);
    try {
      const attempt = await attemptSave(() =>
        moveDueDate(db, operator, enrolment.id, {
          windowKey: window.key,
          dueDate: draft.dueDate,
          reason: draft.reason.trim(),
        }),
      );
      if (!attempt.ok) return setRefused(saveFailureText(attempt.error));
      if (!attempt.value.ok) return setRefused(refusalText(attempt.value, t));
      void message.success(t('due.saved'));
      await onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      data-testid="due-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('due.current', { date: date(window.dueDate) })}
      </Typography.Paragraph>
      <Form layout="vertical" component="div">
        <FieldRow
          label={t('due.dueDate')}
          htmlFor={`${id}-date`}
          required
          error={err('dueDate')}
          testId="due-date"
        >
          <Input
            id={`${id}-date`}
            type="date"
            autoFocus
            style={{ width: 180 }}
            data-testid="due-date"
            min={enrolment.enrolment.enrolledOn}
            value={draft.dueDate}
            onChange={(e) => update({ dueDate: e.target.value })}
          />
        </FieldRow>
        <FieldRow
          label={t('due.reason')}
          htmlFor={`${id}-reason`}
          required
          error={err('reason')}
          testId="due-reason"
        >
          <Input
            id={`${id}-reason`}
            data-testid="due-reason"
            maxLength={carePlanTextLimits.reason}
            placeholder={t('due.reasonPlaceholder')}
            value={draft.reason}
            onChange={(e) => update({ reason: e.target.value })}
          />
        </FieldRow>
      </Form>
      {refused && (
        <div role="alert" className="ant-form-item-explain-error" data-testid="due-refused">
          {refused}
        </div>
      )}
      <ModalButtons busy={busy} saveLabel={t('due.save')} saveTestId="due-save" onCancel={onCancel} />
    </form>
  );
}
