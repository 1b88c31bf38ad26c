import { Alert, Button, Card, Checkbox, Flex, Input, InputNumber, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DoseVerdict } from '../../../shared/prescriptions/doseLimits';
import type { FormularyDrug } from '../../../shared/prescriptions/formulary';
import type { OffFormularyDrug } from '../../../shared/prescriptions/items';
import { allowedDoseUnits, type QuantityResult } from '../../../shared/prescriptions/quantity';
import { prescriptionTextLimits } from '../../../shared/prescriptions/schema';
import {
  controlClasses,
  dispensingUnits,
  dosageForms,
  doseUnits,
  frequencies,
  routes,
  type DispensingUnit,
} from '../../../shared/prescriptions/vocabulary';
import { punctuationOf } from '../../ui/punctuation';
import type { BuilderLine } from './builder';
import { choiceCount } from './toSlipView';

export interface PrescriptionLineEditorProps {
  line: BuilderLine;
  index: number;
  /** The line's formulary drug; undefined for a drug typed by hand. */
  drug: FormularyDrug | undefined;
  /** The computed quantity, or null when the doctor must type it. */
  quantity: QuantityResult | null;
  /** The dose against the drug's maxima (null when it cannot be read yet). */
  dose: DoseVerdict | null;
  /** The patient's allergy entries this drug meets. */
  allergies: readonly string[];
  /** Formulary entries the typed off-formulary name stands for. */
  matches: readonly FormularyDrug[];
  onChange: (patch: Partial<BuilderLine>) => void;
  onRemove: () => void;
  /** Replaces a typed name by the formulary entry it names. */
  onUseFormulary: (drug: FormularyDrug) => void;
  /** Asks for the doctor's password as the second signature of an over-dose. */
  onConfirmOverdose: () => void;
}

