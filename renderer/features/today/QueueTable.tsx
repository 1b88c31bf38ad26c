import { Button, Space, Table, Tag, Tooltip } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allowedActions, type QueueAction } from '../../../shared/appointments/queue';
import type { AppointmentDoc, AppointmentStatus } from '../../../shared/appointments/schema';
import type { CancelState } from './cancelWindow';
import type { QueueRow } from './queueRows';
import { useTodayTriages } from '../triage/observationRepository';
import { QueueTriageCell, QueueTriageTitle } from '../triage/QueueTriageCell';

export const statusColors: Readonly<Record<AppointmentStatus, string>> = {
  scheduled: 'default',
  arrived: 'blue',
  inConsultation: 'green',
  done: 'default',
  cancelled: 'default',
  noShow: 'orange',
};

/** The e2e and the keyboard find each action by these ids. */
const actionTestIds: Readonly<Record<QueueAction, string>> = {
  arrive: 'queue-arrive',
  call: 'queue-call',
  finish: 'queue-finish',
  cancel: 'queue-cancel',
  noShow: 'queue-noshow',
};

/**
 * The day's appointments, one row each, with the moves each allows. `mayApply` says which moves
 * the operator may make (others show disabled); `busyId` is the row being written. A row in
 * `cancelling` shows "cancelling… Undo" instead of its moves until its cancel is written.
 */
export function QueueTable({
  rows,
  loading,
  busyId,
  mayApply,
  onAction,
  cancelling = new Map(),
  onUndo,
  doctorName,
}: {
  rows: QueueRow[];
  loading: boolean;
  busyId?: string;
  mayApply: (action: QueueAction) => boolean;
  onAction: (doc: AppointmentDoc, action: QueueAction) => void;
  cancelling?: ReadonlyMap<string, CancelState>;
  onUndo?: (doc: AppointmentDoc) => void;
  /** The name of a doctor by staff id (the id itself when the directory does not know it). */
  doctorName?: (id: string) => string;
}) {
  const { t } = useTranslation('today');
  const triageFor = useTodayTriages();
  return (
    <Table<QueueRow>
      rowKey={(row) => row.doc.id}
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('queue.none') }}
      onRow={(row) =>
        ({
          'data-testid': 'queue-row',
          'data-status': row.doc.status,
          'data-cancelling': cancelling.has(row.doc.id) ? 'true' : undefined,
          style: row.closed ? { opacity: 0.5 } : undefined,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('fields.ticket'),
          key: 'ticket',
          render: (_, { doc }) => <strong data-testid="queue-ticket">{doc.ticket}</strong>,
        },
        {
          title: t('fields.patientName'),
          key: 'patient',
          render: (_, { doc }) => <Link to={`/patients/${doc.patientId}`}>{doc.patientName}</Link>,
        },
        { title: t('fields.kind'), key: 'kind', render: (_, { doc }) => t(`kinds.${doc.kind}`) },
        { title: t('fields.time'), key: 'time', render: (_, { doc }) => doc.time ?? '' },
        {
          title: t('assign.doctor'),
          key: 'doctor',
          render: (_, { doc }) => (
            <span data-testid="queue-doctor">
              {doc.doctorId ? (doctorName?.(doc.doctorId) ?? doc.doctorId) : t('assign.anyDoctor')}
            </span>
          ),
        },
        {
          title: t('assign.department'),
          key: 'department',
          render: (_, { doc }) => <span data-testid="queue-department">{doc.department}</span>,
        },
        {
          title: t('fields.status'),
          key: 'status',
          render: (_, { doc }) => (
            <Tag color={statusColors[doc.status]} data-testid="queue-status">
              {t(`statuses.${doc.status}`)}
            </Tag>
          ),
        },
        {
          title: <QueueTriageTitle />,
          key: 'triage',
          render: (_, { doc }) => <QueueTriageCell doc={doc} triage={triageFor(doc.id)} />,
        },
        {
          title: t('fields.actions'),
          key: 'actions',
          render: (_, { doc }) =>
            cancelling.has(doc.id) ? (
              <CancellingActions
                writing={cancelling.get(doc.id) === 'writing'}
                onUndo={() => onUndo?.(doc)}
              />
            ) : (
              <Space size={4} wrap>
                {allowedActions(doc).map((action) => {
                  const allowed = mayApply(action);
                  const button = (
                    <Button
                      key={action}
                      size="small"
                      type={action === 'call' || action === 'arrive' ? 'primary' : 'default'}
                      danger={action === 'cancel' || action === 'noShow'}
                      data-testid={actionTestIds[action]}
                      disabled={!allowed || busyId === doc.id}
                      onClick={() => onAction(doc, action)}
                    >
                      {action === 'cancel' && doc.kind === 'walkIn'
                        ? t('actions.cancelWalkIn')
                        : t(`actions.${action}`)}
                    </Button>
                  );
                  return allowed ? (
                    button
                  ) : (
                    <Tooltip key={action} title={t('notices.forbidden')}>
                      <span>{button}</span>
                    </Tooltip>
                  );
                })}
                {doc.status === 'inConsultation' && mayApply('call') && (
                  <Link
                    data-testid="queue-open"
                    to={
                      doc.encounterId
                        ? `/encounters/${doc.encounterId}`
                        : `/patients/${doc.patientId}/encounters/new?appointment=${doc.id}`
                    }
                  >
                    {t('actions.openRecord')}
                  </Link>
                )}
              </Space>
            ),
        },
      ]}
    />
  );
}

/** "Cancelling… Undo" while a cancel waits to be written (see cancelWindow.ts). */
function CancellingActions({ writing, onUndo }: { writing: boolean; onUndo: () => void }) {
  const { t } = useTranslation('today');
  return (
    <Space size={4} role="status">
      <Tag data-testid="queue-cancelling">{t('undo.cancelling')}</Tag>
      {!writing && (
        <Button size="small" type="link" data-testid="queue-undo" onClick={onUndo}>
          {t('undo.undo')}
        </Button>
      )}
    </Space>
  );
}
