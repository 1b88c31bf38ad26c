import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { populationTypes, type PopulationType } from '../../../shared/carePlans/schema';
import { ageOn } from '../../../shared/identity/age';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { DraftKept, DraftNotice, RequiredLegend } from '../../forms/DraftNotice';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { useFormatters } from '../../ui/format';
import { usePatient } from '../patients/hooks';
import { useToday } from '../today/hooks';
import {
  contractDraftErrors,
  contractFieldsOf,
  newContractDraft,
  oneYearTermEnd,
  packageCatalogue,
  packageTotals,
  renewalDraft,
  suggestedPopulationTypes,
  yuan,
  type ContractDraft,
  type ContractFormField,
  type PackageCode,
  type StaffChoice,
} from './contractForm';
import { maySignContracts, signContract } from './contractRepository';
import { refusalText } from './refusal';
import { activeContractsOf } from './contractStatus';
import { useContract, usePatientContracts } from './hooks';
import { useCentreStaff } from './staff';

/** The form's fields from top to bottom: the first with an error gets the focus. */
const fieldOrder: ContractFormField[] = [
  'teamName',
  'doctorId',
  'householdNo',
  'populationTypes',
  'packages',
  'startDate',
  'endDate',
];

const selectStyle: CSSProperties = {
  width: '100%',
  height: 32,
  padding: '0 8px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  font: 'inherit',
};

/**
 * `/patients/:id/contracts/new` (`?renews=<contract id>` for a renewal): signing a family doctor
 * contract for a resident — team, population types, packages, term, channel — kept as a draft
 * on the desk while it is typed. A resident with an active contract is told to renew or end it.
 */
export function ContractFormPage() {
  const { t } = useTranslation('contracts');
  const { id } = useParams();
  const [search] = useSearchParams();
  const renewsId = search.get('renews');
  const patient = usePatient(id);
  const contracts = usePatientContracts(id);
  const renewed = useContract(renewsId ?? undefined);
  const { operator } = useOperator();
  const session = useSession();
  const staff = useCentreStaff();
  const today = useToday();

  const loading =
    patient === undefined || contracts === undefined || (renewsId !== null && renewed === undefined);
  const initial = useMemo<ContractDraft | undefined>(() => {
    if (loading || !patient) return undefined;
    if (renewsId) return renewed?.contract ? renewalDraft(renewed.contract, today) : undefined;
    const age = patient.birthDate ? ageOn(patient.birthDate, new Date(`${today}T12:00:00`)).years : null;
    return newContractDraft({
      today,
      doctorId: operator.role === 'doctor' ? operator.id : '',
      teamName: operator.role === 'doctor' ? t('form.defaultTeam', { name: operator.name }) : '',
      householdNo: patient.household.number,
      populationTypes: suggestedPopulationTypes(patient.tags, age),
    });
  }, [loading, patient, renewsId, renewed, today, operator, t]);
  const formKey = id ? (renewsId ? `contracts.renew.${renewsId}` : `contracts.sign.${id}`) : null;
  const keeper = useFormKeeper<ContractDraft>(initial ? formKey : null, initial);

  if (!maySignContracts(operator, session.organisation.kind))
    return <Result status="403" title={t('errors.forbidden')} />;
  if (loading) return <Spin />;
  if (!patient) return <Result status="warning" title={t('errors.notFound')} />;
  if (renewsId && !renewed?.contract) return <Result status="warning" title={t('errors.notFound')} />;
  if (!keeper.ready || !keeper.start) return <Spin />;
  return (
    <ContractForm
      key={keeper.generation}
      patientId={patient.id}
      patientName={patient.name}
      renews={renewed?.contract ? { id: renewed.id, agreementNo: renewed.contract.agreementNo } : null}
      blocking={activeContractsOf(contracts ?? [], today).filter((c) => c.id !== renewsId)}
      start={keeper.start}
      keeper={keeper}
      staff={staff.doctors}
      nurses={staff.nurses}
      clinical={staff.clinical}
    />
  );
}

interface FormProps {
  patientId: string;
  patientName: string;
  renews: { id: string; agreementNo: string } | null;
  blocking: ReturnType<typeof activeContractsOf>;
  start: ContractDraft;
  keeper: ReturnType<typeof useFormKeeper<ContractDraft>>;
  staff: StaffChoice[];
  nurses: StaffChoice[];
  clinical: StaffChoice[];
}

