import { Button, Card, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { clinicalRulesVersion } from '../../../shared/clinical/signature';
import {
  prefillFromPatient,
  validateEncounterDraft,
  validateForSigning,
} from '../../../shared/encounters/rules';
import { encounterTextLimits, visitTypes, type EncounterDoc } from '../../../shared/encounters/schema';
import { keepNurseFields, nurseFieldsOf } from '../../../shared/observations/rules';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { punctuationOf } from '../../ui/punctuation';
import { DiagnosisPicker } from './DiagnosisPicker';
import { DiscardDraftButton } from './DiscardDraftButton';
import { errorLine, errorsByField, missingFieldsText } from './display';
import { saveDraft, type EncounterEdit } from './encounterRepository';
import { useAutosave, type AutosaveState } from './useAutosave';
import { useSignEncounter } from './useSignEncounter';
import { TriageNote } from './TriageNote';
import { TriageOffer } from './TriageOffer';
import { VitalsFields } from './VitalsFields';

const { TextArea } = Input;

type TextField =
  'chiefComplaint' | 'presentHistory' | 'pastHistory' | 'physicalExam' | 'auxiliaryExams' | 'plan' | 'advice';

/** Fields with an example of what to write. */
const withPlaceholder = new Set<TextField>(['physicalExam', 'auxiliaryExams']);

const editOf = (doc: EncounterDoc): EncounterEdit => ({
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

export function AutosaveText({ state, onRetry }: { state: AutosaveState; onRetry: () => void }) {
  const { t } = useTranslation('encounters');
  if (state.kind === 'unsaved')
    return (
      <Space size="small">
        <Typography.Text type="danger" data-testid="enc-autosave">
          {t('autosave.unsaved')}
        </Typography.Text>
        <Button size="small" data-testid="enc-autosave-retry" onClick={onRetry}>
          {t('autosave.retry')}
        </Button>
      </Space>
    );
  const text =
    state.kind === 'saved'
      ? t('autosave.saved', { time: dayjs(state.at).format('HH:mm:ss') })
      : state.kind === 'failed'
        ? t('autosave.failed', { reason: t(`writeErrors.${state.reason}`) })
        : t(`autosave.${state.kind}`);
  const type = state.kind === 'failed' || state.kind === 'invalid' ? 'danger' : 'secondary';
  return (
    <Typography.Text type={type} data-testid="enc-autosave">
      {text}
    </Typography.Text>
  );
}

/**
 * The draft its writer edits in place: every change is saved to the local database within seconds
 * (a reload shows what was typed). The fields still needed for signing are named beside the sign
 * button; signing asks for the password again (re-authentication), checks completeness under the
 * current rules and locks the record. A draft never signed can be discarded. `adult`: whether the
 * adult vitals categories apply at the visit.
 */
export function EncounterEditor({
  doc,
  patient,
  adult,
}: {
  doc: EncounterDoc;
  patient: PatientDoc | null;
  adult: boolean;
}) {
  const { t } = useTranslation(['encounters', 'patients']);
  const { db } = useServices();
  const { operator } = useOperator();
  const [edit, setEdit] = useState<EncounterEdit>(() => editOf(doc));
  const { state, flush, retry } = useAutosave(edit, (value) => saveDraft(db, doc.id, value, operator));

  const input = useMemo(
    () => ({ ...edit, amendReason: edit.amendReason ?? '', revisionNo: doc.revisionNo }),
    [edit, doc.revisionNo],
  );
  const forSigning = useMemo(() => validateForSigning(input, clinicalRulesVersion), [input]);
  // After a sign attempt, the fields still missing are marked where they are, live.
  const {
    attempted,
    control,
    errors: signErrors,
  } = useSignEncounter({
    id: doc.id,
    flush,
    blockers: () => forSigning.map((e) => errorLine(e, t)),
  });
  const errors = useMemo(
    () => errorsByField(attempted ? forSigning : validateEncounterDraft(input)),
    [attempted, forSigning, input],
  );
  const missing = missingFieldsText(forSigning, t);
  const conditions = patient ? prefillFromPatient(patient).conditions : [];
  const update = (patch: Partial<EncounterEdit>) => setEdit((prev) => ({ ...prev, ...patch }));

  const status = (path: string) => {
    const error = errors.get(path);
    return error
      ? { validateStatus: 'error' as const, help: t(`errors.${error.code}`) }
      : { validateStatus: undefined, help: undefined };
  };

  // What of the vitals and complaint is still the triage nurse's, as the doctor types.
  const triage = doc.triage && keepNurseFields(doc.triage, doc, edit);

  const text = (field: TextField, rows: number, extra?: ReactNode) => (
    <Form.Item label={t(`fields.${field}`)} extra={extra} {...status(field)}>
      <TextArea
        data-testid={`enc-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`}
        value={edit[field] ?? ''}
        placeholder={
          withPlaceholder.has(field) ? t(`placeholders.${field}` as 'placeholders.physicalExam') : undefined
        }
        autoSize={{ minRows: rows, maxRows: 16 }}
        maxLength={encounterTextLimits[field]}
        onChange={(e) => update({ [field]: e.target.value })}
      />
    </Form.Item>
  );

  return (
    <Card
      size="small"
      title={
        <Space>
          {t('title')}
          <AutosaveText state={state} onRetry={() => void retry()} />
        </Space>
      }
      extra={
        <Space wrap>
          {missing && (
            <Typography.Text type="secondary" data-testid="enc-sign-missing">
              {t('signing.missing', { fields: missing })}
            </Typography.Text>
          )}
          <DiscardDraftButton doc={doc} />
          {control}
        </Space>
      }
    >
      {signErrors}
      <TriageOffer
        doc={doc}
        beforeTake={flush}
        onTaken={(next) => update({ vitals: next.vitals, chiefComplaint: next.chiefComplaint })}
      />
      <Form layout="vertical" component="div">
        {doc.revisionNo > 1 && (
          <Form.Item label={t('fields.amendReason')} {...status('amendReason')}>
            <Input
              data-testid="enc-draft-amend-reason"
              value={edit.amendReason}
              maxLength={encounterTextLimits.amendReason}
              onChange={(e) => update({ amendReason: e.target.value })}
            />
          </Form.Item>
        )}
        <Form.Item label={t('fields.visitType')}>
          <Radio.Group
            data-testid="enc-visit-type"
            value={edit.visitType}
            optionType="button"
            options={visitTypes.map((v) => ({ value: v, label: t(`visitTypes.${v}`) }))}
            onChange={(e) => update({ visitType: e.target.value as EncounterEdit['visitType'] })}
          />
        </Form.Item>
        {text(
          'chiefComplaint',
          1,
          nurseFieldsOf(triage, 'chiefComplaint').length ? (
            <TriageNote triage={triage} part="chiefComplaint" />
          ) : undefined,
        )}
        {text('presentHistory', 3)}
        {text('pastHistory', 2)}
        <Form.Item label={t('fields.allergies')}>
          <span data-testid="enc-allergies">
            {edit.allergies.length
              ? edit.allergies.map((a) => (
                  <Tag color="red" key={a}>
                    {a}
                  </Tag>
                ))
              : t('page.noAllergies')}
          </span>
          {conditions.length > 0 && (
            <span style={{ marginInlineStart: 16 }}>
              {t('page.conditions')}
              {punctuationOf(t).colon}
              {conditions.map((c) => (
                <Tag color="geekblue" key={c}>
                  {t(`patients:tags.${c}`)}
                </Tag>
              ))}
            </span>
          )}
        </Form.Item>
        <Form.Item
          label={t('fields.vitals')}
          extra={
            nurseFieldsOf(triage, 'vitals').length ? <TriageNote triage={triage} part="vitals" /> : undefined
          }
        >
          <VitalsFields
            value={edit.vitals}
            errors={errors}
            adult={adult}
            onChange={(vitals) => update({ vitals })}
          />
        </Form.Item>
        {text('physicalExam', 2)}
        {text('auxiliaryExams', 2)}
        <Form.Item label={t('fields.diagnoses')} {...status('diagnoses')}>
          <DiagnosisPicker
            value={edit.diagnoses}
            errors={errors}
            onChange={(diagnoses) => update({ diagnoses })}
          />
        </Form.Item>
        {text('plan', 2)}
        {text('advice', 2)}
      </Form>
    </Card>
  );
}
