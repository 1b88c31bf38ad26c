import {
  Alert,
  Button,
  Card,
  Input,
  Modal,
  Result,
  Space,
  Spin,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { latestRevisions, revisionChain } from '../../../shared/clinical/revisions';
import {
  isAddendum,
  lateSignature,
  visitTimeOf,
  writerNameOf,
  writerOf,
} from '../../../shared/encounters/record';
import {
  encounterLockPolicy,
  encounterTextLimits,
  type EncounterDoc,
} from '../../../shared/encounters/schema';
import { adultCategoriesApply } from '../../../shared/encounters/vitals';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { SignatureStatus } from '../../clinical-seal/SignatureStatus';
import { recordAuditEvent } from '../../db/audit';
import { RecordSyncMark } from '../../sync/RecordSyncMark';
import { useFormatters } from '../../ui/format';
import { punctuationOf } from '../../ui/punctuation';
import { usePatient } from '../patients/hooks';
import { amendEncounter } from './encounterRepository';
import { EncounterEditor } from './EncounterEditor';
import { EncounterView } from './EncounterView';
import { FollowUpEditor } from '../followups/FollowUpEditor';
import { FollowUpView } from '../followups/FollowUpView';
import { StartFollowUpButton } from '../followups/StartFollowUpButton';
import { useEncounter, useRecordRevisions } from './hooks';
import { RecordPrescriptions } from './RecordPrescriptions';
import { RevisionDiff } from './RevisionDiff';

/** Revision number, and whether a later revision replaces this one or is being written. */
function revisionState(doc: EncounterDoc, revisions: readonly EncounterDoc[]) {
  const later = revisions.filter((r) => r.recordId === doc.recordId && r.revisionNo > doc.revisionNo);
  const latestSigned = latestRevisions(later, { signedOnly: true })[0];
  return {
    supersededBy: latestSigned?.revisionNo ?? null,
    pendingAmendment: later.some((r) => r.status === 'draft'),
  };
}

function AmendModal({ doc, open, onClose }: { doc: EncounterDoc; open: boolean; onClose(): void }) {
  const { t } = useTranslation('encounters');
  const { db } = useServices();
  const { operator } = useOperator();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (!reason.trim()) return setError(t('writeErrors.reasonRequired'));
    setBusy(true);
    try {
      const result = await amendEncounter(db, doc.id, reason, operator);
      if (!result.ok) return setError(t('page.amendFailed', { reason: t(`writeErrors.${result.reason}`) }));
      onClose();
      void navigate(`/encounters/${result.encounter.id}`);
    } catch (thrown) {
      // The database threw: the modal stays open with the reason as typed.
      logFailure('Amendment not started', thrown);
      setError(saveFailureText(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('revisions.amendTitle')}
      confirmLoading={busy}
      onOk={() => void confirm()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'enc-amend-confirm' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">{t('revisions.amendHint')}</Typography.Paragraph>
      <Input.TextArea
        data-testid="enc-amend-reason"
        value={reason}
        rows={3}
        maxLength={encounterTextLimits.amendReason}
        placeholder={t('revisions.amendReasonPlaceholder')}
        status={error ? 'error' : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
      />
      {error && (
        <Typography.Text type="danger" data-testid="enc-amend-error">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}

/**
 * One consultation record revision: the editor for the draft the reader writes, a read-only view
 * otherwise, with its status, visit time (kept across amendments) and the amendment's own time,
 * author and addendum doctor, signature (补签 when late), revisions and prescriptions; a signed
 * record can be amended and, when it is the current revision, prescribed from.
 */
export function EncounterPage() {
  const { t } = useTranslation('encounters');
  const { id } = useParams();
  const doc = useEncounter(id);
  const revisions = useRecordRevisions(doc?.recordId);
  const patient = usePatient(doc?.patientId);
  const { db } = useServices();
  const { operator } = useOperator();
  const { dateTime } = useFormatters();
  const navigate = useNavigate();
  const [amending, setAmending] = useState(false);

  // Opening a record is audited once per visit (who saw what).
  const docId = doc?.id;
  useEffect(() => {
    if (docId) void recordAuditEvent(db, operator, 'encounter.read', { collection: 'encounters', id: docId });
  }, [db, operator, docId]);

  if (doc === undefined) return <Spin />;
  if (doc === null) return <Result status="404" title={t('page.notFound')} />;

  const canWrite = can(operator.role, 'clinical.write');
  const editing = doc.status === 'draft' && writerOf(doc) === operator.id;
  const { supersededBy, pendingAmendment } = revisionState(doc, revisions);
  const isCurrentSigned = doc.status === 'signed' && supersededBy === null;
  const chain = revisionChain(revisions, doc.recordId);
  const visitAt = visitTimeOf(doc, chain);
  const late = lateSignature(chain.length ? chain : [doc]);
  const adult = adultCategoriesApply(patient?.birthDate, new Date(visitAt));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {patient ? <Link to={`/patients/${patient.id}`}>{patient.name}</Link> : t('title')}
        </Typography.Title>
        <Tag color={doc.status === 'signed' ? 'green' : 'gold'} data-testid="enc-status">
          {t(`statuses.${doc.status}`)} · {t('revisions.revision', { n: doc.revisionNo })}
          {supersededBy !== null && ` · ${t('revisions.superseded', { n: supersededBy })}`}
        </Tag>
        {pendingAmendment && <Tag color="orange">{t('revisions.pendingAmendment')}</Tag>}
        <RecordSyncMark collection="encounters" id={doc.id} />
        {doc.status === 'signed' && canWrite && supersededBy === null && (
          <Button data-testid="enc-amend" onClick={() => setAmending(true)}>
            {t('revisions.amend')}
          </Button>
        )}
        <StartFollowUpButton doc={doc} />
        {isCurrentSigned && canWrite && (
          <Button
            type="primary"
            data-testid="enc-prescribe"
            onClick={() => void navigate(`/encounters/${doc.id}/prescribe`)}
          >
            {t('page.prescribe')}
          </Button>
        )}
      </Space>
      <Space wrap separator="·">
        <Typography.Text>{t('page.doctor', { name: doc.doctorName })}</Typography.Text>
        {doc.department && (
          <Typography.Text>{t('page.department', { name: doc.department })}</Typography.Text>
        )}
        {isAddendum(doc) && (
          <Typography.Text data-testid="enc-addendum">
            {t('page.addendumBy', { name: writerNameOf(doc) })}
          </Typography.Text>
        )}
        <Typography.Text data-testid="enc-visit-at">
          {t('fields.visitAt')}
          {punctuationOf(t).colon}
          {dateTime(visitAt)}
        </Typography.Text>
        {doc.revisionNo > 1 && (
          <Typography.Text data-testid="enc-amended-at">
            {t('page.amendedAt', { time: dateTime(doc.createdAt) })}
          </Typography.Text>
        )}
        {doc.signature && (
          <Typography.Text data-testid="enc-signer">
            {t('signing.signedBy', { name: doc.signature.byName, time: dateTime(doc.signature.at) })}
          </Typography.Text>
        )}
        <SignatureStatus doc={doc} policy={encounterLockPolicy} />
        {late && (
          <Tag color="orange" data-testid="enc-late-signed">
            {t('signing.lateSignedDetail', {
              visit: dateTime(late.visitAt),
              signed: dateTime(late.signedAt),
            })}
          </Tag>
        )}
      </Space>
      {doc.revisionNo > 1 && (
        <Typography.Text type="secondary">
          {doc.supersedes ? (
            <Link to={`/encounters/${doc.supersedes}`}>
              {t('page.revisionOf', { n: doc.revisionNo - 1 })}
            </Link>
          ) : null}{' '}
          {t('page.amendReason', { reason: doc.amendReason })}
        </Typography.Text>
      )}
      {doc.status === 'draft' && !editing && (
        <Alert type="info" showIcon title={t('page.readOnlyDraft', { name: writerNameOf(doc) })} />
      )}
      {doc.kind === 'followUp' && doc.followUp ? (
        editing ? (
          <FollowUpEditor
            key={doc.id}
            doc={{ ...doc, followUp: doc.followUp }}
            patient={patient ?? null}
            adult={adult}
          />
        ) : (
          <FollowUpView doc={{ ...doc, followUp: doc.followUp }} />
        )
      ) : editing ? (
        <EncounterEditor key={doc.id} doc={doc} patient={patient ?? null} adult={adult} />
      ) : (
        <EncounterView doc={doc} adult={adult} />
      )}
      {(doc.status === 'signed' || chain.some((r) => r.status === 'signed')) && (
        <RecordPrescriptions chain={chain.length ? chain : [doc]} />
      )}
      {chain.length > 1 && (
        <Card size="small" title={t('revisions.history')}>
          <RevisionDiff chain={chain} />
        </Card>
      )}
      {amending && <AmendModal doc={doc} open={amending} onClose={() => setAmending(false)} />}
    </Space>
  );
}
