import { Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/auth/roles';
import {
  isEnrolment,
  isTransplantPlan,
  type EnrolmentDoc,
  type TransplantPlanDoc,
} from '../../../shared/carePlans/schema';
import type { DueWindow, ScheduleVisit, WindowStatus } from '../../../shared/followups/windows';
import { followUpVisitsOf } from '../../../shared/followups/worklist';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useOperator } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { useFormatters } from '../../ui/format';
import { usePatientEncounters } from '../encounters/encounterRepository';
import { useToday } from '../today/hooks';
import { ConsentPanel } from './ConsentPanel';
import { DueDateDialog, type WindowToMove } from './DueDateDialog';
import { usePatientCarePlans } from './hooks';
import { LeaveDialog } from './LeaveDialog';
import { useOrganisations } from './organisations';
import { canChangeEnrolment, canEnrol, canSetPlan } from './permissions';
import { enrolmentSchedule, planFor, windowNameKey, windowsToShow } from './schedule';
import { TransplantPlanSummary } from './TransplantPlanSummary';

const statusColour: Record<WindowStatus, string> = {
  upcoming: 'default',
  due: 'processing',
  done: 'success',
  overdue: 'warning',
  lost: 'error',
};

/**
 * The resident's programmes (重点人群管理) on their page: each enrolment with its due windows and
 * their status, the way to record the visit due, move a due date or leave; a transplant
 * enrolment with its consent register (withdraw, give again, correct the centre) and its
 * centre's plan (set there by the specialist). A centre's doctor enrols.
 */
export function PatientProgrammes({ patient }: { patient: PatientDoc }) {
  const { t } = useTranslation('carePlans');
  const { operator } = useOperator();
  const { organisation } = useSession();
  const plans = usePatientCarePlans(patient.id);
  const encounters = usePatientEncounters(patient.id);
  const [showLeft, setShowLeft] = useState(false);

  const enrolments = useMemo(
    () =>
      (plans.data ?? [])
        .filter(isEnrolment)
        .sort((a, b) => b.enrolment.enrolledOn.localeCompare(a.enrolment.enrolledOn)),
    [plans.data],
  );
  const transplantPlans = useMemo(() => (plans.data ?? []).filter(isTransplantPlan), [plans.data]);
  const visits = useMemo(() => {
    const byEnrolment = new Map<string, ScheduleVisit[]>();
    for (const visit of followUpVisitsOf(encounters ?? [])) {
      const list = byEnrolment.get(visit.enrolmentId) ?? [];
      list.push(visit);
      byEnrolment.set(visit.enrolmentId, list);
    }
    return byEnrolment;
  }, [encounters]);
  const active = enrolments.filter((e) => e.enrolment.status === 'active');
  const left = enrolments.filter((e) => e.enrolment.status === 'left');

  return (
    <Card
      size="small"
      title={t('card.title')}
      data-testid="patient-programmes"
      extra={
        canEnrol(operator, organisation) && (
          <Link to={`/patients/${patient.id}/enrol`}>
            <Button size="small" data-testid="programme-enrol">
              {t('card.enrol')}
            </Button>
          </Link>
        )
      }
    >
      {plans.loading ? (
        <Spin />
      ) : enrolments.length === 0 ? (
        <Empty description={t('card.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {active.map((e) => (
            <EnrolmentSection
              key={e.id}
              patient={patient}
              enrolment={e}
              plan={planFor(transplantPlans, e.id)}
              visits={visits.get(e.id) ?? []}
            />
          ))}
          {left.length > 0 && (
            <Button type="link" data-testid="programme-show-left" onClick={() => setShowLeft((s) => !s)}>
              {t('card.showLeft', { count: left.length })}
            </Button>
          )}
          {showLeft &&
            left.map((e) => (
              <EnrolmentSection
                key={e.id}
                patient={patient}
                enrolment={e}
                plan={planFor(transplantPlans, e.id)}
                visits={visits.get(e.id) ?? []}
              />
            ))}
        </Space>
      )}
    </Card>
  );
}

