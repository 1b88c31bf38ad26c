import { App, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { useTicketSource } from '../../numbers/NumbersProvider';
import { addBooking, localDate } from './appointmentRepository';
import { AssignmentFields, unassigned, type Assignment } from './AssignmentFields';
import { PatientPicker } from './PatientPicker';
import { useQueueDirectory } from './queueDirectory';
import { useConfirmDuplicate } from './queueConfirm';
import { useQueueFailure } from './queueNotice';

/** Books a resident for a time (today unless another date is chosen); choosing them books at once. */
export function BookingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('today');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const fail = useQueueFailure();
  const confirmDuplicate = useConfirmDuplicate();
  const tickets = useTicketSource();
  const [busy, setBusy] = useState(false);
  const [date, setDate] = useState(() => localDate(new Date()));
  const [time, setTime] = useState('');
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
        addBooking(db, { id: patient.id, name: patient.name }, time, operator, new Date(), {
          ...assignment,
          date,
          allowDuplicate,
          tickets,
        });
      let result = await add(false);
      // Already in that queue on that day: the person goes back (nothing added) or books anyway.
      if (!result.ok && result.reason === 'duplicate') {
        if (!(await confirmDuplicate(result.existing))) return;
        result = await add(true);
      }
      if (!result.ok) return fail(result);
      void message.success(
        t('notices.bookingAdded', { ticket: result.appointment.ticket, name: patient.name, date, time }),
      );
      close();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('actions.newBooking')} footer={null} onCancel={close} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Form layout="inline" component="div">
          <Form.Item label={t('fields.date')} required>
            <Input
              type="date"
              data-testid="booking-date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('fields.time')} required>
            <Input
              type="time"
              data-testid="booking-time"
              value={time}
              onChange={(e) => setTime(e.target.value)}
            />
          </Form.Item>
        </Form>
        <AssignmentFields directory={directory} value={assignment} onChange={setAssignment} disabled={busy} />
        <PatientPicker
          searchTestId="booking-search"
          resultTestId="booking-result"
          disabled={busy || !date || !time}
          onPick={(p) => void pick(p)}
        />
      </Space>
    </Modal>
  );
}
