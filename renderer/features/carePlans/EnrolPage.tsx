import { App, Card, Result, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isEnrolment, programmes, type Programme } from '../../../shared/carePlans/schema';
import { attemptSave, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { DraftKept, DraftNotice } from '../../forms/DraftNotice';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { usePatient } from '../patients/hooks';
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
  const { t } = useTranslation(['carePlans', 'encounters']);
  const { id } = useParams();
  const [params] = useSearchParams();
  const patient = usePatient(id);
  const plans = usePatientCarePlans(id);
  const { db } = useServices();
  const { operator } = useOperator();
  const { organisation } = useSession();
  const organisations = useOrganisations();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const today = useToday();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

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

  if (!canEnrol(operator, organisation)) return <Result status="403" title={t('enrol.forbidden')} />;
  if (patient === undefined || plans.loading) return <Spin />;
  if (patient === null || !context)
    return <Result status="404" title={t('encounters:page.patientNotFound')} />;
  if (!keeper.ready || !keeper.start) return <Spin />;
  const back = () => void navigate(`/patients/${patient.id}`);

  const save = async (draft: EnrolDraft) => {
    setBusy(true);
    setRefused(null);
    try {
      const now = new Date();
      const fields = toEnrolmentFields(draft, operator, now.toISOString());
      const attempt = await attemptSave(() => enrolResident(db, operator, patient.id, fields, now));
      if (!attempt.ok) return setRefused(saveFailureText(attempt.error));
      if (!attempt.value.ok) return setRefused(refusalText(attempt.value, t));
      await keeper.saved();
      void message.success(
        t('enrol.saved', { name: patient.name, programme: t(`programmes.${fields.programme}`) }),
      );
      back();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('enrol.title', { name: patient.name })} data-testid="enrol-page">
      <DraftNotice keeper={keeper} />
      <EnrolForm
        key={keeper.generation}
        start={keeper.start}
        context={context}
        hospitals={hospitals}
        busy={busy}
        refused={refused}
        onChange={keeper.changed}
        onSave={(draft) => void save(draft)}
        onCancel={back}
      />
      <DraftKept keptAt={keeper.keptAt} />
    </Card>
  );
}
