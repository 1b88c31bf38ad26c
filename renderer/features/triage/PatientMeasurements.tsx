import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/auth/roles';
import { vitalFields } from '../../../shared/encounters/vitals';
import type { ObservationDoc } from '../../../shared/observations/schema';
import { useOperator } from '../../app/services';
import { useFormatters } from '../../ui/format';
import { valueText } from '../encounters/display';
import { PatientRecordsCard } from '../patients/PatientRecordsCard';
import { usePatientObservations } from './observationRepository';

/**
 * The resident's measurements over time: vitals taken at triage and outside a visit (corrected
 * ones show only in their latest form), newest first, with who took them; and, for staff who
 * record observations, the way to record new ones.
 */
export function PatientMeasurements({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation('triage');
  const { t: te } = useTranslation('encounters');
  const { operator } = useOperator();
  const { dateTime } = useFormatters();
  const observations = usePatientObservations(patientId, 'vitals');
  const values = (o: ObservationDoc) =>
    vitalFields
      .filter((f) => (o.vitals[f] ?? null) !== null)
      .map((f) => `${te(`vitals.${f}`)} ${valueText(`vitals.${f}`, o.vitals[f], i18n.language, te)}`)
      .join(te('page.listSeparator'));
  return (
    <PatientRecordsCard<ObservationDoc>
      title={t('measurements.title')}
      testId="patient-measurements"
      rows={observations}
      empty={t('measurements.none')}
      rowTestId="measurement-row"
      record={
        can(operator.role, 'observation.write') && {
          to: `/patients/${patientId}/vitals/new`,
          label: t('actions.record'),
          testId: 'vitals-record',
        }
      }
      columns={[
        { title: t('fields.takenAt'), key: 'at', render: (_, o) => dateTime(o.takenAt) },
        {
          title: t('fields.setting'),
          key: 'setting',
          render: (_, o) => t(o.appointmentId ? 'measurements.triage' : 'measurements.outsideVisit'),
        },
        { title: t('fields.values'), key: 'values', render: (_, o) => values(o) },
        { title: t('fields.chiefComplaint'), key: 'complaint', render: (_, o) => o.chiefComplaint },
        { title: t('fields.recordedBy'), key: 'by', render: (_, o) => o.recordedByName },
      ]}
    />
  );
}
