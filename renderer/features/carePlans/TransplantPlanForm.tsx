import { Alert, Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransplantPlanFields } from '../../../shared/carePlans/schema';
import { analyteCodes, analytes, type AnalyteCode } from '../../../shared/observations/analytes';
import { FieldRow } from './FieldRow';
import {
  maxInstructions,
  maxPlanMonths,
  maxReason,
  planErrors,
  plannedMonths,
  type PhaseDraft,
  type PlanDraft,
} from './planForm';

interface Props {
  start: PlanDraft;
  /** The plan as it stands; null when setting the first one. */
  current: TransplantPlanFields | null;
  busy: boolean;
  refused?: string | null;
  onChange(draft: PlanDraft): void;
  onSave(draft: PlanDraft): void;
  onCancel(): void;
}

const monthNumber = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/**
 * The transplant specialist's plan: phases of months after the transplant with the interval
 * in each (a phase starts where the last ended), the tests each visit, instructions, and for a
 * change the reason. The visits the phases ask for are listed as they are typed.
 */
export function TransplantPlanForm({ start, current, busy, refused, onChange, onSave, onCancel }: Props) {
  const { t } = useTranslation(['carePlans', 'results']);
  const id = useId();
  const [draft, setDraft] = useState<PlanDraft>(start);
  const [tried, setTried] = useState(false);
  const errors = useMemo(() => planErrors(draft, current), [draft, current]);
  const err = (key: string) => (tried && errors[key] ? t(`errors.${errors[key]}`) : undefined);
  const update = (next: Partial<PlanDraft>) => {
    const value = { ...draft, ...next };
    setDraft(value);
    onChange(value);
  };
  const setPhase = (index: number, change: Partial<PhaseDraft>) =>
    update({ phases: draft.phases.map((p, i) => (i === index ? { ...p, ...change } : p)) });
  const complete = draft.phases.every(
    (p) => p.fromMonth !== null && p.toMonth !== null && p.intervalMonths !== null && p.intervalMonths > 0,
  );
  const months = complete
    ? plannedMonths(draft.phases as { fromMonth: number; toMonth: number; intervalMonths: number }[])
    : [];

  return (
    <form
      data-testid="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(errors).length === 0) onSave(draft);
      }}
    >
      <Form layout="vertical" component="div">
        <Typography.Title level={5}>{t('plan.phases')}</Typography.Title>
        {draft.phases.map((phase, i) => (
          <Space key={i} align="start" wrap data-testid={`plan-phase-${i}`}>
            {(['fromMonth', 'toMonth', 'intervalMonths'] as const).map((part) => (
              <FieldRow
                key={part}
                label={t(`plan.${part}`)}
                htmlFor={`${id}-${i}-${part}`}
                required
                error={err(`phases.${i}.${part}`)}
                testId={`plan-${part}-${i}`}
              >
                <Input
                  id={`${id}-${i}-${part}`}
                  data-testid={`plan-${part}-${i}`}
                  type="number"
                  min={part === 'intervalMonths' ? 1 : 0}
                  max={maxPlanMonths}
                  style={{ width: 120 }}
                  value={phase[part] ?? ''}
                  onChange={(e) => setPhase(i, { [part]: monthNumber(e.target.value) })}
                />
              </FieldRow>
            ))}
            {draft.phases.length > 1 && (
              <Button
                style={{ marginTop: 30 }}
                data-testid={`plan-remove-phase-${i}`}
                onClick={() => update({ phases: draft.phases.filter((_, j) => j !== i) })}
              >
                {t('plan.removePhase')}
              </Button>
            )}
          </Space>
        ))}
        {err('phases') && <Typography.Text type="danger">{err('phases')}</Typography.Text>}
        <div style={{ marginBottom: 12 }}>
          <Button
            data-testid="plan-add-phase"
            onClick={() => {
              const last = draft.phases.at(-1);
              update({
                phases: [
                  ...draft.phases,
                  { fromMonth: last?.toMonth ?? 0, toMonth: null, intervalMonths: null },
                ],
              });
            }}
          >
            {t('plan.addPhase')}
          </Button>
        </div>
        {months.length > 0 && (
          <Typography.Paragraph type="secondary" data-testid="plan-visits">
            {t('plan.visits', { months: months.join('、') })}
          </Typography.Paragraph>
        )}
        <FieldRow label={t('plan.tests')} required error={err('tests')} testId="plan-tests">
          <Checkbox.Group
            data-testid="plan-tests"
            value={draft.tests}
            onChange={(tests) => update({ tests: tests as AnalyteCode[] })}
            options={analyteCodes.map((code) => ({
              value: code,
              label: t(`results:${analytes[code].labelKey}`),
            }))}
          />
        </FieldRow>
        <FieldRow label={t('plan.instructions')} htmlFor={`${id}-instructions`}>
          <Input.TextArea
            id={`${id}-instructions`}
            data-testid="plan-instructions"
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={maxInstructions}
            value={draft.instructions}
            onChange={(e) => update({ instructions: e.target.value })}
          />
        </FieldRow>
        {current && (
          <FieldRow
            label={t('plan.reason')}
            htmlFor={`${id}-reason`}
            required
            error={err('revisionReason')}
            testId="plan-reason"
          >
            <Input
              id={`${id}-reason`}
              data-testid="plan-reason"
              maxLength={maxReason}
              value={draft.revisionReason}
              onChange={(e) => update({ revisionReason: e.target.value })}
            />
          </FieldRow>
        )}
      </Form>
      {refused && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="plan-refused"
          style={{ marginBottom: 12 }}
          title={refused}
        />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="plan-save">
          {t('plan.save')}
        </Button>
        <Button data-testid="plan-cancel" onClick={onCancel}>
          {t('plan.cancel')}
        </Button>
      </Space>
    </form>
  );
}
