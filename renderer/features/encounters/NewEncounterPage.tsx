import { Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { PatientDoc } from '../../../shared/patients/schema';
import type { Operator } from '../../app/operator';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import type { ClinicDatabase } from '../../db/database';
import { startEncounter, type EncounterWriteError } from './encounterRepository';

type Started = { ok: true; id: string } | { ok: false; reason: EncounterWriteError | 'patientNotFound' };

/** Starts in flight, so a double effect (React's strict mode, a double click) opens one draft. */
const inFlight = new Map<string, Promise<Started>>();

async function start(
  db: ClinicDatabase,
  patientId: string,
  appointmentId: string | null,
  operator: Operator,
): Promise<Started> {
  const patient = await db.patients.findOne(patientId).exec();
  if (!patient) return { ok: false, reason: 'patientNotFound' };
  const appointment = appointmentId ? await db.appointments.findOne(appointmentId).exec() : null;
  const result = await startEncounter(db, patient.toJSON() as PatientDoc, operator, {
    appointmentId: appointment ? appointment.id : null,
    department: appointment?.department ?? '',
  });
  return result.ok ? { ok: true, id: result.encounter.id } : { ok: false, reason: result.reason };
}

function startOnce(db: ClinicDatabase, patientId: string, appointmentId: string | null, operator: Operator) {
  const key = `${operator.id}|${patientId}|${appointmentId ?? ''}`;
  let run = inFlight.get(key);
  if (!run) {
    run = start(db, patientId, appointmentId, operator).finally(() => inFlight.delete(key));
    inFlight.set(key, run);
  }
  return run;
}

/**
 * `/patients/:id/encounters/new?appointment=…`: opens the doctor's consultation of the patient
 * (their open draft for the appointment or the unsigned draft they started today, or a new one)
 * and replaces itself with the record's page.
 */
export function NewEncounterPage() {
  const { t } = useTranslation('encounters');
  const { id } = useParams();
  const [params] = useSearchParams();
  const appointmentId = params.get('appointment');
  const { db } = useServices();
  const { operator } = useOperator();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    startOnce(db, id, appointmentId, operator).then(
      (result) => {
        if (!live) return;
        if (result.ok) void navigate(`/encounters/${result.id}`, { replace: true });
        else
          setFailure(
            result.reason === 'patientNotFound'
              ? t('page.patientNotFound')
              : t(`writeErrors.${result.reason}`),
          );
      },
      // The database threw: say so instead of a spinner for ever.
      (error: unknown) => {
        logFailure('Consultation not started', error);
        if (live) setFailure(saveFailureText(error));
      },
    );
    return () => {
      live = false;
    };
  }, [db, id, appointmentId, operator, navigate, t]);

  if (failure) return <Result status="warning" title={t('page.startFailed')} subTitle={failure} />;
  return <Spin tip={t('page.loading')} />;
}
