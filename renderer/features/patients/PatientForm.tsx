import {
  Button,
  Card,
  Cascader,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Spin,
} from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type FocusEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { idTypes, parseIdNumber, type IdType } from '../../../shared/identity/idNumber';
import { checkBirthDate, fieldErrorOnLeave, type PatientErrors } from '../../../shared/patients/rules';
import {
  householdRelations,
  keyPopulationTags,
  sexes,
  type HouseholdRelation,
  type KeyPopulationTag,
  type PatientFields,
  type PatientSex,
} from '../../../shared/patients/schema';
import { logFailure } from '../../app/failure';
import { punctuationOf } from '../../ui/punctuation';
import { DraftKept, DraftNotice, RequiredLegend } from '../../forms/DraftNotice';
import type { FormKeeper } from '../../forms/useFormKeeper';
import { areaNames, loadAreas, type AreaNode } from './areas';

/** What the antd form holds; {@link toFields} turns it into patient fields. */
export interface FormValues {
  idType: IdType;
  idNumber: string;
  name: string;
  sex: PatientSex;
  birthDate?: Dayjs | null;
  mobile?: string;
  region?: string[];
  community?: string;
  detail?: string;
  householdNumber?: string;
  householdRelation: HouseholdRelation;
  allergies?: string[];
  tags?: KeyPopulationTag[];
  familyDoctor?: string;
}

export const emptyValues: FormValues = {
  idType: 'resident',
  idNumber: '',
  name: '',
  sex: 'unknown',
  householdRelation: 'self',
  allergies: [],
  tags: [],
};

export function toFormValues(p: PatientFields): FormValues {
  const region = [p.address.provinceCode, p.address.cityCode, p.address.districtCode, p.address.streetCode];
  return {
    idType: p.idType,
    idNumber: p.idNumber,
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate ? dayjs(p.birthDate) : null,
    mobile: p.mobile,
    region: region.filter(Boolean),
    community: p.address.community,
    detail: p.address.detail,
    householdNumber: p.household.number,
    householdRelation: p.household.relation,
    allergies: p.allergies,
    tags: p.tags,
    familyDoctor: p.familyDoctor,
  };
}

/** The form's values as a draft keeps them on the desk: plain JSON, the birth date as text. */
export type PatientDraft = Omit<FormValues, 'birthDate'> & { birthDate: string | null };

export function toDraftValues(v: FormValues): PatientDraft {
  return { ...v, birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null };
}

export function fromDraftValues(d: PatientDraft): FormValues {
  return { ...d, birthDate: d.birthDate ? dayjs(d.birthDate) : null };
}

export function toFields(v: FormValues, areas: AreaNode[]): PatientFields {
  const codes = v.region ?? [];
  const names = areaNames(areas, codes) ?? [];
  return {
    idType: v.idType,
    idNumber: v.idNumber ?? '',
    name: v.name ?? '',
    sex: v.sex,
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : '',
    mobile: v.mobile ?? '',
    address: {
      provinceCode: codes[0] ?? '',
      province: names[0] ?? '',
      cityCode: codes[1] ?? '',
      city: names[1] ?? '',
      districtCode: codes[2] ?? '',
      district: names[2] ?? '',
      streetCode: codes[3] ?? '',
      street: names[3] ?? '',
      community: v.community ?? '',
      detail: v.detail ?? '',
    },
    household: { number: v.householdNumber ?? '', relation: v.householdRelation },
    allergies: v.allergies ?? [],
    tags: v.tags ?? [],
    familyDoctor: v.familyDoctor ?? '',
  };
}

const fieldOf: Record<keyof PatientErrors, string> = {
  name: 'name',
  sex: 'sex',
  birthDate: 'birthDate',
  idType: 'idType',
  idNumber: 'idNumber',
  mobile: 'mobile',
  address: 'detail',
  household: 'householdNumber',
  allergies: 'allergies',
  tags: 'tags',
  familyDoctor: 'familyDoctor',
};

/** The form's fields from top to bottom: the first with an error gets the focus. */
const formOrder: (keyof FormValues)[] = [
  'idType',
  'idNumber',
  'name',
  'sex',
  'birthDate',
  'mobile',
  'region',
  'community',
  'detail',
  'householdNumber',
  'householdRelation',
  'allergies',
  'tags',
  'familyDoctor',
];

