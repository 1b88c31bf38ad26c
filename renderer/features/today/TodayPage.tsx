import { App, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { countByStatus, nextToCall, type QueueAction } from '../../../shared/appointments/queue';
import { appointmentStatuses, type AppointmentDoc } from '../../../shared/appointments/schema';
import { can } from '../../../shared/auth/roles';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { applyAction, mayApply } from './appointmentRepository';
import { BookingModal } from './BookingModal';
import { useToday, useTodayQueue } from './hooks';
import { QueueTable } from './QueueTable';
import { useQueueFailure } from './queueNotice';
import { queueRows } from './queueRows';
import { WalkInModal } from './WalkInModal';

/**
 * Today: the centre's queue of bookings and walk-ins. The desk adds walk-ins and bookings and
 * checks patients in; a doctor calls the next patient (or a chosen one) straight into a new
 * consultation record.
 */
export function TodayPage() {
  const { t } = useTranslation('today');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const fail = useQueueFailure();
  const today = useToday();
  const docs = useTodayQueue();
  const [dialog, setDialog] = useState<'walkIn' | 'booking'>();
  const [busyId, setBusyId] = useState<string>();

  const manage = can(operator.role, 'queue.manage');
  const mayCall = mayApply(operator, 'call');
  const counts = useMemo(() => countByStatus(docs ?? []), [docs]);
  const rows = useMemo(() => queueRows(docs ?? []), [docs]);
  // A doctor calls the patients booked with them or with nobody.
  const next = useMemo(
    () => nextToCall(docs ?? [], mayCall ? { doctorId: operator.id } : {}),
    [docs, mayCall, operator.id],
  );

  const act = async (doc: AppointmentDoc, action: QueueAction) => {
    setBusyId(doc.id);
    try {
      const result = await applyAction(db, doc.id, action, operator);
      if (!result.ok) return fail(result);
      if (action === 'call') {
        void message.success(t('queue.called', { ticket: doc.ticket, name: doc.patientName }));
        void navigate(`/patients/${doc.patientId}/encounters/new?appointment=${doc.id}`);
      }
    } catch (error) {
      logFailure('Queue action failed', error);
      void message.error(saveFailureText(error));
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')} <Typography.Text type="secondary">{today}</Typography.Text>
        </Typography.Title>
        <Space wrap>
          <Button data-testid="today-add-walkin" disabled={!manage} onClick={() => setDialog('walkIn')}>
            {t('actions.newWalkIn')}
          </Button>
          <Button data-testid="today-add-booking" disabled={!manage} onClick={() => setDialog('booking')}>
            {t('actions.newBooking')}
          </Button>
          <Button
            type="primary"
            data-testid="today-call-next"
            disabled={!mayCall || !next || busyId !== undefined}
            title={mayCall ? undefined : t('notices.forbidden')}
            onClick={() => next && void act(next, 'call')}
          >
            {t('actions.callNext')}
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary" data-testid="today-next">
        {next ? t('queue.next', { ticket: next.ticket, name: next.patientName }) : t('queue.empty')}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {appointmentStatuses.map((status) => (
          <Col key={status} xs={12} sm={8} lg={4}>
            <Card size="small" data-testid={`today-count-${status}`}>
              <Statistic title={t(`statuses.${status}`)} value={counts[status]} />
            </Card>
          </Col>
        ))}
      </Row>
      <QueueTable
        rows={rows}
        loading={docs === undefined}
        busyId={busyId}
        mayApply={(action) => mayApply(operator, action)}
        onAction={(doc, action) => void act(doc, action)}
      />
      <Typography.Text type="secondary">{t('queue.rule', { minutes: 15 })}</Typography.Text>
      <WalkInModal open={dialog === 'walkIn'} onClose={() => setDialog(undefined)} />
      <BookingModal open={dialog === 'booking'} onClose={() => setDialog(undefined)} />
    </Space>
  );
}
