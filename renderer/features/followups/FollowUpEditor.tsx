import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { clinicalRulesVersion } from '../../../shared/clinical/signature';
import {
  adherenceLevels,
  classifications,
  followUpMethods,
  followUpTextLimits,
  hypoglycaemiaLevels,
  maxFollowUpMedications,
  nextSteps,
  pulseLevels,
  pulseSides,
  ratings,
  saltLevels,
  type FollowUpForm,
  type FollowUpLifestyle,
} from '../../../shared/encounters/followUp';
import { validateEncounterDraft, validateForSigning } from '../../../shared/encounters/rules';
import { isEnrolment, isTransplantPlan } from '../../../shared/carePlans/schema';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { bpTargetOn, fbgTarget } from '../../../shared/followups/chronic';
import { gvhdCodes, symptomCodes } from '../../../shared/followups/forms';
import { urgentSignCodes } from '../../../shared/followups/urgent';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { usePatientCarePlans } from '../carePlans/hooks';
import { planFor } from '../carePlans/schedule';
import { DiscardDraftButton } from '../encounters/DiscardDraftButton';
import { errorLine, errorsByField } from '../encounters/display';
import { AutosaveText } from '../encounters/EncounterEditor';
import { saveDraft, usePatientEncounters, type EncounterEdit } from '../encounters/encounterRepository';
import { TriageNote } from '../encounters/TriageNote';
import { useAutosave } from '../encounters/useAutosave';
import { useSignEncounter } from '../encounters/useSignEncounter';
import { VitalsFields } from '../encounters/VitalsFields';
import { usePunctuation } from '../../ui/punctuation';
import {
  followUpBlockers,
  previousVisitOf,
  recompute,
  referralReasonCodes,
  refers,
  routineDateOf,
  ticked,
  visitDateOf,
  type VisitContext,
} from './visitForm';

type Edit = EncounterEdit & { followUp: FollowUpForm };

const editOf = (doc: EncounterDoc & { followUp: FollowUpForm }): Edit => ({
  kind: 'followUp',
  followUp: doc.followUp,
  visitType: doc.visitType,
  chiefComplaint: doc.chiefComplaint,
  presentHistory: doc.presentHistory,
  pastHistory: doc.pastHistory,
  allergies: doc.allergies,
  vitals: doc.vitals,
  physicalExam: doc.physicalExam ?? '',
  auxiliaryExams: doc.auxiliaryExams ?? '',
  diagnoses: doc.diagnoses,
  plan: doc.plan,
  advice: doc.advice,
  amendReason: doc.amendReason,
});

const chronic = (programme: FollowUpForm['programme']) =>
  programme === 'hypertension' || programme === 'diabetes';

/**
 * The follow-up visit its writer fills in (高血压 / 2型糖尿病患者随访服务记录表, and the transplant
 * and elderly variants): saved as typed like a consultation draft, the vitals in the encounter's
 * own fields, the classification, next step and next date computed from the answers and shown
 * beside the doctor's choice (a different choice needs a reason). An urgent-referral sign stops
 * the form with a red prompt to refer now; signing is the consultation's (re-authentication,
 * lock, amendment).
 */
