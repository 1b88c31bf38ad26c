import { App, Form, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PatientFields } from '../../../shared/patients/schema';
import { attemptSave } from '../../app/failure';
import { SaveFailureAlert } from '../../app/SaveFailureAlert';
import { useOperator, useServices } from '../../app/services';
import { useNumberSource } from '../../numbers/NumbersProvider';
import { drawOutpatientNo } from '../../numbers/outpatientNumbers';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { emptyValues, PatientForm, showErrors, toDraftValues, type FormValues } from './PatientForm';
import { registerPatient, type SaveResult } from './patientRepository';
import { SaveNotice } from './saveNotice';

/** An empty registration form as its draft keeps it. */
const emptyDraft = toDraftValues(emptyValues);

export function RegisterPatientPage() {
  const { t } = useTranslation('patients');
  const { db } = useServices();
  const { operator } = useOperator();
  const numberSource = useNumberSource();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{
    result: Exclude<SaveResult, { ok: true }>;
    fields: PatientFields;
  }>();
  const [thrown, setThrown] = useState<unknown>();
  const keeper = useFormKeeper('patients.register', emptyDraft);

  const save = async (fields: PatientFields, confirmedDistinct = false) => {
    setSubmitting(true);
    try {
      const attempt = await attemptSave(() =>
        registerPatient(db.patients, fields, operator, {
          confirmedDistinct,
          drawNumber: numberSource && (() => drawOutpatientNo(numberSource)),
        }),
      );
      // The database refused the write: say so under the form, which keeps what was typed.
      setThrown(attempt.ok ? undefined : attempt.error);
      if (!attempt.ok) return;
      const result = attempt.value;
      if (result.ok) {
        void message.success(t('register.saved', { name: result.patient.name }));
        if (result.numberError) void message.warning(t(result.numberError), 8);
        await keeper.saved();
        void navigate(`/patients/${result.patient.id}`);
        return;
      }
      if (result.reason === 'invalid') showErrors(form, result.errors, t);
      setFailure({ result, fields });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Typography.Title level={3}>{t('register.title')}</Typography.Title>
      <PatientForm
        form={form}
        initialValues={emptyValues}
        keeper={keeper}
        submitting={submitting}
        onSubmit={(fields) => void save(fields)}
        notice={
          thrown !== undefined ? (
            <SaveFailureAlert error={thrown} />
          ) : (
            failure && (
              <SaveNotice result={failure.result} onConfirmDistinct={() => void save(failure.fields, true)} />
            )
          )
        }
      />
    </>
  );
}
