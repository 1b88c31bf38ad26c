import { App, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { matchesQueueFilter, type QueueFilter } from '../../../shared/appointments/assignment';
import { countByStatus, nextToCall, type QueueAction } from '../../../shared/appointments/queue';
import { appointmentStatuses, type AppointmentDoc } from '../../../shared/appointments/schema';
import { can } from '../../../shared/auth/roles';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { useShortcutAction } from '../../app/shortcutKeys';
import { applyAction, mayApply } from './appointmentRepository';
import { BookingModal } from './BookingModal';
import { useToday, useTodayQueue } from './hooks';
import { useConfirmAction } from './queueConfirm';
import { useQueueDirectory } from './queueDirectory';
import { QueueFilterBar } from './QueueFilterBar';
import { QueueTable } from './QueueTable';
import { useQueueFailure } from './queueNotice';
import { queueRows } from './queueRows';
import { useQueueCancels } from './useQueueCancels';
import { WalkInModal } from './WalkInModal';
import { TodayWorklistCard } from '../worklists/TodayWorklistCard';

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
  const directory = useQueueDirectory();
  const [filter, setFilter] = useState<QueueFilter>({});

  const manage = can(operator.role, 'queue.manage');
  const mayCall = mayApply(operator, 'call');
  // A doctor sees and calls the patients booked with them or with nobody; the desk narrows at will.
  const shown = useMemo(
    () => (docs ?? []).filter((d) => matchesQueueFilter(d, mayCall ? { doctorId: operator.id } : filter)),
    [docs, mayCall, operator.id, filter],
  );
  const cancels = useQueueCancels();
  const counts = useMemo(() => countByStatus(shown), [shown]);
  const rows = useMemo(() => queueRows(shown), [shown]);
  // Nobody is called whose cancel is waiting to be written.
  const next = useMemo(
    () => nextToCall(shown.filter((d) => !cancels.state.has(d.id))),
    [shown, cancels.state],
  );
  const doctorName = (id: string) => directory.doctors.find((d) => d.id === id)?.name ?? id;
  const confirmAction = useConfirmAction();

  const act = async (doc: AppointmentDoc, action: QueueAction) => {
    // A cancel waits to be undone; a no-show or a finish cannot be taken back, so it is asked first.
    if (action === 'cancel') return cancels.start(doc.id);
    if ((action === 'noShow' || action === 'finish') && !(await confirmAction(doc, action))) return;
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

  // F8 calls the next patient, exactly as the button does (and only when the button would).
  useShortcutAction(
    'callNext',
    mayCall && next && busyId === undefined ? () => void act(next, 'call') : undefined,
  );

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
            aria-keyshortcuts="F8"
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
      <TodayWorklistCard />
      {!mayCall && <QueueFilterBar directory={directory} value={filter} onChange={setFilter} />}
      <QueueTable
        rows={rows}
        loading={docs === undefined}
        busyId={busyId}
        mayApply={(action) => mayApply(operator, action)}
        onAction={(doc, action) => void act(doc, action)}
        cancelling={cancels.state}
        onUndo={(doc) => cancels.undo(doc.id)}
        doctorName={doctorName}
      />
      <Typography.Text type="secondary">{t('queue.rule', { minutes: 15 })}</Typography.Text>
      <WalkInModal open={dialog === 'walkIn'} onClose={() => setDialog(undefined)} />
      <BookingModal open={dialog === 'booking'} onClose={() => setDialog(undefined)} />
    </Space>
  );
}
