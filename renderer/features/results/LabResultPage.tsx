import { App, Card, Result, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { isEnrolment } from '../../../shared/carePlans/schema';
import { attemptSave, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { DraftKept, DraftNotice } from '../../forms/DraftNotice';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { usePatientCarePlans } from '../carePlans/hooks';
import { usePatient } from '../patients/hooks';
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
  const { t } = useTranslation(['results', 'carePlans', 'encounters']);
  const { id } = useParams();
  const [params] = useSearchParams();
  const patient = usePatient(id);
  const plans = usePatientCarePlans(id);
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const today = useToday();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

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

  if (!can(operator.role, 'observation.write')) return <Result status="403" title={t('form.forbidden')} />;
  if (patient === undefined || !keeper.ready || !keeper.start) return <Spin />;
  if (patient === null) return <Result status="404" title={t('encounters:page.patientNotFound')} />;
  const back = () => void navigate(`/patients/${patient.id}`);

  const save = async (draft: LabDraft) => {
    setBusy(true);
    setRefused(null);
    try {
      const lab = toLabResult(draft);
      const attempt = await attemptSave(() =>
        recordLabResult(db, operator, { patientId: patient.id, lab, enrolmentId: draft.enrolmentId || null }),
      );
      if (!attempt.ok) return setRefused(saveFailureText(attempt.error));
      const result = attempt.value;
      if (!result.ok) {
        setRefused(
          result.reason === 'forbidden'
            ? t('errors.forbidden')
            : result.errors
                .map((e) => t(`errors.${e.code}` as 'errors.invalid', { defaultValue: t('errors.invalid') }))
                .join(' '),
        );
        return;
      }
      await keeper.saved();
      void message.success(t('form.saved', { name: patient.name, panel: t(`panels.${lab.panel}`) }));
      back();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('form.title', { name: patient.name })} data-testid="lab-result-page">
      <DraftNotice keeper={keeper} />
      <LabResultForm
        key={keeper.generation}
        start={keeper.start}
        today={today}
        sex={sex}
        enrolments={enrolments}
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
