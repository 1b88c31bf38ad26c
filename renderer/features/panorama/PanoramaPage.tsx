/**
 * `/patients/:id/panorama`: the resident's panorama from the records on this desk, live (a save or
 * a sync redraws it). Opening it is audited as a read of the chart; it prints through the desk's
 * print path on A4.
 */
import { App, Result, Spin } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { localIsoDate } from '../../../shared/patients/rules';
import { useOperator, useServices } from '../../app/services';
import { recordAuditEvent } from '../../db/audit';
import { host } from '../../host';
import { usePatientCarePlans } from '../carePlans/hooks';
import { usePatientEncounters } from '../encounters/encounterRepository';
import { usePatientPrescriptions } from '../encounters/hooks';
import { usePatient } from '../patients/hooks';
import { usePatientObservations } from '../triage/observationRepository';
import type { PanoramaRecords } from './panoramaData';
import { PanoramaView } from './PanoramaView';

export function PanoramaPage() {
  const { t } = useTranslation('panorama');
  const { id } = useParams();
  const { operator } = useOperator();
  const { db } = useServices();
  const { message } = App.useApp();
  const allowed = can(operator.role, 'clinical.read');
  const patient = usePatient(id);
  const encounters = usePatientEncounters(allowed ? id : undefined);
  const prescriptions = usePatientPrescriptions(allowed ? id : undefined);
  const observations = usePatientObservations(allowed ? id : undefined);
  const carePlans = usePatientCarePlans(allowed ? id : undefined).data;
  const records = useMemo<PanoramaRecords | undefined>(
    () =>
      encounters && prescriptions && observations && carePlans
        ? { encounters, prescriptions, observations, carePlans }
        : undefined,
    [encounters, prescriptions, observations, carePlans],
  );
  const today = localIsoDate(new Date());

  const patientId = patient?.id;
  useEffect(() => {
    if (patientId && allowed)
      void recordAuditEvent(
        db,
        operator,
        'patient.read',
        { collection: 'patients', id: patientId },
        { view: 'panorama' },
      );
  }, [db, operator, patientId, allowed]);

  useEffect(() => {
    if (patient) document.title = `${t('printTitle', { name: patient.name })} · ClinicDesk`;
    return () => {
      document.title = 'ClinicDesk';
    };
  }, [patient, t]);

  if (!allowed) return <Result status="403" title={t('forbidden')} />;
  if (patient === undefined || (patient && !records)) return <Spin />;
  if (patient === null || !records) return <Result status="404" title={t('notFound')} />;

  const print = async () => {
    try {
      await document.fonts.ready;
      const result = await host.printPage({
        pageSize: 'A4',
        target: 'printer',
        title: t('printTitle', { name: patient.name }),
      });
      if (result.outcome === 'cancelled') void message.info(t('notices.printCancelled'));
    } catch (error) {
      void message.error(
        t('notices.printFailed', { message: error instanceof Error ? error.message : String(error) }),
      );
    }
  };

  return (
    <PanoramaView
      patient={patient}
      records={records}
      today={today}
      onPrint={() => void print()}
      printedBy={operator.name}
    />
  );
}
