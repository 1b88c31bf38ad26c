import { Button, Card, Spin, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { isAddendum, writerNameOf } from '../../../shared/encounters/record';
import { encounterLockPolicy, type EncounterDoc } from '../../../shared/encounters/schema';
import type { PatientDoc } from '../../../shared/patients/schema';
import { prescriptionLockPolicy, type PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { useOperator } from '../../app/services';
import { ListedSealTag, SealStatesProvider, useSealStates } from '../../clinical-seal/SignatureStatus';
import { useFormatters } from '../../ui/format';
import { punctuationOf } from '../../ui/punctuation';
import { chartRecords, type ChartRecord } from './chartRecords';
import { diagnosisText } from './display';
import { usePatientEncounters } from './encounterRepository';
import { usePatientPrescriptions } from './hooks';
import { RevisionDiff } from './RevisionDiff';
import './clinicalHistory.css';

/** The class of a status badge: green signed, amber draft, orange notices, red voided. */
const badge = (tone: 'signed' | 'draft' | 'notice' | 'voided') => `clinical-badge clinical-badge-${tone}`;

/** The amendments of a record, worked out only when the reader opens them. */
function RevisionSection({ chain }: { chain: EncounterDoc[] }) {
  const { t } = useTranslation('encounters');
  const [open, setOpen] = useState(false);
  return (
    <details data-testid="revision-diff" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="clinical-muted" style={{ cursor: 'pointer' }}>
        {t('history.revisions', { count: chain.length - 1 })}
      </summary>
      {open && <RevisionDiff chain={chain} />}
    </details>
  );
}

interface RowProps {
  t: TFunction<['encounters', 'prescriptions']>;
  tAuth: TFunction<'auth'>;
  locale: string;
  dateTime(iso: string): string;
}

const EncounterRow = memo(function EncounterRow({
  record,
  t,
  tAuth,
  locale,
  dateTime,
}: RowProps & { record: ChartRecord }) {
  const e = record.latest;
  const marks = punctuationOf(t);
  const diagnoses = e.diagnoses.map((d) => diagnosisText(d, locale, t)).join(marks.clauses);
  return (
    <li data-testid="clinical-encounter" className="clinical-row">
      <Link to={`/encounters/${e.id}`}>
        <span>{dateTime(record.seenAt)}</span>
        <span className="clinical-gap">{t(`visitTypes.${e.visitType}`)}</span>
        <span className="clinical-gap">{diagnoses || t('history.noDiagnosis')}</span>
      </Link>
      <span className="clinical-gap clinical-muted">
        {e.doctorName}
        {isAddendum(e) && marks.aside(t('history.addendum', { name: writerNameOf(e) }))}
      </span>
      <span className={badge(e.status === 'signed' ? 'signed' : 'draft')}>
        {t(`statuses.${e.status}`)}
        {e.revisionNo > 1 && ` · ${t('revisions.revision', { n: e.revisionNo })}`}
      </span>
      <span className="clinical-gap">
        <ListedSealTag id={e.id} seal={e.seal} t={tAuth} dateTime={dateTime} />
      </span>
      {record.pendingAmendment && (
        <span className={badge('notice')} data-testid="clinical-pending-amendment">
          {t('history.pendingAmendment')}
        </span>
      )}
      {record.late && (
        <span
          className={badge('notice')}
          data-testid="clinical-late-signed"
          title={t('signing.lateSignedDetail', {
            visit: dateTime(record.late.visitAt),
            signed: dateTime(record.late.signedAt),
          })}
        >
          {t('signing.lateSigned')} · {dateTime(record.late.signedAt)}
        </span>
      )}
      {e.chiefComplaint && <div className="clinical-muted">{e.chiefComplaint}</div>}
      {record.chain.length > 1 && <RevisionSection chain={record.chain} />}
    </li>
  );
});

const PrescriptionRow = memo(function PrescriptionRow({
  slip,
  t,
  tAuth,
  dateTime,
}: RowProps & { slip: PrescriptionDoc }) {
  const status = slip.voided ? t('prescriptions:status.voided') : t(`prescriptions:status.${slip.status}`);
  return (
    <li data-testid="clinical-prescription" className="clinical-slip-row">
      <Link to={`/prescriptions/${slip.groupId}`}>
        <span>{slip.number || '—'}</span>
        <span className="clinical-gap">{t(`prescriptions:types.${slip.type}`)}</span>
        <span className="clinical-gap">{t('history.drugCount', { count: slip.items.length })}</span>
      </Link>
      <span className="clinical-gap clinical-muted">
        {dateTime(slip.createdAt)} · {slip.doctorName}
      </span>
      <span className={badge(slip.voided ? 'voided' : slip.status === 'signed' ? 'signed' : 'draft')}>
        {status}
      </span>
      <span className="clinical-gap">
        <ListedSealTag id={slip.id} seal={slip.seal} t={tAuth} dateTime={dateTime} />
      </span>
    </li>
  );
});

const noSlips: PrescriptionDoc[] = [];

/**
 * The clinical part of a patient's chart: consultation records, newest visit first, each at its
 * latest signed revision (marked when an amendment is still a draft, and 补签 with both times when
 * signed more than 24 h after the visit) with the differences its amendments made, and the
 * patient's prescription slips. Two queries in all, and the seals of each list checked in one
 * batch after it is on screen (each verification once per desk session), so a chart of hundreds of
 * visits opens at once.
 */
export function PatientClinicalHistory({ patient }: { patient: PatientDoc }) {
  const { t, i18n } = useTranslation(['encounters', 'prescriptions']);
  const { t: tAuth } = useTranslation('auth');
  const { dateTime } = useFormatters();
  const row = { t, tAuth, locale: i18n.language, dateTime };
  const { operator } = useOperator();
  const navigate = useNavigate();
  const encounters = usePatientEncounters(patient.id);
  const prescriptions = usePatientPrescriptions(patient.id);
  const records = useMemo(() => (encounters ? chartRecords(encounters) : undefined), [encounters]);
  const shown = useMemo(() => records?.map((r) => r.latest) ?? [], [records]);
  const encounterSeals = useSealStates(shown, encounterLockPolicy);
  const prescriptionSeals = useSealStates(prescriptions ?? noSlips, prescriptionLockPolicy);

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
        <SealStatesProvider value={encounterSeals}>
          <ul className="clinical-list">
            {records.map((r) => (
              <EncounterRow key={r.recordId} record={r} {...row} />
            ))}
          </ul>
        </SealStatesProvider>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('history.prescriptions')}
      </Typography.Title>
      {prescriptions === undefined ? (
        <Spin size="small" />
      ) : prescriptions.length === 0 ? (
        <Typography.Text type="secondary">{t('history.noPrescriptions')}</Typography.Text>
      ) : (
        <SealStatesProvider value={prescriptionSeals}>
          <ul className="clinical-list">
            {prescriptions.map((p) => (
              <PrescriptionRow key={p.id} slip={p} {...row} />
            ))}
          </ul>
        </SealStatesProvider>
      )}
    </Card>
  );
}