export function FollowUpEditor({
  doc,
  patient,
  adult,
}: {
  doc: EncounterDoc & { followUp: FollowUpForm };
  patient: PatientDoc | null;
  adult: boolean;
}) {
  const { t } = useTranslation(['followups', 'encounters']);
  const { t: tEncounters } = useTranslation('encounters');
  const marks = usePunctuation();
  const { db } = useServices();
  const { operator } = useOperator();
  const encounters = usePatientEncounters(doc.patientId);
  const visitDate = visitDateOf(doc);
  const birthDate = patient?.birthDate || null;
  const previous = useMemo(
    () => (encounters ? previousVisitOf(encounters, doc, doc.followUp.enrolmentId, birthDate) : null),
    [encounters, doc, birthDate],
  );
  // The next routine date lands in the enrolment's next due window, as the programme card shows it.
  const carePlans = usePatientCarePlans(doc.patientId).data;
  const enrolmentId = doc.followUp.enrolmentId;
  const routineDate = useMemo(() => {
    if (!carePlans || !encounters) return undefined;
    const enrolment = carePlans.find((p) => p.id === enrolmentId);
    const plan = planFor(carePlans.filter(isTransplantPlan), enrolmentId);
    return routineDateOf(
      enrolment && isEnrolment(enrolment) ? enrolment : null,
      plan,
      encounters,
      doc,
      birthDate,
      visitDate,
    );
  }, [carePlans, encounters, enrolmentId, doc, birthDate, visitDate]);
  const ctx: VisitContext = useMemo(
    () => ({ visitDate, birthDate, previous, routineDate }),
    [visitDate, birthDate, previous, routineDate],
  );
  const [edit, setEdit] = useState<Edit>(() => {
    const first = editOf(doc);
    return { ...first, followUp: recompute(first.followUp, first.vitals, ctx) };
  });
  const { state, flush, retry } = useAutosave<EncounterEdit>(edit, (value) =>
    saveDraft(db, doc.id, value, operator),
  );
  const form = edit.followUp;
  const [lost, setLost] = useState(doc.followUp.lostReason !== '');
  // Whether the doctor chose "refer now" for the urgent signs (a referral reason filled before
  // the signs appeared does not count).
  const [referred, setReferred] = useState(
    doc.followUp.urgentTriggers.length > 0 &&
      doc.followUp.nextStep === 'urgentReferral' &&
      !!doc.followUp.referral?.reason.trim(),
  );

  /** The referral's reason as the rules would word it. */
  const filledReason = (next: FollowUpForm, vitals = edit.vitals) => {
    if (next.urgentTriggers.length)
      return (
        t('urgent.reasonPrefix') +
        next.urgentTriggers.map((c) => t(`triggers.${c}` as 'triggers.fever')).join(marks.list)
      );
    return referralReasonCodes(next, vitals, ctx)
      .map((c) => t(`reasons.${c}` as 'reasons.urgent'))
      .join(marks.list);
  };

  /** Applies a change and brings the computed values up to date. */
  const apply = (prev: Edit, patch: Partial<Edit>, signs?: string[]): Edit => {
    const next = { ...prev, ...patch };
    let followUp = recompute(next.followUp, next.vitals, ctx, signs);
    // A referral step that has no referral yet gets one, its reason filled from the rules; an
    // urgent one waits for the doctor's "refer now".
    if (followUp.nextStep === 'referral' && !followUp.referral)
      followUp = {
        ...followUp,
        referral: {
          reason: filledReason(followUp, next.vitals),
          institution: '',
          department: '',
          contact: '',
          result: null,
        },
      };
    return { ...next, followUp };
  };
  const update = (patch: Partial<Edit>) => setEdit((prev) => apply(prev, patch));
  const set = (patch: Partial<FollowUpForm>) =>
    setEdit((prev) => apply(prev, { followUp: { ...prev.followUp, ...patch } }));
  const setLifestyle = (patch: Partial<FollowUpLifestyle>) =>
    set({ lifestyle: { ...form.lifestyle, ...patch } });

  // The previous visit arrives after the first render: the computed values follow it.
  const ctxKey = JSON.stringify(ctx);
  const [seenCtx, setSeenCtx] = useState(ctxKey);
  if (seenCtx !== ctxKey) {
    setSeenCtx(ctxKey);
    setEdit((prev) => {
      const next = apply(prev, {});
      return JSON.stringify(next) === JSON.stringify(prev) ? prev : next;
    });
  }

  const input = useMemo(
    () => ({ ...edit, amendReason: edit.amendReason ?? '', revisionNo: doc.revisionNo }),
    [edit, doc.revisionNo],
  );
  const blockers = useMemo(() => followUpBlockers(form, visitDate), [form, visitDate]);
  const blockerLines = () => [
    ...(form.urgentTriggers.length > 0 && !referred ? [t('urgent.referFirst')] : []),
    ...validateForSigning(input, clinicalRulesVersion).map((e) => errorLine(e, tEncounters)),
    ...blockers.map(
      (b) =>
        `${t(`blockerFields.${b.field}`)}${marks.colon}${t(`blockers.${b.code}` as 'blockers.duplicate')}`,
    ),
  ];
  const {
    control,
    errors: signErrors,
    attempted,
  } = useSignEncounter({ id: doc.id, flush, blockers: blockerLines });
  const vitalErrors = useMemo(() => errorsByField(validateEncounterDraft(input)), [input]);
  const blocked = (field: string) => attempted && blockers.some((b) => b.field === field);

  const urgent = form.urgentTriggers.length > 0;
  const referredNow = urgent && referred && form.nextStep === 'urgentReferral';
  // Urgent and not yet referred: the form stops at the prompt.
  const stopped = urgent && !referredNow;
  const target = bpTargetOn(birthDate, visitDate);
  const programme = form.programme;
  const num = (
    testId: string,
    value: number | null,
    onChange: (v: number | null) => void,
    suffix?: string,
    width = 120,
  ) => (
    <InputNumber
      data-testid={testId}
      value={value}
      min={0}
      suffix={suffix}
      style={{ width }}
      onChange={(v) => onChange(typeof v === 'number' ? v : null)}
    />
  );
  const choice = <V extends string>(
    testId: string,
    values: readonly V[],
    value: V | null,
    onChange: (v: V) => void,
    label: (v: V) => string,
  ) => (
    <Radio.Group
      data-testid={testId}
      value={value}
      optionType="button"
      options={values.map((v) => ({ value: v, label: label(v) }))}
      onChange={(e) => onChange(e.target.value as V)}
    />
  );
  const section = (key: string, title: string, children: ReactNode) => (
    <Card
      size="small"
      type="inner"
      title={title}
      data-testid={`followup-section-${key}`}
      style={{ marginBottom: 12 }}
    >
      {children}
    </Card>
  );
  const nowTarget = (label: string, now: ReactNode, target: ReactNode) => (
    <Row gutter={8} align="middle" style={{ marginBottom: 8 }}>
      <Col flex="180px">{label}</Col>
      <Col>
        <Space>
          {t('fields.now')} {now}
        </Space>
      </Col>
      <Col>
        <Space>
          {t('fields.target')} {target}
        </Space>
      </Col>
    </Row>
  );

  const referNow = () => {
    setReferred(true);
    setEdit((prev) => {
      const next = apply(prev, {});
      const f = next.followUp;
      return {
        ...next,
        followUp: {
          ...f,
          nextStep: 'urgentReferral',
          nextDate: f.computedNextDate,
          nextReason: '',
          referral: {
            ...(f.referral ?? { institution: '', department: '', contact: '', result: null }),
            reason: filledReason(f),
          },
        },
      };
    });
  };

  const symptomList = programme === 'transplant' ? [] : symptomCodes[programme];

  return (
    <Card
      size="small"
      data-testid="followup-editor"
      title={
        <Space>
          {t('formTitle', { programme: t(`programmes.${programme}`) })}
          <AutosaveText state={state} onRetry={() => void retry()} />
        </Space>
      }
      extra={
        <Space wrap>
          <DiscardDraftButton doc={doc} />
          {control}
        </Space>
      }
    >
      {signErrors}
      {urgent && (
        <Alert
          type="error"
          showIcon
          data-testid="followup-urgent"
          style={{ marginBottom: 12 }}
          title={t('urgent.title')}
          description={t('urgent.description', {
            triggers: form.urgentTriggers.map((c) => t(`triggers.${c}` as 'triggers.fever')).join(marks.list),
          })}
          action={
            !referredNow && (
              <Button danger type="primary" data-testid="followup-urgent-refer" onClick={referNow}>
                {t('urgent.referNow')}
              </Button>
            )
          }
        />
      )}
      {!urgent && form.computedNextStep === 'referral' && (
        <Alert
          type="warning"
          showIcon
          data-testid="followup-referral-prompt"
          style={{ marginBottom: 12 }}
          title={t('referralPrompt.title')}
          description={
            <>
              {t('referralPrompt.description', { reason: filledReason(form) })}{' '}
              {t('referralPrompt.reasonFilled')}
            </>
          }
        />
      )}
      <Form layout="vertical" component="div">
        {doc.revisionNo > 1 && (
          <Form.Item label={t('encounters:fields.amendReason')}>
            <Input
              data-testid="enc-draft-amend-reason"
              value={edit.amendReason}
              maxLength={500}
              onChange={(e) => update({ amendReason: e.target.value })}
            />
          </Form.Item>
        )}
        {section(
          'visit',
          t('sections.visit'),
          <Space wrap align="start" size="large">
            {choice(
              'followup-method',
              followUpMethods,
              form.method,
              (method) => set({ method }),
              (v) => t(`methods.${v}`),
            )}
            <Checkbox
              data-testid="followup-lost"
              checked={lost}
              onChange={(e) => {
                setLost(e.target.checked);
                if (!e.target.checked) set({ lostReason: '' });
              }}
            >
              {t('fields.lost')}
            </Checkbox>
            {lost && (
              <Input
                data-testid="followup-lost-reason"
                placeholder={t('fields.lostReason')}
                value={form.lostReason}
                maxLength={followUpTextLimits.lostReason}
                style={{ width: 320 }}
                onChange={(e) => set({ lostReason: e.target.value })}
              />
            )}
          </Space>,
        )}
        {symptomList.length > 0 &&
          section(
            'symptoms',
            t('sections.symptoms'),
            <Form.Item validateStatus={blocked('symptoms') ? 'error' : undefined} style={{ marginBottom: 0 }}>
              <Checkbox.Group
                data-testid="followup-symptoms"
                value={form.symptoms}
                options={symptomList.map((c) => ({ value: c, label: t(`symptoms.${c}` as 'symptoms.none') }))}
                onChange={(values) => {
                  const list = values as string[];
                  // 无症状 alone: ticking it clears the others, ticking another clears it.
                  const added = list.find((v) => !form.symptoms.includes(v));
                  set({ symptoms: added === 'none' ? ['none'] : list.filter((v) => v !== 'none' || !added) });
                }}
              />
              <Input
                data-testid="followup-symptoms-other"
                placeholder={t('fields.symptomsOther')}
                value={form.symptomsOther}
                maxLength={followUpTextLimits.symptomsOther}
                style={{ marginTop: 8 }}
                onChange={(e) => set({ symptomsOther: e.target.value })}
              />
            </Form.Item>,
          )}
        {programme === 'transplant' &&
          section(
            'gvhd',
            t('sections.gvhd'),
            <Checkbox.Group
              data-testid="followup-gvhd"
              value={form.gvhd}
              options={gvhdCodes.map((c) => ({ value: c, label: t(`symptoms.${c}`) }))}
              onChange={(values) => set({ gvhd: values as string[] })}
            />,
          )}
        {section(
          'signs',
          t('sections.signs'),
          <>
            <VitalsFields
              value={edit.vitals}
              errors={vitalErrors}
              adult={adult}
              onChange={(vitals) => update({ vitals })}
            />
            <TriageNote triage={doc.triage} part="vitals" />
            {chronic(programme) && (
              <Typography.Paragraph type="secondary" data-testid="followup-target">
                {programme === 'diabetes'
                  ? t('computed.fbgTarget', { value: fbgTarget.toFixed(1) })
                  : t('computed.target', { systolic: target.systolic, diastolic: target.diastolic })}
              </Typography.Paragraph>
            )}
            <Space wrap align="start">
              <Form.Item label={t('fields.targetWeight')} style={{ marginBottom: 8 }}>
                {num(
                  'followup-target-weight',
                  form.targets.weight,
                  (weight) => set({ targets: { ...form.targets, weight } }),
                  t('units.kg'),
                )}
              </Form.Item>
              <Form.Item label={t('fields.targetBmi')} style={{ marginBottom: 8 }}>
                {num(
                  'followup-target-bmi',
                  form.targets.bmi,
                  (bmi) => set({ targets: { ...form.targets, bmi } }),
                  t('units.kgPerM2'),
                )}
              </Form.Item>
              {programme === 'diabetes' && (
                <>
                  <Form.Item label={t('fields.dorsalisPedis')} style={{ marginBottom: 8 }}>
                    {choice(
                      'followup-dorsalis',
                      pulseLevels,
                      form.dorsalisPedis,
                      (dorsalisPedis) => set({ dorsalisPedis }),
                      (v) => t(`pulse.${v}`),
                    )}
                  </Form.Item>
                  <Form.Item label={t('fields.dorsalisSide')} style={{ marginBottom: 8 }}>
                    {choice(
                      'followup-dorsalis-side',
                      pulseSides,
                      form.dorsalisSide,
                      (dorsalisSide) => set({ dorsalisSide }),
                      (v) => t(`sides.${v}`),
                    )}
                  </Form.Item>
                </>
              )}
            </Space>
            <Form.Item label={t('fields.dangerSigns')} style={{ marginBottom: 0 }}>
              <Checkbox.Group
                data-testid="followup-danger-signs"
                value={ticked(form)}
                options={urgentSignCodes[programme].map((c) => ({
                  value: c,
                  label: t(`triggers.${c}` as 'triggers.fever'),
                }))}
                onChange={(values) => setEdit((prev) => apply(prev, {}, values as string[]))}
              />
            </Form.Item>
          </>,
        )}
        {stopped ? null : (
          <>
            {(chronic(programme) || programme === 'elderly') &&
              section(
                'lifestyle',
                t('sections.lifestyle'),
                <>
                  {nowTarget(
                    t('fields.smoking'),
                    num('followup-smoking-now', form.lifestyle.smokingNow, (smokingNow) =>
                      setLifestyle({ smokingNow }),
                    ),
                    num('followup-smoking-target', form.lifestyle.smokingTarget, (smokingTarget) =>
                      setLifestyle({ smokingTarget }),
                    ),
                  )}
                  {nowTarget(
                    t('fields.alcohol'),
                    num('followup-alcohol-now', form.lifestyle.alcoholNow, (alcoholNow) =>
                      setLifestyle({ alcoholNow }),
                    ),
                    num('followup-alcohol-target', form.lifestyle.alcoholTarget, (alcoholTarget) =>
                      setLifestyle({ alcoholTarget }),
                    ),
                  )}
                  {nowTarget(
                    t('fields.exerciseTimes'),
                    num('followup-exercise-times-now', form.lifestyle.exerciseTimesNow, (exerciseTimesNow) =>
                      setLifestyle({ exerciseTimesNow }),
                    ),
                    num(
                      'followup-exercise-times-target',
                      form.lifestyle.exerciseTimesTarget,
                      (exerciseTimesTarget) => setLifestyle({ exerciseTimesTarget }),
                    ),
                  )}
                  {nowTarget(
                    t('fields.exerciseMinutes'),
                    num(
                      'followup-exercise-minutes-now',
                      form.lifestyle.exerciseMinutesNow,
                      (exerciseMinutesNow) => setLifestyle({ exerciseMinutesNow }),
                    ),
                    num(
                      'followup-exercise-minutes-target',
                      form.lifestyle.exerciseMinutesTarget,
                      (exerciseMinutesTarget) => setLifestyle({ exerciseMinutesTarget }),
                    ),
                  )}
                  {nowTarget(
                    t('fields.salt'),
                    choice(
                      'followup-salt-now',
                      saltLevels,
                      form.lifestyle.saltNow,
                      (saltNow) => setLifestyle({ saltNow }),
                      (v) => t(`salt.${v}`),
                    ),
                    choice(
                      'followup-salt-target',
                      saltLevels,
                      form.lifestyle.saltTarget,
                      (saltTarget) => setLifestyle({ saltTarget }),
                      (v) => t(`salt.${v}`),
                    ),
                  )}
                  {programme === 'diabetes' &&
                    nowTarget(
                      t('fields.staple'),
                      num('followup-staple-now', form.lifestyle.stapleNow, (stapleNow) =>
                        setLifestyle({ stapleNow }),
                      ),
                      num('followup-staple-target', form.lifestyle.stapleTarget, (stapleTarget) =>
                        setLifestyle({ stapleTarget }),
                      ),
                    )}
                  <Space wrap size="large">
                    <Form.Item label={t('fields.psychology')} style={{ marginBottom: 0 }}>
                      {choice(
                        'followup-psychology',
                        ratings,
                        form.lifestyle.psychology,
                        (psychology) => setLifestyle({ psychology }),
                        (v) => t(`ratings.${v}`),
                      )}
                    </Form.Item>
                    <Form.Item label={t('fields.compliance')} style={{ marginBottom: 0 }}>
                      {choice(
                        'followup-compliance',
                        ratings,
                        form.lifestyle.compliance,
                        (compliance) => setLifestyle({ compliance }),
                        (v) => t(`ratings.${v}`),
                      )}
                    </Form.Item>
                  </Space>
                </>,
              )}
            {section(
              'tests',
              t('sections.tests'),
              <>
                {programme === 'diabetes' && (
                  <Space wrap align="start">
                    <Form.Item label={t('fields.fbg')} style={{ marginBottom: 8 }}>
                      {num('followup-fbg', form.fbg, (fbg) => set({ fbg }), t('units.mmolPerL'), 150)}
                    </Form.Item>
                    <Form.Item label={t('fields.hba1c')} style={{ marginBottom: 8 }}>
                      {num('followup-hba1c', form.hba1c, (hba1c) => set({ hba1c }), t('units.percent'))}
                    </Form.Item>
                    <Form.Item label={t('fields.hba1cDate')} style={{ marginBottom: 8 }}>
                      <input
                        type="date"
                        className="ant-input"
                        data-testid="followup-hba1c-date"
                        value={form.hba1cDate ?? ''}
                        max={visitDate}
                        onChange={(e) => set({ hba1cDate: e.target.value || null })}
                      />
                    </Form.Item>
                  </Space>
                )}
                <Input.TextArea
                  data-testid="followup-tests"
                  value={form.tests}
                  placeholder={t('fields.tests')}
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  maxLength={followUpTextLimits.tests}
                  onChange={(e) => set({ tests: e.target.value })}
                />
              </>,
            )}
            {programme !== 'child' &&
              programme !== 'pregnancy' &&
              section(
                'medication',
                t('sections.medication'),
                <>
                  <Space wrap size="large" align="start">
                    <Form.Item label={t('fields.adherence')} style={{ marginBottom: 8 }}>
                      {choice(
                        'followup-adherence',
                        adherenceLevels,
                        form.adherence,
                        (adherence) => set({ adherence }),
                        (v) => t(`adherence.${v}`),
                      )}
                    </Form.Item>
                    {programme === 'diabetes' && (
                      <Form.Item label={t('fields.hypoglycaemia')} style={{ marginBottom: 8 }}>
                        {choice(
                          'followup-hypoglycaemia',
                          hypoglycaemiaLevels,
                          form.hypoglycaemia,
                          (hypoglycaemia) => set({ hypoglycaemia }),
                          (v) => t(`hypoglycaemia.${v}`),
                        )}
                      </Form.Item>
                    )}
                  </Space>
                  <Form.Item label={t('fields.adverseReaction')} style={{ marginBottom: 8 }}>
                    <Input
                      data-testid="followup-adverse-reaction"
                      value={form.adverseReaction}
                      placeholder={t('fields.adverseReactionText')}
                      maxLength={followUpTextLimits.adverseReaction}
                      onChange={(e) => set({ adverseReaction: e.target.value })}
                    />
                  </Form.Item>
                  <Space wrap style={{ marginBottom: 8 }}>
                    <Checkbox
                      data-testid="followup-reaction-uncontrolled"
                      checked={form.reactionUncontrolled}
                      onChange={(e) => set({ reactionUncontrolled: e.target.checked })}
                    >
                      {t('fields.reactionUncontrolled')}
                    </Checkbox>
                    <Checkbox
                      data-testid="followup-new-complication"
                      checked={form.newComplication}
                      onChange={(e) => set({ newComplication: e.target.checked })}
                    >
                      {t('fields.newComplication')}
                    </Checkbox>
                  </Space>
                  <Typography.Text strong>{t('fields.medications')}</Typography.Text>
                  {form.medications.map((m, i) => {
                    const change = (patch: Partial<typeof m>) =>
                      set({
                        medications: form.medications.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                      });
                    return (
                      <Space
                        key={i}
                        wrap
                        style={{ display: 'flex', marginTop: 8 }}
                        data-testid="followup-medication"
                      >
                        <Input
                          data-testid="followup-medication-name"
                          placeholder={t('fields.medicationName')}
                          value={m.name}
                          maxLength={followUpTextLimits.medicationName}
                          style={{ width: 200 }}
                          onChange={(e) => change({ name: e.target.value })}
                        />
                        <InputNumber
                          data-testid="followup-medication-times"
                          value={m.timesPerDay}
                          min={0}
                          max={24}
                          prefix={t('fields.timesPerDay')}
                          onChange={(v) => change({ timesPerDay: typeof v === 'number' ? v : 0 })}
                        />
                        <InputNumber
                          data-testid="followup-medication-dose"
                          value={m.dosePerTime}
                          min={0}
                          prefix={t('fields.dosePerTime')}
                          onChange={(v) => change({ dosePerTime: typeof v === 'number' ? v : 0 })}
                        />
                        <Input
                          data-testid="followup-medication-unit"
                          placeholder={t('fields.unit')}
                          value={m.unit}
                          maxLength={followUpTextLimits.unit}
                          style={{ width: 80 }}
                          onChange={(e) => change({ unit: e.target.value })}
                        />
                        <Button
                          size="small"
                          onClick={() => set({ medications: form.medications.filter((_, j) => j !== i) })}
                        >
                          {t('remove')}
                        </Button>
                      </Space>
                    );
                  })}
                  <div style={{ marginTop: 8 }}>
                    <Button
                      size="small"
                      data-testid="followup-medication-add"
                      disabled={form.medications.length >= maxFollowUpMedications}
                      onClick={() =>
                        set({
                          medications: [
                            ...form.medications,
                            { name: '', timesPerDay: 1, dosePerTime: 0, unit: 'mg' },
                          ],
                        })
                      }
                    >
                      {t('addMedication')}
                    </Button>
                  </div>
                  {programme === 'diabetes' && (
                    <Space wrap style={{ marginTop: 8 }}>
                      {t('fields.insulin')}
                      <Input
                        data-testid="followup-insulin-type"
                        placeholder={t('fields.insulinType')}
                        value={form.insulin?.type ?? ''}
                        maxLength={followUpTextLimits.insulin}
                        onChange={(e) => {
                          const insulin = { type: e.target.value, dose: form.insulin?.dose ?? '' };
                          set({ insulin: insulin.type || insulin.dose ? insulin : null });
                        }}
                      />
                      <Input
                        data-testid="followup-insulin-dose"
                        placeholder={t('fields.insulinDose')}
                        value={form.insulin?.dose ?? ''}
                        maxLength={followUpTextLimits.insulin}
                        onChange={(e) => {
                          const insulin = { type: form.insulin?.type ?? '', dose: e.target.value };
                          set({ insulin: insulin.type || insulin.dose ? insulin : null });
                        }}
                      />
                    </Space>
                  )}
                  <Form.Item label={t('fields.medicationAdvice')} style={{ marginTop: 8, marginBottom: 0 }}>
                    <Input.TextArea
                      data-testid="followup-medication-advice"
                      value={form.medicationAdvice}
                      autoSize={{ minRows: 1, maxRows: 6 }}
                      maxLength={followUpTextLimits.medicationAdvice}
                      onChange={(e) => set({ medicationAdvice: e.target.value })}
                    />
                  </Form.Item>
                </>,
              )}
          </>
        )}
        {section(
          'assessment',
          t('sections.assessment'),
          <>
            <Form.Item
              label={t('fields.classification')}
              extra={
                <span data-testid="followup-classification-computed">
                  {t('computed.value', { value: t(`classifications.${form.computedClassification}`) })}
                </span>
              }
              style={{ marginBottom: 8 }}
            >
              <Select
                data-testid="followup-classification"
                value={form.classification}
                style={{ width: 220 }}
                options={classifications.map((c) => ({ value: c, label: t(`classifications.${c}`) }))}
                onChange={(classification) => set({ classification })}
              />
            </Form.Item>
            {form.classification !== form.computedClassification && (
              <Form.Item
                label={t('fields.classificationReason')}
                validateStatus={blocked('classificationReason') ? 'error' : undefined}
                help={blocked('classificationReason') ? t('blockers.reasonRequired') : t('computed.changed')}
              >
                <Input
                  data-testid="followup-classification-reason"
                  value={form.classificationReason}
                  maxLength={followUpTextLimits.reason}
                  onChange={(e) => set({ classificationReason: e.target.value })}
                />
              </Form.Item>
            )}
            <Space wrap align="start">
              <Form.Item label={t('fields.nextStep')} style={{ marginBottom: 8 }}>
                <Select
                  data-testid="followup-next-step"
                  value={form.nextStep}
                  style={{ width: 280 }}
                  options={nextSteps.map((s) => ({ value: s, label: t(`nextSteps.${s}`) }))}
                  onChange={(nextStep) => set({ nextStep })}
                />
              </Form.Item>
              <Form.Item
                label={t('fields.nextDate')}
                style={{ marginBottom: 8 }}
                validateStatus={blocked('nextDate') ? 'error' : undefined}
              >
                <input
                  type="date"
                  className="ant-input"
                  data-testid="followup-next-date"
                  value={form.nextDate}
                  min={visitDate}
                  onChange={(e) => set({ nextDate: e.target.value })}
                />
              </Form.Item>
            </Space>
            <Typography.Paragraph type="secondary" data-testid="followup-next-computed">
              {t('computed.value', {
                value: t('view.nextLine', {
                  step: t(`nextSteps.${form.computedNextStep}`),
                  date: form.computedNextDate,
                }),
              })}
            </Typography.Paragraph>
            {(form.nextStep !== form.computedNextStep || form.nextDate !== form.computedNextDate) && (
              <Form.Item
                label={t('fields.nextReason')}
                validateStatus={blocked('nextReason') ? 'error' : undefined}
                help={blocked('nextReason') ? t('blockers.reasonRequired') : t('computed.changed')}
              >
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    data-testid="followup-next-reason"
                    value={form.nextReason}
                    maxLength={followUpTextLimits.reason}
                    onChange={(e) => set({ nextReason: e.target.value })}
                  />
                  <Button
                    data-testid="followup-next-restore"
                    onClick={() =>
                      set({
                        nextStep: form.computedNextStep,
                        nextDate: form.computedNextDate,
                        nextReason: '',
                      })
                    }
                  >
                    {t('computed.restore')}
                  </Button>
                </Space.Compact>
              </Form.Item>
            )}
          </>,
        )}
        {(refers(form.nextStep) || form.referral) &&
          section(
            'referral',
            t('sections.referral'),
            <>
              <Form.Item
                label={t('fields.referralReason')}
                validateStatus={blocked('referral') ? 'error' : undefined}
                style={{ marginBottom: 8 }}
              >
                <Input
                  data-testid="followup-referral-reason"
                  value={form.referral?.reason ?? ''}
                  maxLength={followUpTextLimits.reason}
                  onChange={(e) =>
                    set({
                      referral: {
                        ...(form.referral ?? { institution: '', department: '', contact: '', result: null }),
                        reason: e.target.value,
                      },
                    })
                  }
                />
              </Form.Item>
              <Space wrap>
                {(['institution', 'department', 'contact'] as const).map((field) => (
                  <Form.Item key={field} label={t(`fields.${field}`)} style={{ marginBottom: 8 }}>
                    <Input
                      data-testid={`followup-referral-${field}`}
                      value={form.referral?.[field] ?? ''}
                      maxLength={followUpTextLimits.referralText}
                      onChange={(e) =>
                        set({
                          referral: {
                            ...(form.referral ?? {
                              reason: '',
                              institution: '',
                              department: '',
                              contact: '',
                              result: null,
                            }),
                            [field]: e.target.value,
                          },
                        })
                      }
                    />
                  </Form.Item>
                ))}
                <Form.Item label={t('fields.referralResult')} style={{ marginBottom: 8 }}>
                  {choice(
                    'followup-referral-result',
                    ['arrived', 'notArrived'] as const,
                    form.referral?.result ?? null,
                    (result) =>
                      set({
                        referral: {
                          ...(form.referral ?? { reason: '', institution: '', department: '', contact: '' }),
                          result,
                        },
                      }),
                    (v) => t(`referralResults.${v}`),
                  )}
                </Form.Item>
              </Space>
            </>,
          )}
        <Checkbox
          data-testid="followup-resident-confirmed"
          checked={form.residentConfirmed}
          onChange={(e) => set({ residentConfirmed: e.target.checked })}
        >
          {t('fields.residentConfirmed')}
        </Checkbox>
      </Form>
    </Card>
  );
}
