import { Card, Descriptions, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpForm } from '../../../shared/encounters/followUp';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { bmi, vitalFields } from '../../../shared/encounters/vitals';
import { usePunctuation } from '../../ui/punctuation';
import { valueText } from '../encounters/display';
import { TriageNote } from '../encounters/TriageNote';

/**
 * A follow-up visit read-only (signed, or a draft the reader did not write): the form as it was
 * recorded, the vitals from the encounter, and the classification and next step with what the
 * rules computed and the doctor's reason where they differ.
 */
export function FollowUpView({ doc }: { doc: EncounterDoc & { followUp: FollowUpForm } }) {
  const { t, i18n } = useTranslation(['followups', 'encounters']);
  const { t: tEncounters } = useTranslation('encounters');
  const marks = usePunctuation();
  const f = doc.followUp;
  const none = t('view.none');
  const notAsked = t('view.notAsked');
  const list = (codes: readonly string[], prefix: 'symptoms' | 'triggers') =>
    codes.length ? codes.map((c) => t(`${prefix}.${c}` as 'symptoms.none')).join(marks.list) : notAsked;
  const or = (value: string | number | null | undefined, unit = '') =>
    value === null || value === undefined || value === '' ? notAsked : `${value}${unit ? ` ${unit}` : ''}`;
  const nowTarget = (now: string | number | null, target: string | number | null) =>
    `${t('fields.now')} ${or(now)} / ${t('fields.target')} ${or(target)}`;
  const taken = vitalFields.filter((name) => (doc.vitals[name] ?? null) !== null);
  const bmiValue = bmi(doc.vitals.weight, doc.vitals.height);
  const chronic = f.programme === 'hypertension' || f.programme === 'diabetes';
  const l = f.lifestyle;

  const items: { key: string; label: string; children: ReactNode; show?: boolean }[] = [
    {
      key: 'method',
      label: t('fields.method'),
      children: (
        <span data-testid="followup-view-method">
          {t(`methods.${f.method}`)}
          {f.lostReason && marks.aside(`${t('fields.lost')}${marks.colon}${f.lostReason}`)}
        </span>
      ),
    },
    {
      key: 'symptoms',
      label: t('fields.symptoms'),
      show: f.programme !== 'transplant',
      children: (
        <span data-testid="followup-view-symptoms">
          {list(f.symptoms, 'symptoms')}
          {f.symptomsOther && `${marks.clauses}${f.symptomsOther}`}
        </span>
      ),
    },
    {
      key: 'gvhd',
      label: t('fields.gvhd'),
      show: f.programme === 'transplant',
      children: list(f.gvhd, 'symptoms'),
    },
    {
      key: 'vitals',
      label: tEncounters('fields.vitals'),
      children: (
        <span data-testid="followup-view-vitals">
          {taken.length === 0
            ? notAsked
            : taken.map((name) => (
                <span key={name} style={{ marginInlineEnd: 16 }}>
                  {tEncounters(`vitals.${name}`)}{' '}
                  {valueText(`vitals.${name}`, doc.vitals[name], i18n.language, tEncounters)}
                </span>
              ))}
          {bmiValue !== null && `${tEncounters('vitals.bmi')} ${bmiValue} ${tEncounters('units.kgPerM2')}`}
          <TriageNote triage={doc.triage} part="vitals" />
        </span>
      ),
    },
    {
      key: 'targets',
      label: `${t('fields.targetWeight')} / ${t('fields.targetBmi')}`,
      children: `${or(f.targets.weight, t('units.kg'))} / ${or(f.targets.bmi, t('units.kgPerM2'))}`,
    },
    {
      key: 'dorsalis',
      label: t('fields.dorsalisPedis'),
      show: f.programme === 'diabetes',
      children: f.dorsalisPedis
        ? `${t(`pulse.${f.dorsalisPedis}`)}${f.dorsalisSide ? marks.aside(t(`sides.${f.dorsalisSide}`)) : ''}`
        : notAsked,
    },
    {
      key: 'lifestyle',
      label: t('sections.lifestyle'),
      show: chronic || f.programme === 'elderly',
      children: (
        <div data-testid="followup-view-lifestyle">
          <div>
            {t('fields.smoking')}
            {marks.colon}
            {nowTarget(l.smokingNow, l.smokingTarget)}
          </div>
          <div>
            {t('fields.alcohol')}
            {marks.colon}
            {nowTarget(l.alcoholNow, l.alcoholTarget)}
          </div>
          <div>
            {t('fields.exerciseTimes')}
            {marks.colon}
            {nowTarget(l.exerciseTimesNow, l.exerciseTimesTarget)}
          </div>
          <div>
            {t('fields.exerciseMinutes')}
            {marks.colon}
            {nowTarget(l.exerciseMinutesNow, l.exerciseMinutesTarget)}
          </div>
          <div>
            {t('fields.salt')}
            {marks.colon}
            {nowTarget(l.saltNow && t(`salt.${l.saltNow}`), l.saltTarget && t(`salt.${l.saltTarget}`))}
          </div>
          {f.programme === 'diabetes' && (
            <div>
              {t('fields.staple')}
              {marks.colon}
              {nowTarget(l.stapleNow, l.stapleTarget)}
            </div>
          )}
          <div>
            {t('fields.psychology')}
            {marks.colon}
            {or(l.psychology && t(`ratings.${l.psychology}`))}
            {marks.clauses}
            {t('fields.compliance')}
            {marks.colon}
            {or(l.compliance && t(`ratings.${l.compliance}`))}
          </div>
        </div>
      ),
    },
    {
      key: 'glucose',
      label: `${t('fields.fbg')} / ${t('fields.hba1c')}`,
      show: f.programme === 'diabetes',
      children: (
        <span data-testid="followup-view-glucose">
          {or(f.fbg, t('units.mmolPerL'))} / {or(f.hba1c, t('units.percent'))}
          {f.hba1cDate && marks.aside(f.hba1cDate)}
        </span>
      ),
    },
    { key: 'tests', label: t('fields.tests'), children: or(f.tests) },
    {
      key: 'adherence',
      label: t('fields.adherence'),
      show: f.programme !== 'child' && f.programme !== 'pregnancy',
      children: or(f.adherence && t(`adherence.${f.adherence}`)),
    },
    {
      key: 'reaction',
      label: t('fields.adverseReaction'),
      children: (
        <span data-testid="followup-view-reaction">
          {f.adverseReaction || none}
          {f.reactionUncontrolled && <Tag color="red">{t('fields.reactionUncontrolled')}</Tag>}
          {f.newComplication && <Tag color="red">{t('fields.newComplication')}</Tag>}
        </span>
      ),
    },
    {
      key: 'hypoglycaemia',
      label: t('fields.hypoglycaemia'),
      show: f.programme === 'diabetes',
      children: or(f.hypoglycaemia && t(`hypoglycaemia.${f.hypoglycaemia}`)),
    },
    {
      key: 'medications',
      label: t('fields.medications'),
      children: (
        <span data-testid="followup-view-medications">
          {f.medications.length
            ? f.medications
                .map((m) =>
                  t('view.medicationLine', {
                    name: m.name,
                    times: m.timesPerDay,
                    dose: m.dosePerTime,
                    unit: m.unit,
                  }),
                )
                .join(marks.clauses)
            : none}
          {f.insulin && `${marks.clauses}${t('fields.insulin')} ${f.insulin.type} ${f.insulin.dose}`}
        </span>
      ),
    },
    { key: 'advice', label: t('fields.medicationAdvice'), children: or(f.medicationAdvice) },
    {
      key: 'classification',
      label: t('fields.classification'),
      children: (
        <span data-testid="followup-view-classification">
          {t(`classifications.${f.classification}`)}
          {f.classification === f.computedClassification
            ? t('view.kept')
            : t('view.changed', {
                value: t(`classifications.${f.computedClassification}`),
                reason: f.classificationReason,
              })}
        </span>
      ),
    },
    {
      key: 'next',
      label: `${t('fields.nextStep')} / ${t('fields.nextDate')}`,
      children: (
        <span data-testid="followup-view-next">
          {t('view.nextLine', { step: t(`nextSteps.${f.nextStep}`), date: f.nextDate })}
          {f.nextStep === f.computedNextStep && f.nextDate === f.computedNextDate
            ? t('view.kept')
            : t('view.changed', {
                value: t('view.nextLine', {
                  step: t(`nextSteps.${f.computedNextStep}`),
                  date: f.computedNextDate,
                }),
                reason: f.nextReason,
              })}
        </span>
      ),
    },
    {
      key: 'urgent',
      label: t('urgent.title'),
      show: f.urgentTriggers.length > 0,
      children: (
        <Tag color="red" data-testid="followup-view-urgent">
          {list(f.urgentTriggers, 'triggers')}
        </Tag>
      ),
    },
    {
      key: 'referral',
      label: t('sections.referral'),
      show: f.referral !== null,
      children: f.referral && (
        <span data-testid="followup-view-referral">
          {[
            f.referral.reason,
            f.referral.institution,
            f.referral.department,
            f.referral.contact,
            f.referral.result && t(`referralResults.${f.referral.result}`),
          ]
            .filter(Boolean)
            .join(marks.clauses)}
        </span>
      ),
    },
    {
      key: 'confirmed',
      label: t('fields.residentConfirmed'),
      children: (
        <span data-testid="followup-view-confirmed">
          {f.residentConfirmed ? t('view.confirmed') : t('view.notConfirmed')}
        </span>
      ),
    },
  ];

  return (
    <Card
      size="small"
      data-testid="followup-view"
      title={t('formTitle', { programme: t(`programmes.${f.programme}`) })}
    >
      <Descriptions
        column={1}
        size="small"
        bordered
        items={items
          .filter((i) => i.show !== false)
          .map(({ key, label, children }) => ({ key, label, children }))}
      />
    </Card>
  );
}
