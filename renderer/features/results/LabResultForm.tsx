import { Alert, Button, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useId, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { analytes, panelCodes, toCanonical, unitsOf } from '../../../shared/observations/analytes';
import { useDialogForm } from '../../forms/useDialogForm';
import { FieldRow } from '../carePlans/FieldRow';
import {
  itemFlag,
  labErrors,
  parseNumber,
  withPanel,
  withUnit,
  type LabDraft,
  type LabItemDraft,
  type Sex,
} from './labForm';

/** Native selects look like the antd inputs around them. */
const selectStyle: CSSProperties = {
  height: 32,
  padding: '0 8px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  font: 'inherit',
};

export interface EnrolmentChoice {
  id: string;
  label: string;
}

interface Props {
  start: LabDraft;
  today: string;
  sex: Sex;
  enrolments: readonly EnrolmentChoice[];
  busy: boolean;
  /** Errors the save returned (codes of the shared rules), beside their fields or above the buttons. */
  refused?: string | null;
  onChange(draft: LabDraft): void;
  onSave(draft: LabDraft): void;
  onCancel(): void;
}

/**
 * The results of one panel: date, source, the programme it belongs to, then one row per analyte
 * with value, unit (switching converts), reference range and the flag as it is typed. Every input
 * is a native field in tab order; Enter saves.
 */
export function LabResultForm({
  start,
  today,
  sex,
  enrolments,
  busy,
  refused,
  onChange,
  onSave,
  onCancel,
}: Props) {
  const { t } = useTranslation('results');
  const form = useDialogForm({
    start,
    onChange,
    validate: (draft: LabDraft) => labErrors(draft, today),
    errorText: (code) => t(`errors.${code}`),
  });
  const { draft, update, err, formRef } = form;
  const id = useId();
  const updateItem = (analyte: string, change: (item: LabItemDraft) => LabItemDraft) =>
    update({ items: draft.items.map((i) => (i.analyte === analyte ? change(i) : i)) });

  const submit = () => {
    if (form.check()) onSave(draft);
  };

  return (
    <form
      ref={formRef}
      data-testid="lab-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Form layout="vertical" component="div">
        <Space wrap align="start" size="large">
          <FieldRow label={t('form.panel')} htmlFor={`${id}-panel`} required>
            <select
              id={`${id}-panel`}
              data-testid="lab-panel"
              style={{ ...selectStyle, minWidth: 160 }}
              value={draft.panel}
              onChange={(e) => update(withPanel(draft, e.target.value as LabDraft['panel'], sex))}
            >
              {panelCodes.map((p) => (
                <option key={p} value={p}>
                  {t(`panels.${p}`)}
                </option>
              ))}
            </select>
          </FieldRow>
          <FieldRow
            label={t('form.testedOn')}
            htmlFor={`${id}-date`}
            required
            error={err('testedOn')}
            testId="lab-tested-on"
          >
            <Input
              id={`${id}-date`}
              type="date"
              data-testid="lab-tested-on"
              max={today}
              value={draft.testedOn}
              onChange={(e) => update({ testedOn: e.target.value })}
            />
          </FieldRow>
          <FieldRow label={t('form.source')} required>
            <Radio.Group
              data-testid="lab-source"
              value={draft.source}
              onChange={(e) => update({ source: e.target.value as LabDraft['source'] })}
              options={(['here', 'external'] as const).map((s) => ({ value: s, label: t(`sources.${s}`) }))}
            />
          </FieldRow>
          {draft.source === 'external' && (
            <FieldRow
              label={t('form.sourceName')}
              htmlFor={`${id}-source-name`}
              required
              error={err('sourceName')}
              testId="lab-source-name"
            >
              <Input
                id={`${id}-source-name`}
                data-testid="lab-source-name"
                maxLength={100}
                placeholder={t('form.sourceNamePlaceholder')}
                value={draft.sourceName}
                onChange={(e) => update({ sourceName: e.target.value })}
              />
            </FieldRow>
          )}
          {enrolments.length > 0 && (
            <FieldRow label={t('form.enrolment')} htmlFor={`${id}-enrolment`}>
              <select
                id={`${id}-enrolment`}
                data-testid="lab-enrolment"
                style={{ ...selectStyle, minWidth: 200 }}
                value={draft.enrolmentId}
                onChange={(e) => update({ enrolmentId: e.target.value })}
              >
                <option value="">{t('form.noEnrolment')}</option>
                {enrolments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.label}
                  </option>
                ))}
              </select>
            </FieldRow>
          )}
        </Space>
        <Typography.Paragraph type="secondary">{t('form.hint')}</Typography.Paragraph>
        <Table<LabItemDraft>
          rowKey="analyte"
          size="small"
          pagination={false}
          dataSource={draft.items}
          onRow={(item) =>
            ({ 'data-testid': `lab-row-${item.analyte}` }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('form.analyte'),
              key: 'analyte',
              render: (_, item) => (
                <label htmlFor={`${id}-${item.analyte}`}>{t(analytes[item.analyte].labelKey)}</label>
              ),
            },
            {
              title: t('form.value'),
              key: 'value',
              render: (_, item) => (
                <Cell error={err(`items.${item.analyte}.value`)} testId={`lab-value-${item.analyte}`}>
                  <Input
                    id={`${id}-${item.analyte}`}
                    data-testid={`lab-value-${item.analyte}`}
                    inputMode="decimal"
                    autoComplete="off"
                    style={{ width: 110 }}
                    value={item.value}
                    status={err(`items.${item.analyte}.value`) ? 'error' : undefined}
                    onChange={(e) => updateItem(item.analyte, (i) => ({ ...i, value: e.target.value }))}
                  />
                </Cell>
              ),
            },
            {
              title: t('form.unit'),
              key: 'unit',
              render: (_, item) => {
                const units = unitsOf(item.analyte);
                if (units.length === 1) return item.unit;
                return (
                  <select
                    aria-label={`${t(analytes[item.analyte].labelKey)} ${t('form.unit')}`}
                    data-testid={`lab-unit-${item.analyte}`}
                    style={selectStyle}
                    value={item.unit}
                    onChange={(e) => updateItem(item.analyte, (i) => withUnit(i, e.target.value))}
                  >
                    {units.map((u) => (
                      <option key={u} value={u}>
                        {u}
                      </option>
                    ))}
                  </select>
                );
              },
            },
            {
              title: t('form.refLow'),
              key: 'refLow',
              render: (_, item) => (
                <Cell error={err(`items.${item.analyte}.refLow`)} testId={`lab-ref-low-${item.analyte}`}>
                  <Input
                    aria-label={`${t(analytes[item.analyte].labelKey)} ${t('form.refLow')}`}
                    data-testid={`lab-ref-low-${item.analyte}`}
                    inputMode="decimal"
                    autoComplete="off"
                    style={{ width: 90 }}
                    value={item.refLow}
                    onChange={(e) => updateItem(item.analyte, (i) => ({ ...i, refLow: e.target.value }))}
                  />
                </Cell>
              ),
            },
            {
              title: t('form.refHigh'),
              key: 'refHigh',
              render: (_, item) => (
                <Cell error={err(`items.${item.analyte}.refHigh`)} testId={`lab-ref-high-${item.analyte}`}>
                  <Input
                    aria-label={`${t(analytes[item.analyte].labelKey)} ${t('form.refHigh')}`}
                    data-testid={`lab-ref-high-${item.analyte}`}
                    inputMode="decimal"
                    autoComplete="off"
                    style={{ width: 90 }}
                    value={item.refHigh}
                    onChange={(e) => updateItem(item.analyte, (i) => ({ ...i, refHigh: e.target.value }))}
                  />
                </Cell>
              ),
            },
            {
              title: t('form.flag'),
              key: 'flag',
              render: (_, item) => <FlagCell item={item} />,
            },
          ]}
        />
      </Form>
      {(err('items') || refused) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="lab-form-errors"
          style={{ marginTop: 12 }}
          title={refused ?? err('items')}
        />
      )}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="lab-save">
          {t('form.save')}
        </Button>
        <Button data-testid="lab-cancel" onClick={onCancel}>
          {t('form.cancel')}
        </Button>
      </Space>
    </form>
  );
}

/** A table cell's input with its error under it. */
function Cell({ error, testId, children }: { error?: string; testId: string; children: React.ReactNode }) {
  return (
    <div data-error={error ? '' : undefined}>
      {children}
      {error && (
        <div role="alert" className="ant-form-item-explain-error" data-testid={`${testId}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** The flag of a row as it is typed, and the value in the canonical unit when another was chosen. */
function FlagCell({ item }: { item: LabItemDraft }) {
  const { t } = useTranslation('results');
  const flag = itemFlag(item);
  const value = parseNumber(item.value);
  const canonical = analytes[item.analyte].canonicalUnit;
  return (
    <Space size={4} wrap>
      {flag && (
        <Tag color={flag === 'high' ? 'red' : 'blue'} data-testid={`lab-flag-${item.analyte}`}>
          {t(`flags.${flag}`)}
        </Tag>
      )}
      {value !== null && item.unit !== canonical && (
        <Typography.Text type="secondary" data-testid={`lab-converted-${item.analyte}`}>
          {t('form.converted', { value: toCanonical(item.analyte, value, item.unit), unit: canonical })}
        </Typography.Text>
      )}
    </Space>
  );
}
