import { App, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { addBooking, localDate } from './appointmentRepository';
import { PatientPicker } from './PatientPicker';
import { useQueueFailure } from './queueNotice';

/** Books a resident for a time (today unless another date is chosen); choosing them books at once. */
export function BookingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('today');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const fail = useQueueFailure();
  const [busy, setBusy] = useState(false);
  const [date, setDate] = useState(() => localDate(new Date()));
  const [time, setTime] = useState('');

  const pick = async (patient: PatientDoc) => {
    setBusy(true);
    try {
      const result = await addBooking(
        db,
        { id: patient.id, name: patient.name },
        time,
        operator,
        new Date(),
        {
          date,
        },
      );
      if (!result.ok) return fail(result);
      void message.success(
        t('notices.bookingAdded', { ticket: result.appointment.ticket, name: patient.name, date, time }),
      );
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('actions.newBooking')} footer={null} onCancel={onClose} destroyOnHidden>
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