/** One drug line of the builder: dose, unit, route, frequency, days, quantity and note. */
export function PrescriptionLineEditor({
  line,
  index,
  drug,
  quantity,
  dose,
  allergies,
  matches,
  onChange,
  onRemove,
  onUseFormulary,
  onConfirmOverdose,
}: PrescriptionLineEditorProps) {
  const { t, i18n } = useTranslation('prescriptions');
  const L = prescriptionTextLimits;
  const en = i18n.language === 'en';
  const off = line.offFormularyDrug;
  const setOff = (patch: Partial<OffFormularyDrug>) =>
    off &&
    onChange({ offFormularyDrug: { ...off, ...patch, generic: { ...off.generic, ...patch.generic } } });
  const unitChoices: DispensingUnit[] = drug
    ? [...new Set([drug.unit, drug.packUnit])]
    : off
      ? [off.unit]
      : [];
  const doseUnitChoices = drug ? allowedDoseUnits(drug) : doseUnits;

  const title = drug ? (
    <Flex gap="small" align="center" wrap>
      <span>{t('builder.line', { line: index + 1 })}</span>
      <Typography.Text strong>{en ? drug.generic.en : drug.generic['zh-CN']}</Typography.Text>
      <Typography.Text type="secondary">
        {t(`forms.${drug.form}`)} · {drug.strength}
      </Typography.Text>
      {drug.control !== 'none' && <Tag color="red">{t(`control.${drug.control}`)}</Tag>}
    </Flex>
  ) : (
    <Flex gap="small" align="center">
      <span>{t('builder.line', { line: index + 1 })}</span>
      <Tag color="orange">{t('builder.offFormularyTitle')}</Tag>
    </Flex>
  );

  return (
    <Card
      size="small"
      data-testid="rx-item"
      title={title}
      extra={
        <Button size="small" danger data-testid="rx-remove" onClick={onRemove}>
          {t('builder.remove')}
        </Button>
      }
    >
      <Flex vertical gap="small">
        {off && (
          <Flex gap="small" wrap align="center">
            <Input
              aria-label={t('builder.genericZh')}
              placeholder={t('builder.genericZh')}
              data-testid="rx-off-formulary-name"
              value={off.generic['zh-CN']}
              onChange={(e) => setOff({ generic: { ...off.generic, 'zh-CN': e.target.value } })}
              style={{ width: 200 }}
            />
            <Input
              aria-label={t('builder.genericEn')}
              placeholder={t('builder.genericEn')}
              value={off.generic.en}
              onChange={(e) => setOff({ generic: { ...off.generic, en: e.target.value } })}
              style={{ width: 200 }}
            />
            <Select
              aria-label={t('fields.form')}
              value={off.form}
              onChange={(form) => setOff({ form })}
              style={{ width: 150 }}
              options={dosageForms.map((f) => ({ value: f, label: t(`forms.${f}`) }))}
            />
            <Input
              aria-label={t('fields.strength')}
              placeholder={t('fields.strength')}
              data-testid="rx-off-formulary-strength"
              value={off.strength}
              onChange={(e) => setOff({ strength: e.target.value })}
              style={{ width: 120 }}
            />
            <Select
              aria-label={t('fields.unit')}
              value={off.unit}
              onChange={(unit) => setOff({ unit })}
              style={{ width: 110 }}
              options={dispensingUnits.map((u) => ({
                value: u,
                label: t(`units.${u}`, { count: choiceCount }),
              }))}
            />
            <Select
              aria-label={t('builder.control')}
              placeholder={t('builder.control')}
              data-testid="rx-off-control"
              value={off.control ?? undefined}
              onChange={(control) => setOff({ control })}
              style={{ width: 170 }}
              options={controlClasses.map((c) => ({ value: c, label: t(`control.${c}`) }))}
            />
            <Select
              aria-label={t('builder.antimicrobial')}
              placeholder={t('builder.antimicrobial')}
              data-testid="rx-off-antimicrobial"
              value={
                off.antimicrobial === null || off.antimicrobial === undefined
                  ? undefined
                  : String(off.antimicrobial)
              }
              onChange={(value) => setOff({ antimicrobial: value === 'true' })}
              style={{ width: 150 }}
              options={[
                { value: 'false', label: t('builder.antimicrobialNo') },
                { value: 'true', label: t('builder.antimicrobialYes') },
              ]}
            />
            <Checkbox
              data-testid="rx-off-formulary-confirm"
              checked={line.offFormularyConfirmed}
              onChange={(e) => onChange({ offFormularyConfirmed: e.target.checked })}
            >
              {t('builder.offFormularyConfirm')}
            </Checkbox>
          </Flex>
        )}
        {off && matches.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="rx-in-formulary"
            title={t('builder.inFormulary')}
            description={
              <Flex gap="small" wrap>
                {matches.map((match) => (
                  <Button
                    key={match.code}
                    size="small"
                    data-testid="rx-use-formulary"
                    onClick={() => onUseFormulary(match)}
                  >
                    {en ? match.generic.en : match.generic['zh-CN']} · {match.strength}
                    {match.control !== 'none' && ` · ${t(`control.${match.control}`)}`}
                  </Button>
                ))}
              </Flex>
            }
          />
        )}
        <Flex gap="small" wrap align="center">
          <Input
            aria-label={t('fields.dose')}
            placeholder={t('fields.dose')}
            data-testid="rx-dose"
            inputMode="decimal"
            value={line.dose}
            onChange={(e) => onChange({ dose: e.target.value })}
            style={{ width: 90 }}
          />
          <Select
            aria-label={t('fields.doseUnit')}
            data-testid="rx-dose-unit"
            value={line.doseUnit}
            onChange={(doseUnit) => onChange({ doseUnit })}
            style={{ width: 110 }}
            options={doseUnitChoices.map((u) => ({
              value: u,
              label: t(`doseUnits.${u}`, { count: choiceCount }),
            }))}
          />
          <Select
            aria-label={t('fields.route')}
            data-testid="rx-route"
            value={line.route}
            onChange={(route) => onChange({ route })}
            style={{ width: 140 }}
            options={routes.map((r) => ({ value: r, label: t(`routes.${r}`) }))}
          />
          <Select
            aria-label={t('fields.frequency')}
            data-testid="rx-frequency"
            value={line.frequency}
            onChange={(frequency) => onChange({ frequency })}
            style={{ width: 170 }}
            options={frequencies.map((f) => ({ value: f, label: `${t(`frequencies.${f}`)} (${f})` }))}
          />
          <InputNumber
            aria-label={t('fields.days')}
            data-testid="rx-days"
            min={1}
            precision={0}
            value={line.days}
            onChange={(days) => onChange({ days: typeof days === 'number' ? days : null })}
            suffix={t('fields.days')}
            style={{ width: 120 }}
          />
          {quantity ? (
            <Typography.Text data-testid="rx-quantity">
              {t('fields.quantity')}
              {punctuationOf(t).colon}
              {t('slip.quantity', {
                amount: quantity.units,
                unit: t(`units.${quantity.unit}`, { count: quantity.units }),
              })}
              {quantity.packUnit !== quantity.unit &&
                t('builder.packs', {
                  amount: quantity.packs,
                  unit: t(`units.${quantity.packUnit}`, { count: quantity.packs }),
                })}
            </Typography.Text>
          ) : (
            <Flex gap="small" align="center">
              <Input
                aria-label={t('fields.quantity')}
                placeholder={t('fields.quantity')}
                data-testid="rx-quantity-input"
                value={line.quantity}
                onChange={(e) => onChange({ quantity: e.target.value })}
                style={{ width: 90 }}
              />
              {unitChoices.length > 1 ? (
                <Select
                  aria-label={t('fields.unit')}
                  value={line.unit || unitChoices[0]}
                  onChange={(unit) => onChange({ unit })}
                  style={{ width: 100 }}
                  options={unitChoices.map((u) => ({
                    value: u,
                    label: t(`units.${u}`, { count: choiceCount }),
                  }))}
                />
              ) : (
                unitChoices[0] && <span>{t(`units.${unitChoices[0]}`, { count: choiceCount })}</span>
              )}
              <Typography.Text type="secondary">{t('builder.quantityTyped')}</Typography.Text>
            </Flex>
          )}
        </Flex>
        <Input
          aria-label={t('fields.note')}
          placeholder={t('fields.note')}
          data-testid="rx-note"
          value={line.note}
          onChange={(e) => onChange({ note: e.target.value })}
        />
        {dose?.status === 'implausible' && (
          <Alert
            type="error"
            showIcon
            data-testid="rx-dose-implausible"
            title={t('errors.doseImplausible')}
          />
        )}
        {dose?.status === 'over' && drug && (
          <Alert
            type="warning"
            showIcon
            data-testid="rx-overdose"
            title={t(`builder.overdose.${dose.limit}`, {
              max: dose.max,
              unit: t(`doseUnits.${drug.doseUnit}`, { count: dose.max }),
            })}
            description={
              <Flex vertical gap="small">
                <Input.TextArea
                  aria-label={t('builder.overdoseReason')}
                  placeholder={t('builder.overdoseReason')}
                  data-testid="rx-overdose-reason"
                  maxLength={L.overdoseReason}
                  autoSize={{ minRows: 1, maxRows: 3 }}
                  value={line.overdoseReason}
                  onChange={(e) => onChange({ overdoseReason: e.target.value })}
                />
                {line.overdoseConfirmation ? (
                  <Typography.Text type="success" data-testid="rx-overdose-confirmed">
                    {t('builder.overdoseConfirmed')}
                  </Typography.Text>
                ) : (
                  <Button
                    data-testid="rx-overdose-confirm"
                    disabled={!line.overdoseReason.trim()}
                    onClick={onConfirmOverdose}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('builder.overdoseConfirm')}
                  </Button>
                )}
              </Flex>
            }
          />
        )}
        {allergies.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="rx-allergy"
            title={t('builder.allergyMatch', { list: allergies.join(punctuationOf(t).list) })}
            description={
              <Input.TextArea
                aria-label={t('builder.allergyReason')}
                placeholder={t('builder.allergyReason')}
                data-testid="rx-allergy-reason"
                maxLength={L.allergyReason}
                autoSize={{ minRows: 1, maxRows: 3 }}
                value={line.allergyOverrideReason}
                onChange={(e) => onChange({ allergyOverrideReason: e.target.value })}
              />
            }
          />
        )}
      </Flex>
    </Card>
  );
}