/** The patient field a form field's value belongs to (the inverse of {@link fieldOf}). */
const patientFieldOf = Object.fromEntries(
  Object.entries(fieldOf).map(([field, name]) => [name, field as keyof PatientErrors]),
) as Partial<Record<keyof FormValues, keyof PatientErrors>>;

/**
 * Puts translated error messages from the shared rules onto the form's fields, then scrolls to
 * the first of them and puts the cursor there, so a failed save shows what to correct.
 */
export function showErrors(form: FormInstance<FormValues>, errors: PatientErrors, t: TFunction<'patients'>) {
  const fields = Object.entries(errors).map(([field, code]) => ({
    name: fieldOf[field as keyof PatientErrors] as keyof FormValues,
    errors: [t(`errors.${code}`)],
  }));
  form.setFields(fields);
  const first = formOrder.find((name) => fields.some((f) => f.name === name));
  if (first) form.scrollToField(first, { focus: true, block: 'center' });
}

interface Props {
  form: FormInstance<FormValues>;
  initialValues: FormValues;
  onSubmit: (fields: PatientFields) => void;
  submitting: boolean;
  /** Shown above the buttons: duplicate warnings, the reason nothing was saved. */
  notice?: ReactNode;
  onCancel?: () => void;
  /** Keeps what is typed as a draft on the desk and asks before leaving it unsaved. */
  keeper?: FormKeeper<PatientDraft>;
}

