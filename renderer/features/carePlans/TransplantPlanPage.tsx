import { App, Card, Result, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isEnrolment, isTransplantPlan } from '../../../shared/carePlans/schema';
import { attemptSave, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { DraftKept, DraftNotice } from '../../forms/DraftNotice';
import { useFormKeeper } from '../../forms/useFormKeeper';
import { useFormatters } from '../../ui/format';
import { usePatient } from '../patients/hooks';
import { saveTransplantPlan } from './carePlanRepository';
import { usePatientCarePlans } from './hooks';
import { useOrganisations } from './organisations';
import { canSetPlan, refusalText } from './permissions';
import { defaultPlanDraft, draftOfPlan, toPlanFields, type PlanDraft } from './planForm';
import { TransplantPlanForm } from './TransplantPlanForm';

/**
 * `/patients/:id/transplant-plan?enrolment=<id>`: the transplant centre's specialist sets the
 * post-transplant follow-up plan for a resident a community centre enrolled and shared with the
 * hospital, or revises it (each change a new revision with its reason). Drafts are kept.
 */
export function TransplantPlanPage() {
  const { t } = useTranslation(['carePlans', 'encounters']);
  const { id } = useParams();
  const [params] = useSearchParams();
  const enrolmentId = params.get('enrolment');
  const patient = usePatient(id);
  const plans = usePatientCarePlans(id);
  const { db } = useServices();
  const { operator } = useOperator();
  const { organisation } = useSession();
  const organisations = useOrganisations();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { date } = useFormatters();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  const enrolment = (plans.data ?? []).filter(isEnrolment).find((e) => e.id === enrolmentId);
  const current = (plans.data ?? [])
    .filter(isTransplantPlan)
    .find((p) => p.transplantPlan.enrolmentId === enrolmentId && p.orgId === operator.orgId);
  const loaded = plans.data !== undefined;
  const revision = current?.transplantPlan.revision ?? 0;
  const start = useMemo(
    () => (loaded ? (current ? draftOfPlan(current.transplantPlan) : defaultPlanDraft) : undefined),
    // The form starts from the plan as it stood when the page opened (or when it first arrived),
    // and again when another revision arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [loaded, revision],
  );
  const keeper = useFormKeeper(
    enrolmentId && loaded ? `carePlans.plan:${enrolmentId}:${revision}` : null,
    start,
  );

  if (patient === undefined || plans.loading) return <Spin />;
  if (patient === null) return <Result status="404" title={t('encounters:page.patientNotFound')} />;
  if (!enrolment) return <Result status="warning" title={t('plan.enrolmentNotFound')} />;
  if (!canSetPlan(operator, organisation, enrolment))
    return <Result status="403" title={t('plan.forbidden')} />;
  if (!keeper.ready || !keeper.start) return <Spin />;
  const back = () => void navigate(`/patients/${patient.id}`);
  const centreName = organisations.find((o) => o.id === enrolment.orgId)?.name ?? enrolment.orgId;

  const save = async (draft: PlanDraft) => {
    setBusy(true);
    setRefused(null);
    try {
      const fields = toPlanFields(
        draft,
        { id: enrolment.id, transplantDate: enrolment.enrolment.transplantDate ?? '' },
        enrolment.orgId,
        current?.transplantPlan ?? null,
      );
      const attempt = await attemptSave(() =>
        saveTransplantPlan(db, operator, patient.id, fields, current?.id ?? null),
      );
      if (!attempt.ok) return setRefused(saveFailureText(attempt.error));
      if (!attempt.value.ok) return setRefused(refusalText(attempt.value, t));
      await keeper.saved();
      void message.success(t('plan.saved', { revision: fields.revision }));
      back();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('plan.pageTitle', { name: patient.name })} data-testid="plan-page">
      <Typography.Paragraph>
        {t('plan.centre', { name: centreName })}
        {' · '}
        {t('card.transplantDate', { date: date(enrolment.enrolment.transplantDate ?? '') })}
        {current && (
          <>
            {' · '}
            {t('plan.revision', { revision: current.transplantPlan.revision })}
          </>
        )}
      </Typography.Paragraph>
      <DraftNotice keeper={keeper} />
      <TransplantPlanForm
        key={keeper.generation}
        start={keeper.start}
        current={current?.transplantPlan ?? null}
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
