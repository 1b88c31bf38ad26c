import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CarePlanDoc } from '../../../shared/carePlans/schema';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { useFormatters } from '../../ui/format';
import { useToday } from '../today/hooks';
import { maySignContracts, settleContracts, terminateContract } from './contractRepository';
import {
  activeContractsOf,
  byStartDesc,
  contractStatusOn,
  daysLeft,
  type ContractDisplayStatus,
} from './contractStatus';
import { usePatientContracts } from './hooks';
import { refusalText } from './refusal';

const statusColour: Record<ContractDisplayStatus, string> = {
  active: 'green',
  upcoming: 'blue',
  expired: 'default',
  renewed: 'cyan',
  terminated: 'red',
};

/** Days before its end from which a contract offers renewal (DOMAIN.md §4: renew at expiry). */
const renewWithinDays = 30;

/**
 * The resident's family doctor contracts on their page: the current one first, with its team,
 * term and status; signing, renewal, termination with a reason and the printable agreement for a
 * centre's doctor; and, when two desks signed one resident while apart, the choice of which to keep.
 */
export function ContractCard({ patientId }: { patientId: string }) {
  const { t } = useTranslation('contracts');
  const { operator } = useOperator();
  const session = useSession();
  const today = useToday();
  const { date } = useFormatters();
  const contracts = usePatientContracts(patientId);
  const [terminating, setTerminating] = useState<CarePlanDoc | null>(null);
  const mayWrite = maySignContracts(operator, session.organisation.kind);
  const sorted = useMemo(() => [...(contracts ?? [])].sort(byStartDesc), [contracts]);
  const active = useMemo(() => activeContractsOf(sorted, today), [sorted, today]);
  const byId = (id: string | null) => sorted.find((c) => c.id === id);

  return (
    <Card
      size="small"
      title={t('card.title')}
      data-testid="contract-card"
      loading={contracts === undefined}
      extra={
        mayWrite &&
        active.length === 0 && (
          <Link to={`/patients/${patientId}/contracts/new`}>
            <Button size="small" type="primary" data-testid="contract-sign">
              {t('card.sign')}
            </Button>
          </Link>
        )
      }
    >
      {active.length > 1 && <ContractCollision patientId={patientId} active={active} mayWrite={mayWrite} />}
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('card.none')} />
      ) : (
        <List
          dataSource={sorted}
          renderItem={(doc) => {
            const c = doc.contract!;
            const status = contractStatusOn(c, today);
            const left = daysLeft(c, today);
            const renewable =
              mayWrite && (status === 'expired' || (status === 'active' && left <= renewWithinDays));
            const renewal = sorted.find((o) => o.contract?.renewsContractId === doc.id);
            return (
              <List.Item
                data-testid="contract-item"
                data-status={status}
                actions={[
                  <Link key="print" to={`/contracts/${doc.id}/print`} data-testid="contract-print">
                    {t('card.print')}
                  </Link>,
                  ...(renewable && !renewal
                    ? [
                        <Link
                          key="renew"
                          to={`/patients/${patientId}/contracts/new?renews=${doc.id}`}
                          data-testid="contract-renew"
                        >
                          {t('card.renew')}
                        </Link>,
                      ]
                    : []),
                  ...(mayWrite && (status === 'active' || status === 'upcoming')
                    ? [
                        <Button
                          key="terminate"
                          type="link"
                          danger
                          size="small"
                          data-testid="contract-terminate"
                          onClick={() => setTerminating(doc)}
                        >
                          {t('card.terminate')}
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong data-testid="contract-agreement-no">
                      {c.agreementNo}
                    </Typography.Text>
                    <Tag color={statusColour[status]} data-testid="contract-status">
                      {t(`status.${status}`)}
                    </Tag>
                    {status === 'active' && left <= renewWithinDays && (
                      <Tag color="orange" data-testid="contract-expiring">
                        {left === 0 ? t('card.expiresToday') : t('card.expiresIn', { count: left })}
                      </Tag>
                    )}
                  </Space>
                  <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                    <Descriptions.Item label={t('fields.doctor')}>
                      <span data-testid="contract-team">
                        {t('card.team', { team: c.team.name, doctor: c.team.doctorName })}
                      </span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('fields.term')}>
                      <span data-testid="contract-term">
                        {t('card.term', { start: date(c.startDate), end: date(c.endDate) })}
                      </span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('fields.populationTypes')}>
                      {c.populationTypes.map((p) => t(`populationTypes.${p}`)).join(t('separator'))}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('fields.packages')}>
                      {c.packages.map((p) => p.name).join(t('separator'))}
                    </Descriptions.Item>
                  </Descriptions>
                  {renewal?.contract && (
                    <Typography.Text type="secondary">
                      {t('card.renewedBy', { agreementNo: renewal.contract.agreementNo })}
                    </Typography.Text>
                  )}
                  {c.status === 'terminated' && (
                    <Typography.Text type="secondary" data-testid="contract-termination">
                      {t('card.terminatedOn', {
                        date: c.terminatedAt ? date(c.terminatedAt.slice(0, 10)) : '',
                        reason: c.terminationReason,
                      })}
                    </Typography.Text>
                  )}
                  {c.renewsContractId && byId(c.renewsContractId)?.contract && (
                    <Typography.Text type="secondary">
                      {t('print.renews', { agreementNo: byId(c.renewsContractId)!.contract!.agreementNo })}
                    </Typography.Text>
                  )}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      <TerminateModal contract={terminating} onClose={() => setTerminating(null)} />
    </Card>
  );
}

/** Asks for the reason (required, said beside the field when missing) and terminates. */
function TerminateModal({ contract, onClose }: { contract: CarePlanDoc | null; onClose(): void }) {
  const { t } = useTranslation('contracts');
  const { t: tc } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const session = useSession();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = useId();

  const close = () => {
    setReason('');
    setError(null);
    setFailure(null);
    onClose();
  };

  const submit = async () => {
    if (!contract || busy) return;
    if (!reason.trim()) {
      setError(t('errors.reasonRequired'));
      // The cursor goes where the missing reason is said.
      document.getElementById(fieldId)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await terminateContract(db, operator, session.organisation.kind, contract.id, reason);
      if (result.ok) {
        void message.success(t('notices.terminated'));
        close();
      } else if (result.reason === 'reasonRequired') setError(t('errors.reasonRequired'));
      else setFailure(refusalText(result, t, tc));
    } catch (e) {
      logFailure('Contract not terminated', e);
      setFailure(t('errors.failed', { reason: saveFailureText(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={contract !== null}
      title={contract?.contract ? t('terminate.title', { agreementNo: contract.contract.agreementNo }) : ''}
      okText={t('terminate.ok')}
      cancelText={t('terminate.cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'contract-terminate-confirm' }}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('terminate.intro')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('fields.reason')}
          htmlFor={fieldId}
          required
          validateStatus={error ? 'error' : undefined}
          help={error ?? undefined}
        >
          <Input.TextArea
            id={fieldId}
            data-testid="contract-terminate-reason"
            autoFocus
            rows={3}
            maxLength={200}
            value={reason}
            placeholder={t('terminate.placeholder')}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setError(null);
            }}
          />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon title={failure} data-testid="contract-terminate-failure" />}
    </Modal>
  );
}

/**
 * Two (or more) active contracts for one resident, signed on desks that were apart: a person
 * chooses the one to keep and the others are terminated, naming it.
 */
function ContractCollision({
  patientId,
  active,
  mayWrite,
}: {
  patientId: string;
  active: CarePlanDoc[];
  mayWrite: boolean;
}) {
  const { t } = useTranslation('contracts');
  const { t: tc } = useTranslation('carePlans');
  const { db } = useServices();
  const { operator } = useOperator();
  const session = useSession();
  const { message } = App.useApp();
  const { date, dateTime } = useFormatters();
  const [busy, setBusy] = useState<string | null>(null);

  const keep = async (doc: CarePlanDoc) => {
    const agreementNo = doc.contract!.agreementNo;
    setBusy(doc.id);
    try {
      const result = await settleContracts(
        db,
        operator,
        session.organisation.kind,
        patientId,
        doc.id,
        t('collision.reason', { agreementNo }),
      );
      if (result.ok) void message.success(t('notices.settled', { agreementNo }));
      else void message.error(refusalText(result, t, tc));
    } catch (e) {
      logFailure('Contracts not settled', e);
      void message.error(t('errors.failed', { reason: saveFailureText(e) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Alert
      type="warning"
      showIcon
      data-testid="contract-collision"
      style={{ marginBottom: 12 }}
      title={t('collision.title')}
      description={
        <>
          <Typography.Paragraph>{t('collision.intro', { count: active.length })}</Typography.Paragraph>
          {active.map((doc) => (
            <Flex
              key={doc.id}
              gap="small"
              align="center"
              wrap
              style={{ marginBottom: 4 }}
              data-testid="contract-collision-row"
            >
              <Typography.Text strong>{doc.contract!.agreementNo}</Typography.Text>
              <Typography.Text>
                {t('card.team', { team: doc.contract!.team.name, doctor: doc.contract!.team.doctorName })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('card.term', { start: date(doc.contract!.startDate), end: date(doc.contract!.endDate) })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('collision.signedBy', { name: doc.createdByName, at: dateTime(doc.createdAt) })}
              </Typography.Text>
              {mayWrite && (
                <Button
                  size="small"
                  data-testid="contract-keep"
                  loading={busy === doc.id}
                  disabled={busy !== null && busy !== doc.id}
                  onClick={() => void keep(doc)}
                >
                  {t('collision.keep')}
                </Button>
              )}
            </Flex>
          ))}
        </>
      }
    />
  );
}
