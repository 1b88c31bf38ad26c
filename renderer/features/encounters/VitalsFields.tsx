import { Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EncounterFieldError } from '../../../shared/encounters/rules';
import { glucoseKinds, type VitalField, type Vitals } from '../../../shared/encounters/schema';
import { bmi, bmiBand, bpHint, glucoseHint, isHighBp } from '../../../shared/encounters/vitals';
import { vitalUnit } from './display';

interface Props {
  value: Vitals;
  onChange(next: Vitals): void;
  errors: Map<string, EncounterFieldError>;
}

const steps: Record<VitalField, number> = {
  systolic: 1,
  diastolic: 1,
  heartRate: 1,
  temperature: 0.1,
  weight: 0.1,
  height: 0.5,
  glucose: 0.1,
};

const hintColor = (urgent: boolean, high: boolean) => (urgent ? 'red' : high ? 'orange' : 'green');

/** The visit's measurements, with BMI worked out and the guideline hints beside the numbers. */
export function VitalsFields({ value, onChange, errors }: Props) {
  const { t } = useTranslation('encounters');
  const set = (patch: Partial<Vitals>) => onChange({ ...value, ...patch });
  const bp = bpHint(value.systolic, value.diastolic);
  const bmiValue = bmi(value.weight, value.height);
  const band = bmiBand(bmiValue);
  const glucose = glucoseHint(value.glucose, value.glucoseKind);

  const field = (name: VitalField) => {
    const error = errors.get(`vitals.${name}`);
    return (
      <Form.Item
        key={name}
        label={t(`vitals.${name}`)}
        validateStatus={error ? 'error' : undefined}
        help={error ? t(`errors.${error.code}`) : undefined}
        style={{ marginBottom: 8 }}
      >
        <InputNumber
          data-testid={`vital-${name}`}
          value={value[name]}
          step={steps[name]}
          suffix={vitalUnit(name, t)}
          style={{ width: 150 }}
          onChange={(v) => set({ [name]: typeof v === 'number' ? v : null })}
        />
      </Form.Item>
    );
  };

  return (
    <div>
      <Space wrap align="start">
        {field('systolic')}
        {field('diastolic')}
        {bp && (
          <Tag color={hintColor(bp === 'grade3', isHighBp(bp))} data-testid="enc-bp-hint">
            {t(`bpHint.${bp}`)}
          </Tag>
        )}
      </Space>
      <Space wrap align="start">
        {field('heartRate')}
        {field('temperature')}
      </Space>
      <Space wrap align="start">
        {field('weight')}
        {field('height')}
        <Form.Item label={t('vitals.bmi')} style={{ marginBottom: 8 }}>
          <Typography.Text data-testid="enc-bmi">
            {bmiValue === null ? '—' : `${bmiValue} ${t('units.kgPerM2')}`}
          </Typography.Text>
          {band && (
            <Tag style={{ marginInlineStart: 8 }} color={band === 'normal' ? 'green' : 'orange'}>
              {t(`bmiBand.${band}`)}
            </Tag>
          )}
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
    </div>
  );
}
