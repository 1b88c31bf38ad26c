import { App, Button, Form, Input, Radio } from 'antd';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { carePlanTextLimits, leftReasons, type EnrolmentDoc } from '../../../shared/carePlans/schema';
import { useOperator, useServices } from '../../app/services';
import { DraftDialog, type DraftFormProps } from '../../forms/DraftDialog';
import { useDialogForm } from '../../forms/useDialogForm';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { useToday } from '../today/hooks';
import { leaveEnrolment } from './carePlanRepository';
import { FieldRow } from './FieldRow';
import { leaveErrors, type LeaveDraft } from './enrolmentChanges';
import { refusalText } from './permissions';

/**
 * Ends an enrolment: the date, why (moved, died, lost to follow-up, other with a note). Once
 * left, nothing more falls due, and a transplant centre's sharing ends.
 */
export function LeaveDialog({ enrolment, onClose }: { enrolment: EnrolmentDoc; onClose(): void }) {
  const { t } = useTranslation('carePlans');
  const today = useToday();
  const start = useMemo<LeaveDraft>(() => ({ leftOn: today, leftReason: null, leftNote: '' }), [today]);
  const keeper = useFormKeeper(`carePlans.leave:${enrolment.id}`, start);
  return (
    <DraftDialog
      title={t('leave.title', { programme: t(`programmes.${enrolment.enrolment.programme}`) })}
      keeper={keeper}
      onClose={onClose}
    >
      {(form) => <LeaveForm enrolment={enrolment} today={today} {...form} />}
    </DraftDialog>
  );
}

function LeaveForm({
  enrolment,
  start,
  today,
  onChange,
  onDone,
  onCancel,
}: DraftFormProps<LeaveDraft> & { enrolment: EnrolmentDoc; today: string }) {
  const { t } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const id = useId();
  const form = useDialogForm({
    start,
    onChange,
    validate: (draft: LeaveDraft) => leaveErrors(draft, enrolment.enrolment, today),
    errorText: (code) => t(`errors.${code}`),
  });
  const { draft, update, err, busy, refused } = form;

  const save = () =>
    form.submit(
      (draft) =>
        leaveEnrolment(db, operator, enrolment.id, {
          leftOn: draft.leftOn,
          leftReason: draft.leftReason as NonNullable<LeaveDraft['leftReason']>,
          leftNote: draft.leftNote.trim(),
        }),
      {
        refusal: (result) => refusalText(result, t),
        saved: async () => {
          void message.success(
            t('leave.saved', { programme: t(`programmes.${enrolment.enrolment.programme}`) }),
          );
          await onDone();
        },
      },
    );

  return (
    <form
      data-testid="leave-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Form layout="vertical" component="div">
        <FieldRow
          label={t('leave.leftOn')}
          htmlFor={`${id}-on`}
          required
          error={err('leftOn')}
          testId="leave-date"
        >
          <Input
            id={`${id}-on`}
            type="date"
            autoFocus
            style={{ width: 180 }}
            data-testid="leave-date"
            max={today}
            value={draft.leftOn}
            onChange={(e) => update({ leftOn: e.target.value })}
          />
        </FieldRow>
        <FieldRow label={t('leave.reason')} required error={err('leftReason')} testId="leave-reason">
          <Radio.Group
            data-testid="leave-reason"
            value={draft.leftReason}
            onChange={(e) => update({ leftReason: e.target.value as LeaveDraft['leftReason'] })}
            options={leftReasons.map((r) => ({ value: r, label: t(`leftReasons.${r}`) }))}
          />
        </FieldRow>
        <FieldRow
          label={t('leave.note')}
          htmlFor={`${id}-note`}
          required={draft.leftReason === 'other'}
          error={err('leftNote')}
          testId="leave-note"
        >
          <Input
            id={`${id}-note`}
            data-testid="leave-note"
            maxLength={carePlanTextLimits.note}
            value={draft.leftNote}
            onChange={(e) => update({ leftNote: e.target.value })}
          />
        </FieldRow>
      </Form>
      <ModalButtons
        busy={busy}
        refused={{ text: refused, testId: 'leave-refused' }}
        saveLabel={t('leave.save')}
        saveTestId="leave-save"
        danger
        onCancel={onCancel}
      />
    </form>
  );
}

/**
 * Save and cancel at the foot of a dialog's form (Enter saves), and above them why the last save
 * was refused, announced.
 */
export function ModalButtons({
  busy,
  saveLabel,
  saveTestId,
  danger,
  refused,
  onCancel,
}: {
  busy: boolean;
  saveLabel: string;
  saveTestId: string;
  danger?: boolean;
  refused?: { text: string | null; testId: string };
  onCancel(): void;
}) {
  const { t } = useTranslation('carePlans');
  return (
    <>
      {refused?.text && (
        <div role="alert" className="ant-form-item-explain-error" data-testid={refused.testId}>
          {refused.text}
        </div>
      )}
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 16 }}>
        <Button data-testid={`${saveTestId}-cancel`} onClick={onCancel}>
          {t('enrol.cancel')}
        </Button>
        <Button type="primary" danger={danger} htmlType="submit" loading={busy} data-testid={saveTestId}>
          {saveLabel}
        </Button>
      </div>
    </>
  );
}
