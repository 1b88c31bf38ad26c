import { App, Card, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { adultCategoriesApply } from '../../../shared/encounters/vitals';
import { useOperator } from '../../app/services';
import { usePatient } from '../patients/hooks';
import { VitalsForm } from './VitalsForm';

/**
 * `/patients/:id/vitals/new`: vitals a nurse (or doctor) takes outside a visit — a blood-pressure
 * check, a weight — recorded as an observation that joins the resident's measurements.
 */
export function PatientVitalsPage() {
  const { t } = useTranslation(['triage', 'encounters']);
  const { id } = useParams();
  const patient = usePatient(id);
  const { operator } = useOperator();
  const { message } = App.useApp();
  const navigate = useNavigate();

  if (!can(operator.role, 'observation.write')) return <Result status="403" title={t('notices.forbidden')} />;
  if (patient === undefined) return <Spin />;
  if (patient === null) return <Result status="warning" title={t('encounters:page.patientNotFound')} />;
  const back = () => void navigate(`/patients/${patient.id}`);
  return (
    <Card
      size="small"
      title={t('form.outsideVisitTitle', { name: patient.name })}
      data-testid="patient-vitals-page"
    >
      <VitalsForm
        patientId={patient.id}
        appointmentId={null}
        adult={adultCategoriesApply(patient.birthDate, new Date())}
        onSaved={() => {
          void message.success(t('notices.saved', { name: patient.name }));
          back();
        }}
        onCancel={back}
      />
    </Card>
  );
}
