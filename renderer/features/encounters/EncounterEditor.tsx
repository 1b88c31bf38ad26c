import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { clinicalRulesVersion } from '../../../shared/clinical/signature';
import {
  prefillFromPatient,
  validateEncounterDraft,
  validateForSigning,
  type EncounterFieldError,
} from '../../../shared/encounters/rules';
import { encounterTextLimits, visitTypes, type EncounterDoc } from '../../../shared/encounters/schema';
import { keepNurseFields, nurseFieldsOf } from '../../../shared/observations/rules';
import type { PatientDoc } from '../../../shared/patients/schema';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { useReauth } from '../../auth/reauth';
import { punctuationOf } from '../../ui/punctuation';
import { DiagnosisPicker } from './DiagnosisPicker';
import { DiscardDraftButton } from './DiscardDraftButton';
import { errorLine, errorsByField, missingFieldsText } from './display';
import { saveDraft, signEncounter, type EncounterEdit } from './encounterRepository';
import { useAutosave, type AutosaveState } from './useAutosave';
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

function AutosaveText({ state, onRetry }: { state: AutosaveState; onRetry: () => void }) {
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
  const reauth = useReauth();
  const [edit, setEdit] = useState<EncounterEdit>(() => editOf(doc));
  const [signing, setSigning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [signErrors, setSignErrors] = useState<string[]>([]);
  // After a sign attempt, the fields still missing are marked where they are, live.
  const [attempted, setAttempted] = useState(false);
  const { state, flush, retry } = useAutosave(edit, (value) => saveDraft(db, doc.id, value, operator));

  const input = useMemo(
    () => ({ ...edit, amendReason: edit.amendReason ?? '', revisionNo: doc.revisionNo }),
    [edit, doc.revisionNo],
  );
  const forSigning = useMemo(() => validateForSigning(input, clinicalRulesVersion), [input]);
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

  const sign = async () => {
    setBusy(true);
    setAttempted(true);
    try {
      if (forSigning.length) {
        setSignErrors(forSigning.map((e) => errorLine(e, t)));
        return;
      }
      setSigning(false);
      if (!(await reauth({ purpose: 'sign' }))) return;
      const saved = await flush();
      if (saved && !saved.ok) {
        setSignErrors(
          saved.reason === 'invalid'
            ? saved.errors.map((e: EncounterFieldError) => errorLine(e, t))
            : [t(`writeErrors.${saved.reason}`)],
        );
        return;
      }
      const result = await signEncounter(db, doc.id, operator);
      if (result.ok) setSignErrors([]);
      else
        setSignErrors(
          result.reason === 'invalid'
            ? result.errors.map((e) => errorLine(e, t))
            : [t('page.signFailed', { reason: t(`writeErrors.${result.reason}`) })],
        );
    } catch (error) {
      // The database threw (full, closed): say so where the signer looks; the draft stays.
      logFailure('Signing failed', error);
      setSignErrors([saveFailureText(error)]);
    } finally {
      setBusy(false);
      setSigning(false);
    }
  };

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
          <Button type="primary" data-testid="enc-sign" onClick={() => setSigning(true)}>
            {t('signing.sign')}
          </Button>
        </Space>
      }
    >
      {signErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="enc-sign-errors"
          style={{ marginBottom: 16 }}
          title={t('page.signErrorsTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {signErrors.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      )}
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
      <Modal
        open={signing}
        title={t('signing.sign')}
        confirmLoading={busy}
        onOk={() => void sign()}
        onCancel={() => setSigning(false)}
        okButtonProps={{ 'data-testid': 'enc-sign-confirm' } as ButtonProps}
      >
        {t('signing.confirm')}
      </Modal>
    </Card>
  );
}