function ContractForm({
  patientId,
  patientName,
  renews,
  blocking,
  start,
  keeper,
  staff: doctors,
  nurses,
  clinical,
}: FormProps) {
  const { t } = useTranslation('contracts');
  const { t: tc } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const session = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { date } = useFormatters();
  const [draft, setDraft] = useState<ContractDraft>(start);
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLFormElement>(null);
  const ids = {
    teamName: useId(),
    doctorId: useId(),
    nurseId: useId(),
    publicHealthId: useId(),
    householdNo: useId(),
    startDate: useId(),
    endDate: useId(),
  };

  const errors = checked ? contractDraftErrors(draft) : {};
  const errorOf = (field: ContractFormField) => (errors[field] ? t(`errors.${errors[field]}`) : undefined);
  const status = (field: ContractFormField) => (errors[field] ? ('error' as const) : undefined);

  useEffect(() => box.current?.querySelector<HTMLInputElement>('input, select')?.focus(), []);

  const change = (patch: Partial<ContractDraft>) => {
    const next = { ...draft, ...patch };
    // A new start date moves the end date with it while the end is still the default one.
    if (
      patch.startDate &&
      patch.endDate === undefined &&
      draft.endDate === oneYearTermEnd(draft.startDate) &&
      /^\d{4}-\d{2}-\d{2}$/.test(patch.startDate)
    )
      next.endDate = oneYearTermEnd(patch.startDate);
    setDraft(next);
    keeper.changed(next);
  };

  const focusFirstError = (found: Partial<Record<ContractFormField, unknown>>) => {
    const first = fieldOrder.find((f) => found[f]);
    if (!first) return;
    const target = box.current?.querySelector<HTMLElement>(
      `[data-field="${first}"] input, [data-field="${first}"] select`,
    );
    target?.focus();
  };

  const save = async () => {
    if (busy) return;
    setChecked(true);
    setFailure(null);
    const found = contractDraftErrors(draft);
    if (Object.keys(found).length > 0) return focusFirstError(found);
    setBusy(true);
    try {
      const everyone = [...doctors, ...nurses, ...clinical];
      const fields = contractFieldsOf(draft, {
        agreementNo: '',
        staff: everyone,
        packageName: (code) => t(`packages.${code}`),
        renewsContractId: renews?.id ?? null,
      });
      const result = await signContract(db, operator, session.organisation.kind, patientId, fields, {
        renews: renews?.id ?? null,
      });
      if (!result.ok) return setFailure(refusalText(result, t, tc));
      await keeper.saved();
      const agreementNo = result.contract.contract!.agreementNo;
      void message.success(
        t(renews ? 'notices.renewed' : 'notices.signed', { name: patientName, agreementNo }),
      );
      void navigate(`/patients/${patientId}`);
    } catch (error) {
      logFailure('Contract not saved', error);
      setFailure(t('errors.failed', { reason: saveFailureText(error) }));
    } finally {
      setBusy(false);
    }
  };

  const chosenPackages = packageCatalogue.filter((p) => draft.packages.includes(p.code));
  const totals = packageTotals(chosenPackages);
  const staffSelect = (
    field: 'doctorId' | 'nurseId' | 'publicHealthId',
    choices: StaffChoice[],
    noneLabel: string,
  ) => (
    <select
      id={ids[field]}
      data-testid={`contract-${field}`}
      style={selectStyle}
      value={draft[field]}
      aria-invalid={field === 'doctorId' && errors.doctorId ? true : undefined}
      onChange={(e) => change({ [field]: e.target.value })}
    >
      <option value="">{noneLabel}</option>
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );

  return (
    <form
      ref={box}
      data-testid="contract-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Typography.Title level={3}>
        {renews
          ? t('form.renewTitle', { name: patientName, agreementNo: renews.agreementNo })
          : t('form.signTitle', { name: patientName })}
      </Typography.Title>
      <DraftNotice keeper={keeper} />
      <RequiredLegend />
      {blocking.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="contract-active-warning"
          style={{ marginBottom: 16 }}
          title={t('form.activeWarning', {
            agreementNo: blocking[0]!.contract!.agreementNo,
            end: date(blocking[0]!.contract!.endDate),
          })}
        />
      )}
      <Form layout="vertical" component="div">
        <Card size="small" title={t('fields.doctor')}>
          <Row gutter={16}>
            <Col xs={24} md={12} data-field="teamName">
              <Form.Item
                label={t('fields.teamName')}
                htmlFor={ids.teamName}
                required
                validateStatus={status('teamName')}
                help={errorOf('teamName')}
              >
                <Input
                  id={ids.teamName}
                  data-testid="contract-teamName"
                  maxLength={60}
                  value={draft.teamName}
                  onChange={(e) => change({ teamName: e.target.value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} data-field="doctorId">
              <Form.Item
                label={t('fields.doctor')}
                htmlFor={ids.doctorId}
                required
                validateStatus={status('doctorId')}
                help={errorOf('doctorId')}
              >
                {staffSelect('doctorId', doctors, t('form.choose'))}
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.nurse')} htmlFor={ids.nurseId}>
                {staffSelect('nurseId', nurses, t('form.none'))}
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.publicHealth')} htmlFor={ids.publicHealthId}>
                {staffSelect('publicHealthId', clinical, t('form.none'))}
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('fields.scope')} style={{ marginTop: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.scope')}>
                <Radio.Group
                  data-testid="contract-scope"
                  value={draft.scope}
                  onChange={(e) => change({ scope: e.target.value as ContractDraft['scope'] })}
                  options={(['resident', 'household'] as const).map((s) => ({
                    value: s,
                    label: t(`scope.${s}`),
                  }))}
                />
              </Form.Item>
            </Col>
            {draft.scope === 'household' && (
              <Col xs={24} md={12} data-field="householdNo">
                <Form.Item
                  label={t('fields.householdNo')}
                  htmlFor={ids.householdNo}
                  required
                  validateStatus={status('householdNo')}
                  help={errorOf('householdNo')}
                >
                  <Input
                    id={ids.householdNo}
                    data-testid="contract-householdNo"
                    maxLength={40}
                    value={draft.householdNo}
                    onChange={(e) => change({ householdNo: e.target.value })}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
          <div data-field="populationTypes">
            <Form.Item
              label={t('fields.populationTypes')}
              required
              validateStatus={status('populationTypes')}
              help={errorOf('populationTypes')}
            >
              <Checkbox.Group
                data-testid="contract-populationTypes"
                value={draft.populationTypes}
                onChange={(values) => change({ populationTypes: values as PopulationType[] })}
                options={populationTypes.map((p) => ({ value: p, label: t(`populationTypes.${p}`) }))}
              />
            </Form.Item>
          </div>
        </Card>
        <Card size="small" title={t('fields.packages')} style={{ marginTop: 16 }}>
          <div data-field="packages">
            <Form.Item
              label={t('fields.packages')}
              required
              validateStatus={status('packages')}
              help={errorOf('packages')}
              extra={
                <span data-testid="contract-total">
                  {t('form.total', {
                    price: yuan(totals.priceFen),
                    selfPay: yuan(totals.selfPayFen),
                    insurance: yuan(totals.insuranceFen),
                  })}
                </span>
              }
            >
              <Checkbox.Group
                data-testid="contract-packages"
                value={draft.packages}
                onChange={(values) => change({ packages: values as PackageCode[] })}
              >
                <Space direction="vertical">
                  {packageCatalogue.map((p) => (
                    <Checkbox key={p.code} value={p.code}>
                      {t(`packages.${p.code}`)}
                      {' · '}
                      {p.priceFen === 0
                        ? t('packages.free')
                        : t('packages.price', {
                            price: yuan(p.priceFen),
                            selfPay: yuan(p.selfPayFen),
                            insurance: yuan(p.insuranceFen),
                          })}
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            </Form.Item>
          </div>
        </Card>
        <Card size="small" title={t('fields.term')} style={{ marginTop: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={6} data-field="startDate">
              <Form.Item
                label={t('fields.startDate')}
                htmlFor={ids.startDate}
                required
                validateStatus={status('startDate')}
                help={errorOf('startDate')}
              >
                <Input
                  id={ids.startDate}
                  type="date"
                  data-testid="contract-startDate"
                  value={draft.startDate}
                  onChange={(e) => change({ startDate: e.target.value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6} data-field="endDate">
              <Form.Item
                label={t('fields.endDate')}
                htmlFor={ids.endDate}
                required
                validateStatus={status('endDate')}
                help={errorOf('endDate')}
              >
                <Input
                  id={ids.endDate}
                  type="date"
                  data-testid="contract-endDate"
                  value={draft.endDate}
                  onChange={(e) => change({ endDate: e.target.value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Typography.Paragraph type="secondary" style={{ marginTop: 30 }}>
                {t('form.endHint')}
              </Typography.Paragraph>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.channel')}>
                <Radio.Group
                  data-testid="contract-channel"
                  value={draft.channel}
                  onChange={(e) => change({ channel: e.target.value as ContractDraft['channel'] })}
                  options={(['onSite', 'app'] as const).map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.residentSignedAs')}>
                <Radio.Group
                  data-testid="contract-signedAs"
                  value={draft.residentSignedAs}
                  onChange={(e) =>
                    change({ residentSignedAs: e.target.value as ContractDraft['residentSignedAs'] })
                  }
                  options={(['self', 'guardian'] as const).map((s) => ({
                    value: s,
                    label: t(`signedAs.${s}`),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
      {failure && (
        <Alert
          type="error"
          showIcon
          data-testid="contract-failure"
          style={{ marginTop: 16 }}
          title={failure}
        />
      )}
      <Space style={{ marginTop: 16 }}>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          disabled={blocking.length > 0}
          data-testid="contract-save"
        >
          {renews ? t('form.saveRenewal') : t('form.save')}
        </Button>
        <Button data-testid="contract-cancel" onClick={() => void navigate(`/patients/${patientId}`)}>
          {t('form.cancel')}
        </Button>
        <DraftKept keptAt={keeper.keptAt} />
      </Space>
    </form>
  );
}
