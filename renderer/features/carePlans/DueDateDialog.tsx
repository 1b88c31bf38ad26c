import { App, Form, Input, Typography } from 'antd';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { carePlanTextLimits, type EnrolmentDoc } from '../../../shared/carePlans/schema';
import { useOperator, useServices } from '../../app/services';
import { DraftDialog, type DraftFormProps } from '../../forms/DraftDialog';
import { useDialogForm } from '../../forms/useDialogForm';
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
    <DraftDialog title={t('due.title', { window: window.name })} keeper={keeper} onClose={onClose}>
      {(form) => <DueDateForm enrolment={enrolment} window={window} {...form} />}
    </DraftDialog>
  );
}

function DueDateForm({
  enrolment,
  window,
  start,
  onChange,
  onDone,
  onCancel,
}: DraftFormProps<DueDateDraft> & { enrolment: EnrolmentDoc; window: WindowToMove }) {
  const { t } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const { date } = useFormatters();
  const id = useId();
  const form = useDialogForm({
    start,
    onChange,
    validate: (draft: DueDateDraft) => dueDateErrors(draft, enrolment.enrolment, window.dueDate),
    errorText: (code) => t(`errors.${code}`),
  });
  const { draft, update, err, busy, refused } = form;

  const save = () =>
    form.submit(
      (draft) =>
        moveDueDate(db, operator, enrolment.id, {
          windowKey: window.key,
          dueDate: draft.dueDate,
          reason: draft.reason.trim(),
        }),
      {
        refusal: (result) => refusalText(result, t),
        saved: async () => {
          void message.success(t('due.saved'));
          await onDone();
        },
      },
    );

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
      <ModalButtons
        busy={busy}
        refused={{ text: refused, testId: 'due-refused' }}
        saveLabel={t('due.save')}
        saveTestId="due-save"
        onCancel={onCancel}
      />
    </form>
  );
}
