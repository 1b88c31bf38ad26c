import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { feeCategories, type FeeCategory } from '../../../shared/prescriptions/vocabulary';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { resolveTypedDrug } from '../../../shared/prescriptions/nameMatch';
import { validatePrescription } from '../../../shared/prescriptions/rules';
import { prescriptionTextLimits, type PrescriptionItem } from '../../../shared/prescriptions/schema';
import { splitIntoSlips } from '../../../shared/prescriptions/slips';
import { useOperator, useServices } from '../../app/services';
import { logFailure, saveFailureText } from '../../app/failure';
import { useReauth } from '../../auth/reauth';
import { formulary as loadFormulary } from '../../clinical/formulary';
import { usePatient } from '../patients/hooks';
import {
  emptyBuilder,
  lineControl,
  lineFromDrug,
  lineFromTypedName,
  lineQuantity,
  linesFromItems,
  patchLine as patchBuilderLine,
  setEmergency,
  toDraft,
  type BuilderLine,
  type BuilderState,
} from './builder';
import { useEncounterDoc } from './hooks';
import { createSlips, diagnosisText } from './prescriptionRepository';
import { DrugPicker } from './DrugPicker';
import { punctuationOf } from '../../ui/punctuation';
import { PrescriptionLineEditor } from './PrescriptionLineEditor';
import { usePrintSettings } from './printSettings';
import { ageText, localDay } from './toSlipView';
import { IssueList, type Issue } from './IssueList';
import { useLeaveGuard } from '../../forms/useLeaveGuard';

/** What the slip page hands over to write a voided slip again for the latest revision. */
export interface ReissueState {
  reissue: { items: PrescriptionItem[]; longReason: string; emergency: boolean };
}

const reissueOf = (state: unknown): ReissueState['reissue'] | null =>
  state && typeof state === 'object' && 'reissue' in state ? (state as ReissueState).reissue : null;

