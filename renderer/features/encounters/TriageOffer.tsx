import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { triageOf } from '../../../shared/observations/rules';
import type { ObservationDoc } from '../../../shared/observations/schema';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { useFormatters } from '../../ui/format';
import { takeTriage } from './encounterRepository';

/**
 * Offers the visit's triage to a draft that started without it: observations reach a desk by a
 * pull every few seconds (shared/sync/collections.ts), so a doctor who calls the patient at once
 * may open the consultation first. Taking it fills only what the doctor has not written.
 */
export function TriageOffer({
  doc,
  beforeTake,
  onTaken,
}: {
  doc: EncounterDoc;
  /** Saves what the doctor typed, so taking the triage fills around it. */
  beforeTake(): Promise<unknown>;
  onTaken(next: EncounterDoc): void;
}) {
  const { t } = useTranslation('encounters');
  const { db } = useServices();
  const { operator } = useOperator();
  const { dateTime } = useFormatters();
  const [triage, setTriage] = useState<ObservationDoc | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const waiting = doc.status === 'draft' && !doc.triage && doc.appointmentId !== null;

  useEffect(() => {
    if (!waiting || !doc.appointmentId) return;
    const appointmentId = doc.appointmentId;
    const sub = db.observations.find({ selector: { patientId: doc.patientId } }).$.subscribe((found) =>
      setTriage(
        triageOf(
          found.map((o) => o.toJSON() as ObservationDoc),
          appointmentId,
        ),
      ),
    );
    return () => sub.unsubscribe();
  }, [db, waiting, doc.patientId, doc.appointmentId]);

  if (!waiting || !triage) return null;
  const take = async () => {
    try {
      await beforeTake();
      const result = await takeTriage(db, doc.id, operator);
      if (result.ok) onTaken(result.encounter);
      else setFailure(t(`writeErrors.${result.reason}`));
    } catch (error) {
      logFailure('Triage not taken', error);
      setFailure(saveFailureText(error));
    }
  };
  return (
    <Alert
      type={failure ? 'error' : 'info'}
      showIcon
      data-testid="enc-triage-offer"
      style={{ marginBottom: 16 }}
      title={
        failure ?? t('triageHandover.offer', { name: triage.recordedByName, time: dateTime(triage.takenAt) })
      }
      action={
        <Button size="small" data-testid="enc-triage-take" onClick={() => void take()}>
          {t('triageHandover.take')}
        </Button>
      }
    />
  );
}
