import { App, Button, Form, Input, Modal, Radio, Spin } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { carePlanTextLimits, leftReasons, type EnrolmentDoc } from '../../../shared/carePlans/schema';
import { attemptSave, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { DraftNotice } from '../../forms/DraftNotice';
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
    <Modal
      open
      title={t('leave.title', { programme: t(`programmes.${enrolment.enrolment.programme}`) })}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      {keeper.ready && keeper.start ? (
        <>
          <DraftNotice keeper={keeper} />
          <LeaveForm
            key={keeper.generation}
            enrolment={enrolment}
            start={keeper.start}
            today={today}
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

function LeaveForm({
  enrolment,
  start,
  today,
  onChange,
  onDone,
  onCancel,
}: {
  enrolment: EnrolmentDoc;
  start: LeaveDraft;
  today: string;
  onChange(draft: LeaveDraft): void;
  onDone(): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const id = useId();
  const [draft, setDraft] = useState(start);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const errors = leaveErrors(draft, enrolment.enrolment, today);
  const err = (field: keyof LeaveDraft) =>
    tried && errors[field] ? t(`errors.${errors[field]}`) : undefined;
  const update = (next: Partial<LeaveDraft>) => {
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
        leaveEnrolment(db, operator, enrolment.id, {
          leftOn: draft.leftOn,
          leftReason: draft.leftReason as NonNullable<LeaveDraft['leftReason']>,
          leftNote: draft.leftNote.trim(),
        }),
      );
      if (!attempt.ok) return setRefused(saveFailureText(attempt.error));
      if (!attempt.value.ok) return setRefused(refusalText(attempt.value, t));
      void message.success(t('leave.saved', { programme: t(`programmes.${enrolment.enrolment.programme}`) }));
      await onDone();
    } finally {
      setBusy(false);
    }
  };

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
      {refused && (
        <div role="alert" className="ant-form-item-explain-error" data-testid="leave-refused">
          {refused}
        </div>
      )}
      <ModalButtons
        busy={busy}
        saveLabel={t('leave.save')}
        saveTestId="leave-save"
        danger
        onCancel={onCancel}
      />
    </form>
  );
}

/** Save and cancel at the foot of a dialog's form (Enter saves). */
export function ModalButtons({
  busy,
  saveLabel,
  saveTestId,
  danger,
  onCancel,
}: {
  busy: boolean;
  saveLabel: string;
  saveTestId: string;
  danger?: boolean;
  onCancel(): void;
}) {
  const { t } = useTranslation('carePlans');
  return (
    <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 16 }}>
      <Button data-testid={`${saveTestId}-cancel`} onClick={onCancel}>
        {t('enrol.cancel')}
      </Button>
      <Button type="primary" danger={danger} htmlType="submit" loading={busy} data-testid={saveTestId}>
        {saveLabel}
      </Button>
    </div>
  );
}
