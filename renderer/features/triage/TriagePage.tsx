import { App, Button, Card, Col, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AppointmentDoc } from '../../../shared/appointments/schema';
import { can } from '../../../shared/auth/roles';
import { adultCategoriesApply } from '../../../shared/encounters/vitals';
import type { ObservationDoc } from '../../../shared/observations/schema';
import { useOperator } from '../../app/services';
import { useFormatters } from '../../ui/format';
import { usePatient } from '../patients/hooks';
import { useTodayQueue } from '../today/hooks';
import { useTodayTriages } from './observationRepository';
import { VitalsForm } from './VitalsForm';

const byArrival = (a: AppointmentDoc, b: AppointmentDoc) =>
  (a.arrivedAt ?? '').localeCompare(b.arrivedAt ?? '') || a.ticket.localeCompare(b.ticket);

/** Whether `doc` waits for the doctor: checked in and not yet called. */
export const waitsForDoctor = (doc: AppointmentDoc) => doc.status === 'arrived';

/** "已分诊：李秀梅，09:12" or "待分诊", as the triage list and the Today queue show it. */
export function TriageState({ triage }: { triage: ObservationDoc | null }) {
  const { t } = useTranslation('triage');
  const { dateTime } = useFormatters();
  return triage ? (
    <Tag color="purple" data-testid="triage-done">
      {t('states.done', { name: triage.recordedByName, time: dateTime(triage.takenAt) })}
    </Tag>
  ) : (
    <Tag data-testid="triage-pending">{t('states.pending')}</Tag>
  );
}

/**
 * 预检分诊: the patients checked in and waiting for the doctor, each with their triage state; the
 * nurse picks one (or arrives from the Today queue with `?appointment=`) and records their vitals
 * and chief complaint, which the doctor's consultation then starts with.
 */
export function TriagePage() {
  const { t } = useTranslation('triage');
  const { operator } = useOperator();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('appointment');
  const docs = useTodayQueue();
  const triageFor = useTodayTriages();
  const mayRecord = can(operator.role, 'observation.write');

  const waiting = useMemo(() => (docs ?? []).filter(waitsForDoctor).sort(byArrival), [docs]);
  // The chosen visit stays on screen even once the doctor has called it.
  const selected = (docs ?? []).find((d) => d.id === selectedId) ?? null;
  const choose = (id: string | null) => setParams(id ? { appointment: id } : {}, { replace: true });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="triage-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('hint')}</Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Table<AppointmentDoc>
            rowKey="id"
            size="middle"
            pagination={false}
            loading={docs === undefined}
            dataSource={waiting}
            locale={{ emptyText: t('queue.empty') }}
            onRow={(doc) =>
              ({
                'data-testid': 'triage-row',
                'aria-selected': doc.id === selectedId,
                style: doc.id === selectedId ? { background: '#e6f4f1' } : undefined,
              }) as HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t('fields.ticket'),
                key: 'ticket',
                render: (_, doc) => <strong>{doc.ticket}</strong>,
              },
              { title: t('fields.patientName'), key: 'name', render: (_, doc) => doc.patientName },
              {
                title: t('fields.triage'),
                key: 'triage',
                render: (_, doc) => <TriageState triage={triageFor(doc.id)} />,
              },
              {
                title: '',
                key: 'action',
                render: (_, doc) => (
                  <Button
                    size="small"
                    type={triageFor(doc.id) ? 'default' : 'primary'}
                    data-testid="triage-take"
                    disabled={!mayRecord}
                    onClick={() => choose(doc.id)}
                  >
                    {triageFor(doc.id) ? t('actions.retake') : t('actions.take')}
                  </Button>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={14}>
          {selected && mayRecord ? (
            <TriageCard
              key={selected.id}
              appointment={selected}
              previous={triageFor(selected.id)}
              onDone={(name) => {
                void message.success(t('notices.saved', { name }));
                choose(null);
              }}
              onCancel={() => choose(null)}
            />
          ) : (
            <Card size="small">
              <Empty description={t('queue.choose')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            </Card>
          )}
        </Col>
      </Row>
    </Space>
  );
}

/** The triage form of one visit; a second triage corrects (supersedes) the first. */
function TriageCard({
  appointment,
  previous,
  onDone,
  onCancel,
}: {
  appointment: AppointmentDoc;
  previous: ObservationDoc | null;
  onDone(name: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('triage');
  const patient = usePatient(appointment.patientId);
  return (
    <Card
      size="small"
      data-testid="triage-card"
      title={t('form.title', { ticket: appointment.ticket, name: appointment.patientName })}
      extra={previous && <TriageState triage={previous} />}
    >
      <VitalsForm
        patientId={appointment.patientId}
        appointmentId={appointment.id}
        supersedes={previous?.id ?? null}
        adult={adultCategoriesApply(patient?.birthDate, new Date())}
        onSaved={() => onDone(appointment.patientName)}
        onCancel={onCancel}
      />
    </Card>
  );
}
