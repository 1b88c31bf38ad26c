import { App, Form, Result, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { attemptSave } from '../../app/failure';
import { SaveFailureAlert } from '../../app/SaveFailureAlert';
import { useOperator, useServices } from '../../app/services';
import { useNumberSource } from '../../numbers/NumbersProvider';
import { drawOutpatientNo } from '../../numbers/outpatientNumbers';
import { usePatient } from './hooks';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { PatientForm, showErrors, toDraftValues, toFormValues, type FormValues } from './PatientForm';
import { updatePatient, type SaveResult } from './patientRepository';
import { SaveNotice } from './saveNotice';

export function EditPatientPage() {
  const { t } = useTranslation('patients');
  const { id } = useParams();
  const patient = usePatient(id);
  const { db } = useServices();
  const { operator } = useOperator();
  const numberSource = useNumberSource();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Exclude<SaveResult, { ok: true }>>();
  const [thrown, setThrown] = useState<unknown>();
  // The draft starts from the record as it is when the form opens.
  const start = useMemo(() => (patient ? toDraftValues(toFormValues(patient)) : undefined), [patient]);
  const keeper = useFormKeeper(patient ? `patients.edit:${patient.id}` : null, start);

  if (patient === undefined) return <Spin />;
  if (patient === null) return <Result status="404" title={t('profile.notFound')} />;

  return (
    <>
      <Typography.Title level={3}>{`${t('profile.edit')} · ${patient.name}`}</Typography.Title>
      <PatientForm
        form={form}
        initialValues={toFormValues(patient)}
        keeper={keeper}
        submitting={submitting}
        onCancel={() => navigate(`/patients/${patient.id}`)}
        onSubmit={async (fields) => {
          setSubmitting(true);
          try {
            const attempt = await attemptSave(() =>
              updatePatient(db.patients, patient.id, fields, operator, {
                drawNumber: numberSource && (() => drawOutpatientNo(numberSource)),
              }),
            );
            // The database refused the write: say so under the form, which keeps what was typed.
            setThrown(attempt.ok ? undefined : attempt.error);
            if (!attempt.ok) return;
            const result = attempt.value;
            if (result.ok) {
              void message.success(t('profile.saved'));
              if (result.numberError) void message.warning(t(result.numberError), 8);
              await keeper.saved();
              void navigate(`/patients/${patient.id}`);
              return;
            }
            if (result.reason === 'invalid') showErrors(form, result.errors, t);
            setFailure(result);
          } finally {
            setSubmitting(false);
          }
        }}
        notice={
          thrown !== undefined ? (
            <SaveFailureAlert error={thrown} />
          ) : (
            failure && <SaveNotice result={failure} />
          )
        }
      />
    </>
  );
}