/** The resident form shared by registration and editing. */
export function PatientForm({ form, initialValues, onSubmit, submitting, notice, onCancel, keeper }: Props) {
  const { t } = useTranslation(['patients', 'common']);
  const [areas, setAreas] = useState<AreaNode[]>([]);
  // What the identity number told, for the form as it started (a discarded draft starts again).
  const [derivedNote, setDerivedNote] = useState<{ generation: number; text?: string }>();
  useEffect(() => {
    // Without the table the area picker stays empty for now; the next form to open tries again.
    loadAreas().then(setAreas, (error: unknown) => logFailure('Area table not loaded', error));
  }, []);
  // A discarded draft: the form starts again from the record (or empty).
  const generation = keeper?.generation ?? 0;
  useEffect(() => {
    if (generation > 0) form.resetFields();
  }, [form, generation]);
  /** The birth date as last typed, which the picker may have refused to take. */
  const typedBirthDate = useRef('');
  const derived = derivedNote?.generation === generation ? derivedNote.text : undefined;
  const setDerived = (text: string | undefined) => setDerivedNote({ generation, text });

  /** Fills birth date and sex from a valid identity number as soon as it is typed. */
  const readIdNumber = () => {
    const { idType, idNumber } = form.getFieldsValue(['idType', 'idNumber']) as FormValues;
    const parsed = parseIdNumber(idType, idNumber ?? '');
    if (!parsed.ok) return setDerived(undefined);
    const { birthDate, sex, normalized, upgradedFrom15 } = parsed.value;
    if (normalized !== idNumber) form.setFieldValue('idNumber', normalized);
    if (birthDate) form.setFieldValue('birthDate', dayjs(birthDate));
    if (sex) form.setFieldValue('sex', sex);
    const notes = [];
    if (birthDate && sex) notes.push(t('register.derived', { birthDate, sex: t(`sex.${sex}`) }));
    if (upgradedFrom15) notes.push(t('register.upgraded', { id: normalized }));
    setDerived(notes.join(punctuationOf(t).clauses) || undefined);
    keepDraft();
  };

  const keepDraft = () => keeper?.changed(toDraftValues(form.getFieldsValue(true) as FormValues));

  /** Checks a field with the shared rules when the person leaves it (emptiness waits for save). */
  const checkOnLeave = (name: keyof FormValues) => {
    const field = patientFieldOf[name];
    if (!field) return;
    const code = fieldErrorOnLeave(field, toFields(form.getFieldsValue(true) as FormValues, areas));
    form.setFields([{ name, errors: code ? [t(`errors.${code}`)] : [] }]);
  };
  const leave = (name: keyof FormValues) => () => checkOnLeave(name);

  /**
   * The picker keeps a date it refuses (after today) out of the form, and would put back the last
   * one without a word: say why, in the words of the shared rule.
   */
  const leaveBirthDate = (event: FocusEvent<HTMLElement>) => {
    // Only the picker's own text box; its calendar panel reports its blurs here too.
    if (!(event.target instanceof HTMLInputElement)) return;
    const typed = typedBirthDate.current.trim();
    const held = (form.getFieldValue('birthDate') as Dayjs | null | undefined)?.format('YYYY-MM-DD');
    const code =
      /^\d{4}-\d{2}-\d{2}$/.test(typed) && typed !== held ? checkBirthDate(typed, new Date()) : undefined;
    if (code && code !== 'required') form.setFields([{ name: 'birthDate', errors: [t(`errors.${code}`)] }]);
    else checkOnLeave('birthDate');
  };

  if (keeper && !keeper.ready) return <Spin />;
  const start = keeper?.start ? fromDraftValues(keeper.start) : initialValues;

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={start}
      onValuesChange={keepDraft}
      onFinish={(values) => onSubmit(toFields(values, areas))}
      scrollToFirstError={{ focus: true, block: 'center' }}
    >
      {keeper && <DraftNotice keeper={keeper} />}
      <RequiredLegend />
      <Card title={t('profile.identity')} size="small">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="idType" label={t('fields.idType')}>
              <Select
                data-testid="idType"
                options={idTypes.map((v) => ({ value: v, label: t(`idTypes.${v}`) }))}
                onChange={readIdNumber}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="idNumber" label={t('fields.idNumber')} extra={derived} required>
              <Input
                maxLength={40}
                onBlur={() => {
                  readIdNumber();
                  checkOnLeave('idNumber');
                }}
                autoComplete="off"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('fields.name')} required>
              <Input maxLength={60} autoComplete="off" onBlur={leave('name')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="sex" label={t('fields.sex')}>
              <Radio.Group options={sexes.map((s) => ({ value: s, label: t(`sex.${s}`) }))} />
            </Form.Item>
          </Col>
          {/* The picker tells neither what was typed nor that it refused it: its box does. */}
          <Col
            xs={24}
            md={8}
            onInput={(event: FormEvent<HTMLElement>) => {
              if (event.target instanceof HTMLInputElement) typedBirthDate.current = event.target.value;
            }}
            onBlur={leaveBirthDate}
          >
            {/* The picker sets the field again as it closes: only a date taken clears the message. */}
            <Form.Item name="birthDate" label={t('fields.birthDate')} required validateTrigger={[]}>
              <DatePicker
                style={{ width: '100%' }}
                format="YYYY-MM-DD"
                maxDate={dayjs().endOf('day')}
                onChange={(date: Dayjs | null) => {
                  if (!date) return;
                  typedBirthDate.current = '';
                  form.setFields([{ name: 'birthDate', errors: [] }]);
                }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('profile.contact')} size="small" style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="mobile" label={t('fields.mobile')}>
              <Input maxLength={20} autoComplete="off" inputMode="tel" onBlur={leave('mobile')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="region" label={t('fields.region')}>
              <Cascader
                options={areas}
                fieldNames={{ label: 'name', value: 'code', children: 'children' }}
                changeOnSelect
                showSearch={{ limit: 50 }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="community" label={t('fields.community')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="detail" label={t('fields.detail')}>
              <Input maxLength={200} onBlur={leave('detail')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="householdNumber" label={t('fields.householdNumber')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="householdRelation" label={t('fields.householdRelation')}>
              <Select options={householdRelations.map((r) => ({ value: r, label: t(`relations.${r}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('profile.health')} size="small" style={{ marginTop: 16 }}>
        <Form.Item name="allergies" label={t('fields.allergies')}>
          <Select
            mode="tags"
            placeholder={t('register.allergyPlaceholder')}
            open={false}
            tokenSeparators={[',', '，']}
          />
        </Form.Item>
        <Form.Item name="tags" label={t('fields.tags')}>
          <Checkbox.Group options={keyPopulationTags.map((k) => ({ value: k, label: t(`tags.${k}`) }))} />
        </Form.Item>
        <Form.Item name="familyDoctor" label={t('fields.familyDoctor')}>
          <Input maxLength={50} onBlur={leave('familyDoctor')} />
        </Form.Item>
      </Card>
      {notice && <div style={{ marginTop: 16 }}>{notice}</div>}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('common:actions.save')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common:actions.cancel')}</Button>}
        {keeper && <DraftKept keptAt={keeper.keptAt} />}
      </Space>
    </Form>
  );
}
