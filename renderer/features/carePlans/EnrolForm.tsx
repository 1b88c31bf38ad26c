import { Alert, Button, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { carePlanTextLimits, programmes } from '../../../shared/carePlans/schema';
import { FieldRow } from './FieldRow';
import { enrolErrors, type EnrolContext, type EnrolDraft, type EnrolField } from './enrolForm';
import { transplantCentresOf, type OrganisationChoice } from './organisations';

const selectStyle: CSSProperties = {
  minWidth: 240,
  height: 32,
  padding: '0 8px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  font: 'inherit',
};

interface Props {
  start: EnrolDraft;
  context: EnrolContext;
  hospitals: readonly OrganisationChoice[];
  busy: boolean;
  refused?: string | null;
  onChange(draft: EnrolDraft): void;
  onSave(draft: EnrolDraft): void;
  onCancel(): void;
}

/**
 * Enrolment in a programme: the programme (arrow keys move between them), the date, and what
 * the programme's schedule counts from — the last period or due date for a pregnancy; the
 * transplant centre (among tertiary hospitals only), the transplant date and the resident's consent
 * to share for a transplant.
 * A field's error shows beside it once the person leaves it or tries to save.
 */
export function EnrolForm({ start, context, hospitals, busy, refused, onChange, onSave, onCancel }: Props) {
  const { t } = useTranslation('carePlans');
  const id = useId();
  const [draft, setDraft] = useState<EnrolDraft>(start);
  const [touched, setTouched] = useState<ReadonlySet<EnrolField>>(new Set());
  const [tried, setTried] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const box = useRef<HTMLFormElement>(null);
  // A refused save puts the cursor on the first field with an error.
  useEffect(() => {
    if (attempts > 0)
      box.current
        ?.querySelector<HTMLElement>('.ant-form-item-has-error input, .ant-form-item-has-error select')
        ?.focus();
  }, [attempts]);
  const errors = useMemo(() => enrolErrors(draft, context), [draft, context]);
  const err = (field: EnrolField) =>
    (tried || touched.has(field)) && errors[field] ? t(`errors.${errors[field]}`) : undefined;
  const leave = (field: EnrolField) => () => setTouched((s) => new Set(s).add(field));

  const update = (next: Partial<EnrolDraft>) => {
    const value = { ...draft, ...next };
    setDraft(value);
    onChange(value);
  };

  return (
    <form
      data-testid="enrol-form"
      ref={box}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(errors).length === 0) onSave(draft);
        else setAttempts((n) => n + 1);
      }}
    >
      <Form layout="vertical" component="div">
        <FieldRow label={t('enrol.programme')} required error={err('programme')} testId="enrol-programme">
          <Radio.Group
            data-testid="enrol-programme"
            value={draft.programme}
            onChange={(e) => {
              setTouched((s) => new Set(s).add('programme'));
              update({ programme: e.target.value as EnrolDraft['programme'] });
            }}
          >
            <Space direction="vertical">
              {programmes.map((p) => (
                <Radio key={p} value={p} disabled={context.activeProgrammes.includes(p)}>
                  {t(`programmes.${p}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </FieldRow>
        <FieldRow
          label={t('enrol.enrolledOn')}
          htmlFor={`${id}-on`}
          required
          error={err('enrolledOn')}
          testId="enrol-date"
        >
          <Input
            id={`${id}-on`}
            type="date"
            style={{ width: 180 }}
            data-testid="enrol-date"
            max={context.today}
            value={draft.enrolledOn}
            onBlur={leave('enrolledOn')}
            onChange={(e) => update({ enrolledOn: e.target.value })}
          />
        </FieldRow>
        {draft.programme === 'pregnancy' && (
          <Space align="start" wrap size="large">
            <FieldRow label={t('enrol.pregnancyBasis')} required>
              <Radio.Group
                data-testid="enrol-pregnancy-basis"
                value={draft.pregnancyBasis}
                onChange={(e) => update({ pregnancyBasis: e.target.value as EnrolDraft['pregnancyBasis'] })}
                options={(['lmp', 'dueDate'] as const).map((b) => ({
                  value: b,
                  label: t(`enrol.basis.${b}`),
                }))}
              />
            </FieldRow>
            <FieldRow
              label={t(`enrol.basis.${draft.pregnancyBasis}`)}
              htmlFor={`${id}-preg`}
              required
              error={err('pregnancyDate')}
              testId="enrol-pregnancy-date"
            >
              <Input
                id={`${id}-preg`}
                type="date"
                style={{ width: 180 }}
                data-testid="enrol-pregnancy-date"
                value={draft.pregnancyDate}
                onBlur={leave('pregnancyDate')}
                onChange={(e) => update({ pregnancyDate: e.target.value })}
              />
            </FieldRow>
          </Space>
        )}
        {draft.programme === 'transplant' && (
          <>
            <Space align="start" wrap size="large">
              <FieldRow
                label={t('enrol.transplantOrg')}
                htmlFor={`${id}-org`}
                required
                error={err('transplantOrgId')}
                testId="enrol-transplant-org"
              >
                <select
                  id={`${id}-org`}
                  data-testid="enrol-transplant-org"
                  style={selectStyle}
                  value={draft.transplantOrgId ?? ''}
                  onBlur={leave('transplantOrgId')}
                  onChange={(e) => update({ transplantOrgId: e.target.value || null })}
                >
                  <option value="">{t('enrol.transplantOrgNone')}</option>
                  {transplantCentresOf(hospitals).map((h) => (
                    <option key={h.id} value={h.id}>
                      {h.name}
                    </option>
                  ))}
                </select>
              </FieldRow>
              <FieldRow
                label={t('enrol.transplantDate')}
                htmlFor={`${id}-tx`}
                required
                error={err('transplantDate')}
                testId="enrol-transplant-date"
              >
                <Input
                  id={`${id}-tx`}
                  type="date"
                  style={{ width: 180 }}
                  data-testid="enrol-transplant-date"
                  max={context.today}
                  value={draft.transplantDate}
                  onBlur={leave('transplantDate')}
                  onChange={(e) => update({ transplantDate: e.target.value })}
                />
              </FieldRow>
            </Space>
            <FieldRow label={null} error={err('consent')} testId="enrol-consent">
              <Checkbox
                data-testid="enrol-consent"
                checked={draft.consent}
                onChange={(e) => {
                  setTouched((s) => new Set(s).add('consent'));
                  update({ consent: e.target.checked });
                }}
              >
                {t('enrol.consent')}
              </Checkbox>
            </FieldRow>
            <Typography.Paragraph type="secondary">{t('enrol.consentHint')}</Typography.Paragraph>
            <FieldRow label={t('enrol.consentNote')} htmlFor={`${id}-note`}>
              <Input
                id={`${id}-note`}
                data-testid="enrol-consent-note"
                maxLength={carePlanTextLimits.note}
                value={draft.consentNote}
                onChange={(e) => update({ consentNote: e.target.value })}
              />
            </FieldRow>
          </>
        )}
      </Form>
      {refused && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="enrol-refused"
          style={{ marginBottom: 12 }}
          title={refused}
        />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="enrol-save">
          {t('enrol.save')}
        </Button>
        <Button data-testid="enrol-cancel" onClick={onCancel}>
          {t('enrol.cancel')}
        </Button>
      </Space>
    </form>
  );
}
