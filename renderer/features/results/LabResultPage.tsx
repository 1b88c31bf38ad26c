import { App } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { isEnrolment } from '../../../shared/carePlans/schema';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { useSaving } from '../../forms/useDialogForm';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { usePatientCarePlans } from '../carePlans/hooks';
import { PatientSubPage, useRoutePatient } from '../patients/PatientSubPage';
import { recordLabResult } from '../triage/observationRepository';
import { useToday } from '../today/hooks';
import { LabResultForm } from './LabResultForm';
import { emptyLabDraft, sexForRanges, toLabResult, type LabDraft } from './labForm';

/**
 * `/patients/:id/results/new[?enrolment=<id>]`: a lab result entered at the desk, from this
 * centre's laboratory or brought from another hospital, optionally for one of the resident's
 * programmes (then it reaches whoever the programme is shared with). What is typed is kept as a
 * draft until saved.
 */
export function LabResultPage() {
  const { t } = useTranslation(['results', 'carePlans']);
  const [params] = useSearchParams();
  const { id, patient, back } = useRoutePatient();
  const plans = usePatientCarePlans(id);
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const today = useToday();
  const saving = useSaving();

  const sex = patient ? sexForRanges(patient.sex) : null;
  const enrolments = useMemo(
    () =>
      (plans.data ?? [])
        .filter(isEnrolment)
        .filter((e) => e.enrolment.status === 'active' && e.orgId === operator.orgId)
        .map((e) => ({ id: e.id, label: t(`carePlans:short.${e.enrolment.programme}`) })),
    [plans.data, operator.orgId, t],
  );
  const wanted = params.get('enrolment') ?? '';
  const start = useMemo(
    () => (patient ? emptyLabDraft(today, sex, wanted) : undefined),
    // The form starts once, for the resident; later renders keep its start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [patient?.id],
  );
  const keeper = useFormKeeper(patient ? `results.new:${patient.id}` : null, start);

  const save = (patient: PatientDoc, draft: LabDraft) => {
    const lab = toLabResult(draft);
    return saving.run(
      () =>
        recordLabResult(db, operator, { patientId: patient.id, lab, enrolmentId: draft.enrolmentId || null }),
      {
        refusal: (result) =>
          result.reason === 'forbidden'
            ? t('errors.forbidden')
            : result.errors
                .map((e) => t(`errors.${e.code}` as 'errors.invalid', { defaultValue: t('errors.invalid') }))
                .join(' '),
        saved: async () => {
          await keeper.saved();
          void message.success(t('form.saved', { name: patient.name, panel: t(`panels.${lab.panel}`) }));
          back();
        },
      },
    );
  };

  return (
    <PatientSubPage
      patient={patient}
      allowed={can(operator.role, 'observation.write')}
      forbidden={t('form.forbidden')}
      keeper={keeper}
      saving={saving}
      onSave={save}
      onCancel={back}
      title={(patient) => t('form.title', { name: patient.name })}
      testId="lab-result-page"
    >
      {(form) => <LabResultForm today={today} sex={sex} enrolments={enrolments} {...form} />}
    </PatientSubPage>
  );
}