function EnrolmentSection({
  patient,
  enrolment,
  plan,
  visits,
}: {
  patient: PatientDoc;
  enrolment: EnrolmentDoc;
  plan: TransplantPlanDoc | null;
  visits: ScheduleVisit[];
}) {
  const { t } = useTranslation('carePlans');
  const { operator } = useOperator();
  const { organisation } = useSession();
  const organisations = useOrganisations();
  const { date } = useFormatters();
  const today = useToday();
  const [all, setAll] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [moving, setMoving] = useState<WindowToMove | null>(null);
  const e = enrolment.enrolment;
  const schedule = useMemo(
    () => enrolmentSchedule(enrolment, plan, visits, patient.birthDate, today),
    [enrolment, plan, visits, patient.birthDate, today],
  );
  const shown = windowsToShow(schedule, all);
  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? id ?? '';
  const own = enrolment.orgId === operator.orgId;
  const mayChange = e.status === 'active' && canChangeEnrolment(operator, organisation, enrolment);
  const mayRecord = e.status === 'active' && own && can(operator.role, 'clinical.write');
  const mayRecordResult = e.status === 'active' && own && can(operator.role, 'observation.write');
  const nameOf = (w: DueWindow) => {
    const { key, values } = windowNameKey(w);
    return t(key as 'windowNames.visit', values);
  };

  return (
    <section data-testid={`programme-${e.programme}`} aria-label={t(`programmes.${e.programme}`)}>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t(`programmes.${e.programme}`)}</Typography.Text>
        <Tag color={e.status === 'active' ? 'green' : 'default'} data-testid="programme-status">
          {e.status === 'active' ? t('card.active') : t('card.ended')}
        </Tag>
        <Tag data-testid="programme-state">{t(`scheduleStates.${schedule.state}`)}</Tag>
        <Typography.Text type="secondary">
          {t('card.enrolledOn', { date: date(e.enrolledOn) })}
          {e.status === 'left' && e.leftOn && e.leftReason && (
            <>
              {' · '}
              {t('card.left', { date: date(e.leftOn), reason: t(`leftReasons.${e.leftReason}`) })}
              {e.leftNote && `（${e.leftNote}）`}
            </>
          )}
        </Typography.Text>
        {!own && (
          <Typography.Text type="secondary">
            {t('card.otherOrg', { name: orgName(enrolment.orgId) })}
          </Typography.Text>
        )}
        {mayRecordResult && (
          <Link to={`/patients/${patient.id}/results/new?enrolment=${enrolment.id}`}>
            <Button size="small" data-testid="programme-record-result">
              {t('card.recordResult')}
            </Button>
          </Link>
        )}
        {mayChange && (
          <Button size="small" danger data-testid="programme-leave" onClick={() => setLeaving(true)}>
            {t('leave.action')}
          </Button>
        )}
      </Space>
      {e.programme === 'pregnancy' && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {e.lmp
            ? t('card.lmp', { date: date(e.lmp) })
            : e.dueDate && t('card.dueDate', { date: date(e.dueDate) })}
        </Typography.Paragraph>
      )}
      {e.programme === 'transplant' && (
        <ConsentPanel enrolment={enrolment} organisations={organisations} mayChange={mayChange && own} />
      )}
      {e.programme === 'transplant' && (
        <TransplantPlanSummary
          patientId={patient.id}
          enrolment={enrolment}
          plan={plan}
          centreName={orgName(e.transplantOrgId)}
          maySet={canSetPlan(operator, organisation, enrolment)}
        />
      )}
      {schedule.windows.length === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="programme-no-windows">
          {e.programme === 'transplant' ? t('card.noPlanTransplant') : t('windows.none')}
        </Typography.Paragraph>
      ) : (
        <>
          <Table<DueWindow>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={shown}
            onRow={(w) =>
              ({ 'data-testid': `window-${w.key}`, 'data-status': w.status }) as HTMLAttributes<HTMLElement>
            }
            columns={[
              { title: t('windows.window'), key: 'name', render: (_, w) => nameOf(w) },
              {
                title: t('windows.period'),
                key: 'period',
                render: (_, w) => `${date(w.opensOn)} – ${date(w.closesOn)}`,
              },
              {
                title: t('windows.dueDate'),
                key: 'due',
                render: (_, w) => (
                  <Space size={4}>
                    <span data-testid="window-due">{date(w.dueDate)}</span>
                    {w.edited && (
                      <Tag data-testid="window-moved">
                        {t('windows.moved', { reason: lastReason(enrolment, w.key) })}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              {
                title: t('windows.status'),
                key: 'status',
                render: (_, w) => (
                  <Space size={4}>
                    <Tag color={statusColour[w.status]} data-testid="window-status">
                      {t(`windowStatus.${w.status}`)}
                    </Tag>
                    {w.doneOn && (
                      <Typography.Text type="secondary">
                        {t('windows.doneOn', { date: date(w.doneOn) })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: '',
                key: 'actions',
                render: (_, w) =>
                  w.status !== 'done' && (
                    <Space size={4}>
                      {mayRecord && w.status !== 'upcoming' && (
                        <Link
                          to={`/patients/${patient.id}/followups/new?enrolment=${enrolment.id}&window=${encodeURIComponent(w.key)}`}
                        >
                          <Button size="small" type="primary" data-testid="window-record">
                            {t('windows.record')}
                          </Button>
                        </Link>
                      )}
                      {mayChange && (
                        <Button
                          size="small"
                          data-testid="window-edit-due"
                          onClick={() => setMoving({ key: w.key, name: nameOf(w), dueDate: w.dueDate })}
                        >
                          {t('windows.editDue')}
                        </Button>
                      )}
                    </Space>
                  ),
              },
            ]}
          />
          {shown.length < schedule.windows.length || all ? (
            <Button type="link" size="small" data-testid="windows-toggle" onClick={() => setAll((a) => !a)}>
              {all ? t('windows.showFewer') : t('windows.showAll')}
            </Button>
          ) : null}
        </>
      )}
      {leaving && <LeaveDialog enrolment={enrolment} onClose={() => setLeaving(false)} />}
      {moving && <DueDateDialog enrolment={enrolment} window={moving} onClose={() => setMoving(null)} />}
    </section>
  );
}

/** The reason of the latest move of a window's due date. */
function lastReason(enrolment: EnrolmentDoc, windowKey: string): string {
  const edits = enrolment.enrolment.scheduleEdits.filter((s) => s.windowKey === windowKey);
  return edits.sort((a, b) => a.at.localeCompare(b.at)).at(-1)?.reason ?? '';
}
