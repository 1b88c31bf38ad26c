import { App, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { centreCorrectionsOf, consentHistory, currentConsent } from '../../../shared/carePlans/consent';
import { carePlanTextLimits, type EnrolmentDoc } from '../../../shared/carePlans/schema';
import { useOperator, useServices } from '../../app/services';
import { useFormatters } from '../../ui/format';
import { punctuationOf } from '../../ui/punctuation';
import { correctTransplantCentre, recordConsent, type CarePlanResult } from './carePlanRepository';
import { FieldRow } from './FieldRow';
import { ModalButtons } from './LeaveDialog';
import { transplantCentresOf, type OrganisationChoice } from './organisations';
import { refusalText } from './permissions';

const selectStyle = {
  width: 260,
  height: 32,
  padding: '4px 8px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  font: 'inherit',
};

/**
 * The consent register of a transplant enrolment on its programme card: whether the resident's
 * consent to share with the transplant centre stands now, every entry (who recorded it, when,
 * why), the corrections of the centre, and for the centre's doctor the ways to withdraw the
 * consent (with the reason), give it again, or correct the centre named by mistake.
 */
export function ConsentPanel({
  enrolment,
  organisations,
  mayChange,
}: {
  enrolment: EnrolmentDoc;
  organisations: readonly OrganisationChoice[];
  /** Whether the operator may change this enrolment (its centre's doctor, enrolment active). */
  mayChange: boolean;
}) {
  const { t } = useTranslation('carePlans');
  const { dateTime } = useFormatters();
  const [dialog, setDialog] = useState<'given' | 'withdrawn' | 'centre' | null>(null);
  const e = enrolment.enrolment;
  const history = consentHistory(e);
  const corrections = centreCorrectionsOf(e);
  const standing = currentConsent(e);
  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? id ?? '';
  const state = standing ? 'stateGiven' : history.length ? 'stateWithdrawn' : 'stateNone';

  return (
    <div data-testid="consent-panel" style={{ marginBottom: 8 }}>
      <Space wrap align="center">
        <Typography.Text>{t('consent.title')}</Typography.Text>
        <Tag color={standing ? 'green' : 'orange'} data-testid="consent-state">
          {t(`consent.${state}`)}
        </Tag>
        {mayChange &&
          (standing ? (
            <Button size="small" danger data-testid="consent-withdraw" onClick={() => setDialog('withdrawn')}>
              {t('consent.withdraw')}
            </Button>
          ) : (
            <Button size="small" data-testid="consent-give" onClick={() => setDialog('given')}>
              {t('consent.give')}
            </Button>
          ))}
        {mayChange && (
          <Button size="small" data-testid="centre-correct" onClick={() => setDialog('centre')}>
            {t('centre.correct')}
          </Button>
        )}
      </Space>
      {(history.length > 0 || corrections.length > 0) && (
        <ol data-testid="consent-history" style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {history.map((entry, i) => (
            <li key={`c${i}`} data-testid="consent-entry" data-action={entry.action}>
              <Typography.Text type={entry.action === 'withdrawn' ? 'warning' : 'secondary'}>
                {t(entry.action === 'given' ? 'consent.entryGiven' : 'consent.entryWithdrawn', {
                  at: dateTime(entry.at),
                  name: entry.byName,
                })}
                {entry.note && `${punctuationOf(t).colon}${entry.note}`}
              </Typography.Text>
            </li>
          ))}
          {corrections.map((c, i) => (
            <li key={`r${i}`} data-testid="centre-correction">
              <Typography.Text type="secondary">
                {t('centre.correction', {
                  at: dateTime(c.at),
                  name: c.byName,
                  from: orgName(c.from),
                  to: orgName(c.to),
                  reason: c.reason,
                })}
              </Typography.Text>
            </li>
          ))}
        </ol>
      )}
      {(dialog === 'given' || dialog === 'withdrawn') && (
        <ConsentDialog
          enrolment={enrolment}
          action={dialog}
          centreName={orgName(e.transplantOrgId)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'centre' && (
        <CentreDialog
          enrolment={enrolment}
          organisations={organisations}
          currentName={orgName(e.transplantOrgId)}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

/** Saves through `save`, showing a refusal in words, and closes with a notice once saved. */
function useSave(onClose: () => void) {
  const { t } = useTranslation('carePlans');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const run = async (save: () => Promise<CarePlanResult>, saved: string) => {
    if (busy) return;
    setBusy(true);
    setRefused(null);
    const result = await save();
    setBusy(false);
    if (!result.ok) return setRefused(refusalText(result, t));
    void message.success(saved);
    onClose();
  };
  return { busy, refused, run };
}

/** Gives the consent again (how, optional) or withdraws it (why, required), after a confirmation. */
function ConsentDialog({
  enrolment,
  action,
  centreName,
  onClose,
}: {
  enrolment: EnrolmentDoc;
  action: 'given' | 'withdrawn';
  centreName: string;
  onClose(): void;
}) {
  const { t } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const id = useId();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, refused, run } = useSave(onClose);
  const withdrawing = action === 'withdrawn';
  const error = tried && withdrawing && !note.trim() ? t('errors.withdrawReason') : undefined;

  const save = () => {
    setTried(true);
    if (withdrawing && !note.trim()) return;
    void run(
      () => recordConsent(db, operator, enrolment.id, action, note),
      t(withdrawing ? 'consent.withdrawn' : 'consent.given'),
    );
  };

  return (
    <Modal
      open
      title={t(withdrawing ? 'consent.withdrawTitle' : 'consent.giveTitle')}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      <form
        data-testid="consent-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Typography.Paragraph type="secondary">
          {t(withdrawing ? 'consent.withdrawHint' : 'consent.giveHint', { centre: centreName })}
        </Typography.Paragraph>
        <Form layout="vertical" component="div">
          <FieldRow
            label={t(withdrawing ? 'consent.noteWithdraw' : 'consent.noteGive')}
            htmlFor={`${id}-note`}
            required={withdrawing}
            error={error}
            testId="consent-note"
          >
            <Input
              id={`${id}-note`}
              autoFocus
              data-testid="consent-note"
              aria-required={withdrawing}
              maxLength={carePlanTextLimits.note}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </FieldRow>
        </Form>
        {refused && (
          <div role="alert" className="ant-form-item-explain-error" data-testid="consent-refused">
            {refused}
          </div>
        )}
        <ModalButtons
          busy={busy}
          saveLabel={t(withdrawing ? 'consent.confirmWithdraw' : 'consent.confirmGive')}
          saveTestId="consent-confirm"
          danger={withdrawing}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}

/** Corrects the transplant centre to another tertiary hospital, with the reason. */
function CentreDialog({
  enrolment,
  organisations,
  currentName,
  onClose,
}: {
  enrolment: EnrolmentDoc;
  organisations: readonly OrganisationChoice[];
  currentName: string;
  onClose(): void;
}) {
  const { t } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const id = useId();
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, refused, run } = useSave(onClose);
  const choices = transplantCentresOf(organisations).filter(
    (o) => o.id !== enrolment.enrolment.transplantOrgId,
  );
  const errors = {
    to: tried && !to ? t('errors.required') : undefined,
    reason: tried && !reason.trim() ? t('errors.required') : undefined,
  };

  const save = () => {
    setTried(true);
    if (!to || !reason.trim()) return;
    void run(() => correctTransplantCentre(db, operator, enrolment.id, { to, reason }), t('centre.saved'));
  };

  return (
    <Modal open title={t('centre.title')} footer={null} onCancel={onClose} destroyOnHidden>
      <form
        data-testid="centre-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Typography.Paragraph type="secondary">
          {t('centre.current', { name: currentName })}
          <br />
          {t('centre.hint')}
        </Typography.Paragraph>
        <Form layout="vertical" component="div">
          <FieldRow
            label={t('centre.to')}
            htmlFor={`${id}-to`}
            required
            error={errors.to}
            testId="centre-correct-org"
            extra={choices.length === 0 ? t('centre.noOther') : undefined}
          >
            <select
              id={`${id}-to`}
              autoFocus
              data-testid="centre-correct-org"
              aria-required
              style={selectStyle}
              value={to}
              onChange={(event) => setTo(event.target.value)}
            >
              <option value="">{t('centre.choose')}</option>
              {choices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </FieldRow>
          <FieldRow
            label={t('centre.reason')}
            htmlFor={`${id}-reason`}
            required
            error={errors.reason}
            testId="centre-correct-reason"
          >
            <Input
              id={`${id}-reason`}
              data-testid="centre-correct-reason"
              aria-required
              maxLength={carePlanTextLimits.reason}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </FieldRow>
        </Form>
        {refused && (
          <div role="alert" className="ant-form-item-explain-error" data-testid="centre-refused">
            {refused}
          </div>
        )}
        <ModalButtons
          busy={busy}
          saveLabel={t('centre.confirm')}
          saveTestId="centre-correct-confirm"
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