/** Writes the prescription of a signed encounter: drug lines, live checks, then the slips. */
export function PrescribePage() {
  const { id } = useParams();
  const location = useLocation();
  const reauth = useReauth();
  const { t, i18n } = useTranslation('prescriptions');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const printSettings = usePrintSettings();
  const encounter = useEncounterDoc(id);
  const patient = usePatient(encounter?.patientId);
  const formulary = useMemo(() => loadFormulary(), []);
  const reissue = reissueOf(location.state);
  const [state, setState] = useState<BuilderState>(() =>
    reissue
      ? {
          ...emptyBuilder,
          emergency: reissue.emergency,
          longReason: reissue.longReason,
          lines: linesFromItems(reissue.items, formulary),
        }
      : emptyBuilder,
  );
  const [attempted, setAttempted] = useState(false);
  const [saveIssues, setSaveIssues] = useState<Issue[] | null>(null);
  const [feeCategory, setFeeCategory] = useState<FeeCategory>('selfPay');
  const [busy, setBusy] = useState(false);
  const en = i18n.language === 'en';
  // Lines typed here live only in this page until the slips are saved: leaving (or closing the
  // window) asks first once anything was changed.
  const initialState = useRef(state);
  const saved = useRef(false);
  useLeaveGuard(() => !saved.current && state !== initialState.current, { unload: true });

  const issueDate = localDay(new Date().toISOString());
  const context = useMemo(
    () => ({
      formulary,
      patient: {
        birthDate: patient?.birthDate ?? '',
        allergies: patient?.allergies ?? [],
        weightKg: encounter?.vitals?.weight ?? null,
      },
      issueDate,
    }),
    [formulary, patient, issueDate, encounter],
  );
  const check = useMemo(() => validatePrescription(toDraft(state), context), [state, context]);

  if (encounter === undefined || (encounter && patient === undefined))
    return <Typography.Text>{t('builder.loading')}</Typography.Text>;
  if (!encounter) return <Alert type="error" title={t('builder.encounterNotFound')} />;
  if (!patient) return <Alert type="error" title={t('builder.patientNotFound')} />;
  const back = <Link to={`/encounters/${encounter.id}`}>{t('builder.back')}</Link>;
  if (!can(operator.role, 'clinical.write'))
    return <Alert type="error" title={t('builder.forbidden')} action={back} />;
  if (encounter.status !== 'signed')
    return (
      <Alert
        type="warning"
        data-testid="rx-encounter-unsigned"
        title={t('builder.encounterNotSigned')}
        action={back}
      />
    );

  const update = (change: (s: BuilderState) => BuilderState) => {
    setSaveIssues(null);
    setState(change);
  };
  const patchLine = (key: string, patch: Partial<BuilderLine>) =>
    update((s) => ({ ...s, lines: s.lines.map((l) => (l.key === key ? patchBuilderLine(l, patch) : l)) }));
  const confirmOverdose = async (key: string) => {
    const confirmed = await reauth({ purpose: 'overdose' });
    if (confirmed) patchLine(key, { overdoseConfirmation: { by: confirmed.staffId, at: confirmed.at } });
  };
  const addTyped = (name: string) => {
    const line = lineFromTypedName(name, formulary, state.emergency);
    const drug = formulary.get(line.drugCode);
    if (drug)
      void message.info(
        t('builder.addedFromFormulary', { name: en ? drug.generic.en : drug.generic['zh-CN'] }),
      );
    update((s) => ({ ...s, lines: [...s.lines, line] }));
  };

  const errorIssues: Issue[] =
    saveIssues ??
    check.errors
      .filter((e) => attempted || e.code !== 'noItems')
      .map((e) => ({ path: e.path, message: t(`errors.${e.code}`) }));
  const warningIssues: Issue[] = check.warnings.map((w) => ({
    path: `items.${w.itemIndex}`,
    message: t(`warnings.${w.code}`, {
      detail: w.detail ?? '',
      line: w.code === 'duplicateDrug' ? Number(w.detail) + 1 : '',
    }),
  }));
  const slipCount = splitIntoSlips(state.lines.map((l) => ({ control: lineControl(l, formulary) }))).length;
  const hasPsychotropic2 = state.lines.some((l) => lineControl(l, formulary) === 'psychotropic2');

  const create = async () => {
    setAttempted(true);
    setBusy(true);
    try {
      const now = new Date();
      const result = await createSlips(db, encounter, patient, toDraft(state), operator, {
        formulary,
        issueDate,
        ageText: ageText(patient.birthDate, now, printSettings.language),
        language: printSettings.language,
        feeCategory,
        now,
      });
      if (result.ok) {
        saved.current = true;
        return void navigate(`/prescriptions/${result.groupId}`);
      }
      if (result.reason === 'invalid') {
        setSaveIssues(result.errors.map((e) => ({ path: e.path, message: t(`errors.${e.code}`) })));
        void message.error(t('builder.notSaved'));
      } else if (result.reason === 'saveFailed') void message.error(t('builder.saveFailed'));
      else
        void message.error(
          t(result.reason === 'forbidden' ? 'builder.forbidden' : 'builder.encounterNotSigned'),
        );
    } catch (error) {
      // The database threw (full, closed): the builder keeps the lines; say why nothing was saved.
      logFailure('Prescription not saved', error);
      void message.error(saveFailureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('builder.title')}
        </Typography.Title>
        {back}
      </Flex>
      <Card size="small">
        <Typography.Text strong>{patient.name}</Typography.Text>{' '}
        <Typography.Text type="secondary">
          {ageText(patient.birthDate, new Date(), en ? 'en' : 'zh-CN')}
        </Typography.Text>
        <div data-testid="rx-diagnosis">
          {t('builder.diagnosis', { text: diagnosisText(encounter, en ? 'en' : 'zh-CN') })}
        </div>
        <div data-testid="rx-weight">
          <Typography.Text type="secondary">
            {encounter.vitals?.weight
              ? t('builder.weight', { weight: encounter.vitals.weight })
              : t('builder.noWeight')}
          </Typography.Text>
        </div>
        <div>
          {patient.allergies.length > 0 ? (
            <Typography.Text type="danger">
              {t('builder.allergies', { list: patient.allergies.join(punctuationOf(t).list) })}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('builder.noAllergies')}</Typography.Text>
          )}
        </div>
      </Card>

      <Card size="small">
        <DrugPicker
          onPick={(drug) => update((s) => ({ ...s, lines: [...s.lines, lineFromDrug(drug, s.emergency)] }))}
          onAddTyped={addTyped}
        />
      </Card>

      {reissue && <Alert type="info" showIcon data-testid="rx-reissue" title={t('builder.reissued')} />}
      {state.lines.length === 0 && <Typography.Text type="secondary">{t('builder.noLines')}</Typography.Text>}
      {state.lines.map((line, index) => (
        <PrescriptionLineEditor
          key={line.key}
          line={line}
          index={index}
          drug={formulary.get(line.drugCode)}
          quantity={lineQuantity(line, formulary)}
          dose={check.doses[index] ?? null}
          allergies={check.allergies[index] ?? []}
          matches={
            line.offFormularyDrug
              ? [
                  ...new Set([
                    ...resolveTypedDrug(line.offFormularyDrug.generic['zh-CN'], formulary),
                    ...resolveTypedDrug(line.offFormularyDrug.generic.en, formulary),
                  ]),
                ]
              : []
          }
          onChange={(patch) => patchLine(line.key, patch)}
          onRemove={() => update((s) => ({ ...s, lines: s.lines.filter((l) => l.key !== line.key) }))}
          onUseFormulary={(drug) =>
            update((s) => ({
              ...s,
              lines: s.lines.map((l) =>
                l.key === line.key ? { ...lineFromDrug(drug, s.emergency), key: l.key, days: l.days } : l,
              ),
            }))
          }
          onConfirmOverdose={() => void confirmOverdose(line.key)}
        />
      ))}

      <Card size="small">
        <Flex vertical gap="small">
          <Flex gap="small" align="center">
            <span>{t('fields.feeCategory')}</span>
            <Select
              data-testid="rx-fee-category"
              aria-label={t('fields.feeCategory')}
              style={{ minWidth: 140 }}
              value={feeCategory}
              onChange={setFeeCategory}
              options={feeCategories.map((c) => ({ value: c, label: t(`feeCategories.${c}`) }))}
            />
          </Flex>
          <Flex gap="small" align="center">
            <Switch
              data-testid="rx-emergency"
              checked={state.emergency}
              onChange={(on) => update((s) => setEmergency(s, on))}
            />
            <span>{t('fields.emergency')}</span>
          </Flex>
          <Typography.Text strong>{t('builder.longTitle')}</Typography.Text>
          <Input.TextArea
            data-testid="rx-long-reason"
            aria-label={t('fields.longReason')}
            placeholder={t('builder.longReasonPlaceholder')}
            maxLength={prescriptionTextLimits.longReason}
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={state.longReason}
            onChange={(e) => update((s) => ({ ...s, longReason: e.target.value }))}
          />
          <Checkbox
            data-testid="rx-long-ack"
            checked={state.longAcknowledged}
            onChange={(e) => update((s) => ({ ...s, longAcknowledged: e.target.checked }))}
          >
            {t('builder.longAck')}
          </Checkbox>
        </Flex>
      </Card>

      <IssueList kind="warning" title={t('builder.warningsTitle')} issues={warningIssues} />
      <IssueList kind="error" title={t('builder.errorsTitle')} issues={errorIssues} />

      <Flex gap="middle" align="center" wrap>
        <Typography.Text data-testid="rx-slip-count">
          <Tag color={check.type === 'ordinary' ? 'default' : 'blue'} data-testid="rx-type">
            {t('builder.typeLabel', { type: t(`types.${check.type}`) })}
            {hasPsychotropic2 && ` + ${t('types.psychotropic2')}`}
          </Tag>
          {t('builder.slipCount', { drugs: state.lines.length, slips: slipCount })}
        </Typography.Text>
        <Button type="primary" data-testid="rx-create" loading={busy} onClick={() => void create()}>
          {t('builder.create')}
        </Button>
      </Flex>
    </Space>
  );
}
