import { Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isEnrolment, type CarePlanDoc } from '../../../shared/carePlans/schema';
import type { Operator } from '../../app/operator';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import type { ClinicDatabase } from '../../db/database';
import { startFollowUpVisit } from '../encounters/encounterRepository';

interface StartRequest {
  patientId: string;
  enrolmentId: string;
  windowKey: string | null;
  fromEncounterId: string | null;
}

type Started = { ok: true; id: string } | { ok: false; reason: string };

/** Starts in flight, so a double effect (React's strict mode, a double click) opens one draft. */
const inFlight = new Map<string, Promise<Started>>();

async function start(db: ClinicDatabase, operator: Operator, request: StartRequest): Promise<Started> {
  const stored = await db.carePlans.findOne(request.enrolmentId).exec();
  const enrolment = stored ? (stored.toJSON() as CarePlanDoc) : null;
  if (!enrolment || !isEnrolment(enrolment) || enrolment.patientId !== request.patientId)
    return { ok: false, reason: 'enrolmentNotFound' };
  const from = request.fromEncounterId ? await db.encounters.findOne(request.fromEncounterId).exec() : null;
  const result = await startFollowUpVisit(db, operator, request.patientId, enrolment, {
    windowKey: request.windowKey,
    fromEncounterId: request.fromEncounterId,
    appointmentId: from?.appointmentId ?? null,
  });
  return result.ok ? { ok: true, id: result.encounter.id } : { ok: false, reason: result.reason };
}

function startOnce(db: ClinicDatabase, operator: Operator, request: StartRequest) {
  const key = [
    operator.id,
    request.patientId,
    request.enrolmentId,
    request.windowKey,
    request.fromEncounterId,
  ].join('|');
  let run = inFlight.get(key);
  if (!run) {
    run = start(db, operator, request).finally(() => inFlight.delete(key));
    inFlight.set(key, run);
  }
  return run;
}

/**
 * `/patients/:id/followups/new?enrolment=<id>&window=<key>[&from=<encounterId>]`: opens the
 * doctor's follow-up visit of the enrolment (their open draft for the window, or a new one, with
 * the vitals of the consultation it starts from) and replaces itself with the record's page.
 */
export function NewFollowUpPage() {
  const { t } = useTranslation(['followups', 'encounters']);
  const { id } = useParams();
  const [params] = useSearchParams();
  const enrolmentId = params.get('enrolment');
  const windowKey = params.get('window');
  const fromEncounterId = params.get('from');
  const { db } = useServices();
  const { operator } = useOperator();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!id || !enrolmentId) return;
    let live = true;
    startOnce(db, operator, { patientId: id, enrolmentId, windowKey, fromEncounterId }).then(
      (result) => {
        if (!live) return;
        if (result.ok) void navigate(`/encounters/${result.id}`, { replace: true });
        else
          setFailure(
            result.reason === 'enrolmentNotFound'
              ? t('start.enrolmentNotFound')
              : t(`encounters:writeErrors.${result.reason}` as 'encounters:writeErrors.notFound'),
          );
      },
      (error: unknown) => {
        logFailure('Follow-up visit not started', error);
        if (live) setFailure(saveFailureText(error));
      },
    );
    return () => {
      live = false;
    };
  }, [db, id, enrolmentId, windowKey, fromEncounterId, operator, navigate, t]);

  if (!enrolmentId)
    return <Result status="warning" title={t('start.failed')} subTitle={t('start.enrolmentNotFound')} />;
  if (failure) return <Result status="warning" title={t('start.failed')} subTitle={failure} />;
  return <Spin tip={t('start.loading')} />;
}
