import { App } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isEnrolment, programmes, type Programme } from '../../../shared/carePlans/schema';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { useSaving } from '../../forms/useDialogForm';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { PatientSubPage, useRoutePatient } from '../patients/PatientSubPage';
import { useToday } from '../today/hooks';
import { enrolResident } from './carePlanRepository';
import { EnrolForm } from './EnrolForm';
import { emptyEnrolDraft, toEnrolmentFields, type EnrolContext, type EnrolDraft } from './enrolForm';
import { usePatientCarePlans } from './hooks';
import { useOrganisations } from './organisations';
import { canEnrol, refusalText } from './permissions';

/**
 * `/patients/:id/enrol[?programme=<p>]`: a centre's doctor enrols the resident in a programme.
 * What is typed is kept as a draft until saved or left.
 */
export function EnrolPage() {
  const { t } = useTranslation('carePlans');
  const [params] = useSearchParams();
  const { id, patient, back } = useRoutePatient();
  const plans = usePatientCarePlans(id);
  const { db } = useServices();
  const { operator } = useOperator();
  const { organisation } = useSession();
  const organisations = useOrganisations();
  const { message } = App.useApp();
  const today = useToday();
  const saving = useSaving();

  const activeProgrammes = useMemo(
    () =>
      (plans.data ?? [])
        .filter(isEnrolment)
        .filter((e) => e.enrolment.status === 'active')
        .map((e) => e.enrolment.programme),
    [plans.data],
  );
  const context: EnrolContext | undefined = useMemo(
    () => (patient ? { today, patient, activeProgrammes } : undefined),
    [patient, today, activeProgrammes],
  );
  const asked = params.get('programme');
  const start = useMemo(
    () =>
      patient
        ? {
            ...emptyEnrolDraft(today),
            programme: programmes.includes(asked as Programme) ? (asked as Programme) : null,
          }
        : undefined,
    // The form starts once, for the resident.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [patient?.id],
  );
  const keeper = useFormKeeper(patient ? `carePlans.enrol:${patient.id}` : null, start);
  const hospitals = useMemo(() => organisations.filter((o) => o.kind === 'hospital'), [organisations]);

  const save = (patient: PatientDoc, draft: EnrolDraft) => {
    const now = new Date();
    const fields = toEnrolmentFields(draft, operator, now.toISOString());
    return saving.run(() => enrolResident(db, operator, patient.id, fields, now), {
      refusal: (result) => refusalText(result, t),
      saved: async () => {
        await keeper.saved();
        void message.success(
          t('enrol.saved', { name: patient.name, programme: t(`programmes.${fields.programme}`) }),
        );
        back();
      },
    });
  };

  return (
    <PatientSubPage
      patient={patient}
      allowed={canEnrol(operator, organisation)}
      forbidden={t('enrol.forbidden')}
      loading={plans.loading}
      keeper={keeper}
      saving={saving}
      onSave={save}
      onCancel={back}
      title={(patient) => t('enrol.title', { name: patient.name })}
      testId="enrol-page"
    >
      {(form) => context && <EnrolForm context={context} hospitals={hospitals} {...form} />}
    </PatientSubPage>
  );
}
