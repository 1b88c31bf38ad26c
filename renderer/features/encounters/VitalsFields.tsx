import { Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EncounterFieldError } from '../../../shared/encounters/rules';
import { glucoseKinds, type VitalField, type Vitals } from '../../../shared/encounters/schema';
import {
  bmi,
  bmiBand,
  bpHint,
  glucoseHint,
  isHighBp,
  spo2Hint,
  vitalsWarnings,
} from '../../../shared/encounters/vitals';
import { vitalUnit } from './display';

interface Props {
  value: Vitals;
  onChange(next: Vitals): void;
  errors: Map<string, EncounterFieldError>;
  /**
   * Whether the adult BMI bands and blood-pressure classes apply (18 or older at the visit,
   * shared/encounters/vitals.ts `adultCategoriesApply`); for a child only the values show.
   */
  adult: boolean;
}

const steps: Record<VitalField, number> = {
  systolic: 1,
  diastolic: 1,
  heartRate: 1,
  temperature: 0.1,
  weight: 0.1,
  height: 0.5,
  glucose: 0.1,
  spo2: 1,
};

const hintColor = (urgent: boolean, high: boolean) => (urgent ? 'red' : high ? 'orange' : 'green');

/** A hint line of fixed height under a row of inputs, so a hint appearing moves no input. */
const hintRow = { minHeight: 24, marginBottom: 8 } as const;

/**
 * The visit's measurements, with BMI worked out and the guideline hints under the numbers (for a
 * child, the note that age- and sex-specific references apply instead of the adult categories).
 */
export function VitalsFields({ value, onChange, errors, adult }: Props) {
  const { t } = useTranslation('encounters');
  const set = (patch: Partial<Vitals>) => onChange({ ...value, ...patch });
  const bp = bpHint(value.systolic, value.diastolic);
  const bmiValue = bmi(value.weight, value.height);
  const band = bmiBand(bmiValue);
  const glucose = glucoseHint(value.glucose, value.glucoseKind);
  const spo2 = spo2Hint(value.spo2);
  const warnings = new Map(vitalsWarnings(value).map((w) => [w.field as string, w.code]));
  const childNote = (testId: string) => <Tag data-testid={testId}>{t('vitals.childReference')}</Tag>;

  const field = (name: VitalField) => {
    const error = errors.get(`vitals.${name}`);
    const warning = error ? undefined : warnings.get(name);
    return (
      <Form.Item
        key={name}
        label={t(`vitals.${name}`)}
        validateStatus={error ? 'error' : warning ? 'warning' : undefined}
        help={
          error ? (
            t(`errors.${error.code}`)
          ) : warning ? (
            <span data-testid={`vital-${name}-warning`}>{t(`warnings.${warning}`)}</span>
          ) : undefined
        }
        style={{ marginBottom: 8, width: 150 }}
      >
        <InputNumber
          data-testid={`vital-${name}`}
          value={value[name] ?? null}
          step={steps[name]}
          suffix={vitalUnit(name, t)}
          style={{ width: 150 }}
          onChange={(v) => set({ [name]: typeof v === 'number' ? v : null })}
        />
      </Form.Item>
    );
  };

  return (
    <div data-testid="vitals-fields">
      <Space wrap align="start" data-testid="vitals-row-pressure">
        {field('systolic')}
        {field('diastolic')}
        {field('heartRate')}
        {field('temperature')}
      </Space>
      <div style={hintRow}>
        {bp &&
          (adult ? (
            <Tag color={hintColor(bp === 'grade3', isHighBp(bp))} data-testid="enc-bp-hint">
              {t(`bpHint.${bp}`)}
            </Tag>
          ) : (
            childNote('enc-bp-child')
          ))}
      </div>
      <Space wrap align="start">
        {field('weight')}
        {field('height')}
        <Form.Item label={t('vitals.bmi')} style={{ marginBottom: 8 }}>
          <Typography.Text data-testid="enc-bmi">
            {bmiValue === null ? '—' : `${bmiValue} ${t('units.kgPerM2')}`}
          </Typography.Text>
          {band &&
            (adult ? (
              <Tag
                style={{ marginInlineStart: 8 }}
                color={band === 'normal' ? 'green' : 'orange'}
                data-testid="enc-bmi-band"
              >
                {t(`bmiBand.${band}`)}
              </Tag>
            ) : (
              <span style={{ marginInlineStart: 8 }}>{childNote('enc-bmi-child')}</span>
            ))}
        </Form.Item>
      </Space>
      <Space wrap align="start">
        {field('glucose')}
        <Form.Item label={t('vitals.glucoseKind')} style={{ marginBottom: 8 }}>
          <Select
            data-testid="vital-glucoseKind"
            value={value.glucoseKind}
            style={{ width: 130 }}
            options={glucoseKinds.map((k) => ({ value: k, label: t(`glucoseKinds.${k}`) }))}
            onChange={(glucoseKind) => set({ glucoseKind })}
          />
        </Form.Item>
        {glucose && (
          <Tag
            color={hintColor(glucose === 'low' || glucose === 'urgentHigh', glucose === 'high')}
            data-testid="enc-glucose-hint"
          >
            {t(`glucoseHint.${glucose}`)}
          </Tag>
        )}
      </Space>
      <Space wrap align="start">
        {field('spo2')}
        {spo2 && (
          <Tag color={hintColor(spo2 === 'urgentLow', spo2 === 'low')} data-testid="enc-spo2-hint">
            {t(`spo2Hint.${spo2}`)}
          </Tag>
        )}
      </Space>
    </div>
  );
}
