import { Button, Card, Spin, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { isAddendum, writerNameOf } from '../../../shared/encounters/record';
import { encounterLockPolicy, type EncounterDoc } from '../../../shared/encounters/schema';
import type { PatientDoc } from '../../../shared/patients/schema';
import { prescriptionLockPolicy, type PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { useOperator } from '../../app/services';
import { SignatureStatus } from '../../clinical-seal/SignatureStatus';
import { useFormatters } from '../../ui/format';
import { chartRecords, type ChartRecord } from './chartRecords';
import { diagnosisText } from './display';
import { usePatientEncounters } from './encounterRepository';
import { usePatientPrescriptions } from './hooks';
import { RevisionDiff } from './RevisionDiff';

const muted = { color: 'rgba(0,0,0,0.55)' };
const badge = (color: string) => ({
  display: 'inline-block',
  padding: '0 6px',
  marginInlineStart: 8,
  borderRadius: 4,
  border: `1px solid ${color}`,
  color,
  fontSize: 12,
});

/** The amendments of a record, worked out only when the reader opens them. */
function RevisionSection({ chain }: { chain: EncounterDoc[] }) {
  const { t } = useTranslation('encounters');
  const [open, setOpen] = useState(false);
  return (
    <details data-testid="revision-diff" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary style={{ cursor: 'pointer', ...muted }}>
        {t('history.revisions', { count: chain.length - 1 })}
      </summary>
      {open && <RevisionDiff chain={chain} />}
    </details>
  );
}

interface RowProps {
  t: TFunction<['encounters', 'prescriptions']>;
  locale: string;
  dateTime(iso: string): string;
}

function EncounterRow({ record, t, locale, dateTime }: RowProps & { record: ChartRecord }) {
  const e = record.latest;
  const diagnoses = e.diagnoses.map((d) => diagnosisText(d, locale, t)).join('；');
  return (
    <li data-testid="clinical-encounter" className="clinical-row" style={{ padding: '6px 0' }}>
      <Link to={`/encounters/${e.id}`}>
        <span>{dateTime(record.seenAt)}</span>
        <span style={{ marginInlineStart: 8 }}>{t(`visitTypes.${e.visitType}`)}</span>
        <span style={{ marginInlineStart: 8 }}>{diagnoses || t('history.noDiagnosis')}</span>
      </Link>
      <span style={{ marginInlineStart: 8, ...muted }}>
        {e.doctorName}
        {isAddendum(e) && `（${t('history.addendum', { name: writerNameOf(e) })}）`}
      </span>
      <span style={badge(e.status === 'signed' ? '#389e0d' : '#d48806')}>
        {t(`statuses.${e.status}`)}
        {e.revisionNo > 1 && ` · ${t('revisions.revision', { n: e.revisionNo })}`}
      </span>
      <span style={{ marginInlineStart: 8 }}>
        <SignatureStatus doc={e} policy={encounterLockPolicy} />
      </span>
      {record.pendingAmendment && (
        <span style={badge('#d46b08')} data-testid="clinical-pending-amendment">
          {t('history.pendingAmendment')}
        </span>
      )}
      {record.late && (
        <span
          style={badge('#d46b08')}
          data-testid="clinical-late-signed"
          title={t('signing.lateSignedDetail', {
            visit: dateTime(record.late.visitAt),
            signed: dateTime(record.late.signedAt),
          })}
        >
          {t('signing.lateSigned')} · {dateTime(record.late.signedAt)}
        </span>
      )}
      {e.chiefComplaint && <div style={muted}>{e.chiefComplaint}</div>}
      {record.chain.length > 1 && <RevisionSection chain={record.chain} />}
    </li>
  );
}

function PrescriptionRow({ slip, t, dateTime }: RowProps & { slip: PrescriptionDoc }) {
  const status = slip.voided ? t('prescriptions:status.voided') : t(`prescriptions:status.${slip.status}`);
  return (
    <li data-testid="clinical-prescription" style={{ padding: '4px 0' }}>
      <Link to={`/prescriptions/${slip.groupId}`}>
        <span>{slip.number || '—'}</span>
        <span style={{ marginInlineStart: 8 }}>{t(`prescriptions:types.${slip.type}`)}</span>
        <span style={{ marginInlineStart: 8 }}>{t('history.drugCount', { count: slip.items.length })}</span>
      </Link>
      <span style={{ marginInlineStart: 8, ...muted }}>
        {dateTime(slip.createdAt)} · {slip.doctorName}
      </span>
      <span style={badge(slip.voided ? '#cf1322' : slip.status === 'signed' ? '#389e0d' : '#d48806')}>
        {status}
      </span>
      <span style={{ marginInlineStart: 8 }}>
        <SignatureStatus doc={slip} policy={prescriptionLockPolicy} />
      </span>
    </li>
  );
}

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/**
 * The clinical part of a patient's chart: consultation records, newest visit first, each at its
 * latest signed revision (marked when an amendment is still a draft, and 补签 with both times when
 * signed more than 24 h after the visit) with the differences its amendments made, and the
 * patient's prescription slips. Two
 * queries in all, so a chart of hundreds of visits opens at once.
 */
export function PatientClinicalHistory({ patient }: { patient: PatientDoc }) {
  const { t, i18n } = useTranslation(['encounters', 'prescriptions']);
  const { dateTime } = useFormatters();
  const row = { t, locale: i18n.language, dateTime };
  const { operator } = useOperator();
  const navigate = useNavigate();
  const encounters = usePatientEncounters(patient.id);
  const prescriptions = usePatientPrescriptions(patient.id);
  const records = useMemo(() => (encounters ? chartRecords(encounters) : undefined), [encounters]);

  return (
    <Card
      size="small"
      title={t('history.title')}
      data-testid="clinical-history"
      extra={
        can(operator.role, 'clinical.write') && (
          <Button
            type="primary"
            size="small"
            data-testid="enc-new"
            onClick={() => void navigate(`/patients/${patient.id}/encounters/new`)}
          >
            {t('history.new')}
          </Button>
        )
      }
    >
      <Typography.Title level={5}>{t('history.encounters')}</Typography.Title>
      {records === undefined ? (
        <Spin size="small" />
      ) : records.length === 0 ? (
        <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>
      ) : (
        <ul style={listStyle}>
          {records.map((r) => (
            <EncounterRow key={r.recordId} record={r} {...row} />
          ))}
        </ul>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('history.prescriptions')}
      </Typography.Title>
      {prescriptions === undefined ? (
        <Spin size="small" />
      ) : prescriptions.length === 0 ? (
        <Typography.Text type="secondary">{t('history.noPrescriptions')}</Typography.Text>
      ) : (
        <ul style={listStyle}>
          {prescriptions.map((p) => (
            <PrescriptionRow key={p.id} slip={p} {...row} />
          ))}
        </ul>
      )}
    </Card>
  );
}
