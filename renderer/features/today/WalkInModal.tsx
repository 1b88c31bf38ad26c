import { App, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { useTicketSource } from '../../numbers/NumbersProvider';
import { addWalkIn } from './appointmentRepository';
import { AssignmentFields, unassigned, type Assignment } from './AssignmentFields';
import { PatientPicker } from './PatientPicker';
import { useQueueDirectory } from './queueDirectory';
import { useConfirmDuplicate } from './queueConfirm';
import { useQueueFailure } from './queueNotice';

/** Finds a resident standing at the desk and puts them in today's queue with one click. */
export function WalkInModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('today');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const fail = useQueueFailure();
  const confirmDuplicate = useConfirmDuplicate();
  const tickets = useTicketSource();
  const [busy, setBusy] = useState(false);
  const directory = useQueueDirectory();
  const [assignment, setAssignment] = useState<Assignment>(unassigned);
  // Each opening starts unassigned, so a doctor chosen for one patient is not carried to the next.
  const close = () => {
    setAssignment(unassigned);
    onClose();
  };

  const pick = async (patient: PatientDoc) => {
    setBusy(true);
    try {
      const add = (allowDuplicate: boolean) =>
        addWalkIn(db, { id: patient.id, name: patient.name }, operator, new Date(), {
          ...assignment,
          allowDuplicate,
          tickets,
        });
      let result = await add(false);
      // Already waiting in that queue: the person goes back (nothing added) or adds anyway.
      if (!result.ok && result.reason === 'duplicate') {
        if (!(await confirmDuplicate(result.existing))) return;
        result = await add(true);
      }
      if (!result.ok) return fail(result);
      void message.success(
        t('notices.walkInAdded', { ticket: result.appointment.ticket, name: patient.name }),
      );
      close();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('actions.newWalkIn')} footer={null} onCancel={close} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <AssignmentFields directory={directory} value={assignment} onChange={setAssignment} disabled={busy} />
        <PatientPicker
          searchTestId="walkin-search"
          resultTestId="walkin-result"
          disabled={busy}
          onPick={(p) => void pick(p)}
        />
      </Space>
    </Modal>
  );
}
