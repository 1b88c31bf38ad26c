import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { encounterContentFields, type EncounterDoc } from '../../../shared/encounters/schema';
import { bmi, bmiBand, bpHint, vitalFields, vitalsWarnings } from '../../../shared/encounters/vitals';
import { usePunctuation } from '../../ui/punctuation';
import { valueText } from './display';
import { TriageNote } from './TriageNote';

/**
 * A consultation record read-only: a signed record, or a draft the reader did not write. `adult`:
 * whether the adult BMI and blood-pressure categories apply at the visit (not for a child).
 */
export function EncounterView({ doc, adult }: { doc: EncounterDoc; adult: boolean }) {
  const { t, i18n } = useTranslation('encounters');
  const locale = i18n.language;
  const marks = usePunctuation();
  const bmiValue = bmi(doc.vitals.weight, doc.vitals.height);
  const bp = bpHint(doc.vitals.systolic, doc.vitals.diastolic);
  const band = bmiBand(bmiValue);
  const warnings = vitalsWarnings(doc.vitals);
  const taken = vitalFields.filter((f) => (doc.vitals[f] ?? null) !== null);

  return (
    <Card size="small" title={t('title')} data-testid="enc-view">
      <Descriptions column={1} size="small" bordered>
        {encounterContentFields.map((field) => (
          <Descriptions.Item key={field} label={t(`fields.${field}`)}>
            {field === 'vitals' ? (
              <span data-testid="enc-view-vitals">
                {taken.length === 0
                  ? t('revisions.empty')
                  : taken.map((f) => (
                      <span key={f} style={{ marginInlineEnd: 16 }}>
                        {t(`vitals.${f}`)} {valueText(`vitals.${f}`, doc.vitals[f], locale, t)}
                        {f === 'glucose' && marks.aside(t(`glucoseKinds.${doc.vitals.glucoseKind}`))}
                      </span>
                    ))}
                {bmiValue !== null && (
                  <span data-testid="enc-bmi">
                    {t('vitals.bmi')} {bmiValue} {t('units.kgPerM2')}
                    {adult && band && marks.aside(t(`bmiBand.${band}`))}
                  </span>
                )}
                {bp && adult && (
                  <Tag style={{ marginInlineStart: 8 }} data-testid="enc-bp-hint">
                    {t(`bpHint.${bp}`)}
                  </Tag>
                )}
                {!adult && (bp || bmiValue !== null) && (
                  <Tag style={{ marginInlineStart: 8 }} data-testid="enc-child-reference">
                    {t('vitals.childReference')}
                  </Tag>
                )}
                <TriageNote triage={doc.triage} part="vitals" />
                {warnings.map((w) => (
                  <Tag key={w.field} color="orange" style={{ marginInlineStart: 8 }}>
                    {t(`vitals.${w.field}`)}
                    {marks.colon}
                    {t(`warnings.${w.code}`)}
                  </Tag>
                ))}
              </span>
            ) : (
              <span data-testid={`enc-view-${field}`} style={{ whiteSpace: 'pre-wrap' }}>
                {valueText(field, doc[field], locale, t)}
              </span>
            )}
            {field === 'chiefComplaint' && (
              <div>
                <TriageNote triage={doc.triage} part="chiefComplaint" />
              </div>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
