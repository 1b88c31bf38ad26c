import { Alert, Button, Form, Input, Space } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncounterFieldError } from '../../../shared/encounters/rules';
import { encounterTextLimits, type Vitals } from '../../../shared/encounters/schema';
import { emptyVitals, vitalsErrors } from '../../../shared/encounters/vitals';
import type { ObservationDoc } from '../../../shared/observations/schema';
import type { FieldError } from '../../../shared/sync/collections';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { VitalsFields } from '../encounters/VitalsFields';
import { recordVitals } from './observationRepository';

interface Props {
  patientId: string;
  /** The visit triaged; null for vitals outside a visit (no chief complaint then). */
  appointmentId: string | null;
  /** The observation this one corrects (triage again), if any. */
  supersedes?: string | null;
  /** Whether the adult BMI and blood-pressure categories apply (shared/encounters/vitals.ts). */
  adult: boolean;
  onSaved(observation: ObservationDoc): void;
  onCancel?(): void;
}

/**
 * Vitals (with the consultation's own inputs and hints, ../encounters/VitalsFields) and, at
 * triage, the chief complaint; saved as an observation in the operator's name. Focus starts on
 * the first measurement; Enter in any field saves, Tab walks the fields.
 */
export function VitalsForm({ patientId, appointmentId, supersedes = null, adult, onSaved, onCancel }: Props) {
  const { t } = useTranslation(['triage', 'encounters']);
  const { db } = useServices();
  const { operator } = useOperator();
  const [vitals, setVitals] = useState<Vitals>(() => ({ ...emptyVitals }));
  const [complaint, setComplaint] = useState('');
  const [refused, setRefused] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLFormElement>(null);

  useEffect(() => box.current?.querySelector<HTMLInputElement>('input')?.focus(), []);

  const errors = useMemo(() => {
    const live: FieldError[] = vitalsErrors(vitals).map((e) => ({
      field: `vitals.${e.field}`,
      code: e.code,
    }));
    return new Map([...refused, ...live].map((e) => [e.field, e as EncounterFieldError]));
  }, [vitals, refused]);
  const general = refused.filter((e) => !e.field.startsWith('vitals.'));

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await recordVitals(db, operator, {
        patientId,
        appointmentId,
        vitals,
        chiefComplaint: appointmentId ? complaint : '',
        supersedes,
      });
      if (result.ok) {
        setRefused([]);
        onSaved(result.observation);
      } else if (result.reason === 'forbidden') setFailure(t('notices.forbidden'));
      else setRefused(result.errors);
    } catch (error) {
      logFailure('Vitals not saved', error);
      setFailure(t('notices.failed', { reason: saveFailureText(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={box}
      data-testid="vitals-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Form layout="vertical" component="div">
        {appointmentId && (
          <Form.Item label={t('fields.chiefComplaint')} htmlFor="triage-complaint">
            <Input
              id="triage-complaint"
              data-testid="triage-complaint"
              value={complaint}
              maxLength={encounterTextLimits.chiefComplaint}
              placeholder={t('form.complaintPlaceholder')}
              onChange={(e) => setComplaint(e.target.value)}
            />
          </Form.Item>
        )}
        <VitalsFields value={vitals} errors={errors} adult={adult} onChange={setVitals} />
      </Form>
      {(general.length > 0 || failure) && (
        <Alert
          type="error"
          showIcon
          data-testid="vitals-form-errors"
          style={{ marginBottom: 12 }}
          title={failure ?? general.map((e) => t(`errors.${e.code}` as 'errors.invalid')).join(' ')}
        />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="vitals-save">
          {t('actions.save')}
        </Button>
        {onCancel && (
          <Button data-testid="vitals-cancel" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
        )}
      </Space>
    </form>
  );
}
