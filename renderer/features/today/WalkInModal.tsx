import { App, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { addWalkIn } from './appointmentRepository';
import { PatientPicker } from './PatientPicker';
import { useQueueFailure } from './queueNotice';

/** Finds a resident standing at the desk and puts them in today's queue with one click. */
export function WalkInModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('today');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const fail = useQueueFailure();
  const [busy, setBusy] = useState(false);

  const pick = async (patient: PatientDoc) => {
    setBusy(true);
    try {
      const result = await addWalkIn(db, { id: patient.id, name: patient.name }, operator);
      if (!result.ok) return fail(result);
      void message.success(
        t('notices.walkInAdded', { ticket: result.appointment.ticket, name: patient.name }),
      );
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('actions.newWalkIn')} footer={null} onCancel={onClose} destroyOnHidden>
      <PatientPicker
        searchTestId="walkin-search"
        resultTestId="walkin-result"
        disabled={busy}
        onPick={(p) => void pick(p)}
      />
    </Modal>
  );
}
