import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { encounterContentFields, type EncounterDoc } from '../../../shared/encounters/schema';
import { bmi, bpHint, vitalFields } from '../../../shared/encounters/vitals';
import { valueText } from './display';

/** A consultation record read-only: a signed record, or a draft the reader did not write. */
export function EncounterView({ doc }: { doc: EncounterDoc }) {
  const { t, i18n } = useTranslation('encounters');
  const locale = i18n.language;
  const bmiValue = bmi(doc.vitals.weight, doc.vitals.height);
  const bp = bpHint(doc.vitals.systolic, doc.vitals.diastolic);
  const taken = vitalFields.filter((f) => doc.vitals[f] !== null);

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
                        {f === 'glucose' && `（${t(`glucoseKinds.${doc.vitals.glucoseKind}`)}）`}
                      </span>
                    ))}
                {bmiValue !== null && (
                  <span data-testid="enc-bmi">
                    {t('vitals.bmi')} {bmiValue} {t('units.kgPerM2')}
                  </span>
                )}
                {bp && (
                  <Tag style={{ marginInlineStart: 8 }} data-testid="enc-bp-hint">
                    {t(`bpHint.${bp}`)}
                  </Tag>
                )}
              </span>
            ) : (
              <span data-testid={`enc-view-${field}`} style={{ whiteSpace: 'pre-wrap' }}>
                {valueText(field, doc[field], locale, t)}
              </span>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
