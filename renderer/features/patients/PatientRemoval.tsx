/**
 * Removing a resident and bringing one back: an admin's act with a required reason, done on the
 * platform (shared/patients/removal.ts), never by a sync push, so it needs the platform reachable.
 * The desk drops or regains the resident with its next pull or stream event, like every desk.
 *
 * - {@link RemovePatientButton} on a resident's profile, for roles holding `patient.delete`;
 * - {@link RemovedPatientsCard} on the resident list, where such a role restores one.
 */
import { Alert, Button, Card, Input, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '../../../shared/auth/roles';
import {
  maxRemovalReasonLength,
  removedPatientsResponseSchema,
  type RemovedPatient,
} from '../../../shared/patients/removal';
import { useSession } from '../../auth/SessionContext';
import { PlatformError, type PlatformClient } from '../../platform/client';
import { useFormatters } from '../../ui/format';

type Act = 'remove' | 'restore';

/** The translation key of a failed removal or restore. */
export function removalErrorKey(error: unknown): string {
  const code = error instanceof PlatformError ? error.code : '';
  const known: Record<string, string> = {
    'patient.notFound': 'removal.errors.notFound',
    'patient.alreadyRemoved': 'removal.errors.alreadyRemoved',
    'patient.notRemoved': 'removal.errors.notRemoved',
    'auth.forbidden': 'removal.errors.forbidden',
    'network.offline': 'removal.errors.offline',
  };
  return known[code] ?? 'removal.errors.failed';
}

const act = (client: PlatformClient, id: string, action: Act, reason: string) =>
  client.request(`/v1/admin/patients/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body: { reason },
  });

/** The dialog asking for the reason; `onDone` after the platform took it. */
function ReasonDialog({
  action,
  name,
  id,
  open,
  onClose,
  onDone,
}: {
  action: Act;
  name: string;
  id: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('patients');
  const { client } = useSession();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blank = reason.trim() === '';

  const submit = async () => {
    if (blank || busy) return;
    if (!client) return setError('removal.errors.offline');
    setBusy(true);
    setError(null);
    try {
      await act(client, id, action, reason.trim());
      setReason('');
      onDone();
    } catch (failure) {
      setError(removalErrorKey(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(`removal.${action}.title`, { name })}
      okText={t(`removal.${action}.confirm`)}
      cancelText={t('removal.cancel')}
      okButtonProps={{ disabled: blank, loading: busy, danger: action === 'remove', id: 'removal-confirm' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t(`removal.${action}.explain`)}</Typography.Paragraph>
        <label htmlFor="removal-reason">{t('removal.reason')}</label>
        <Input.TextArea
          id="removal-reason"
          data-testid="removal-reason"
          autoFocus
          required
          aria-required
          maxLength={maxRemovalReasonLength}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {blank && <Typography.Text type="secondary">{t('removal.reasonRequired')}</Typography.Text>}
        {error && <Alert type="error" showIcon title={t(error as never)} data-testid="removal-error" />}
      </Space>
    </Modal>
  );
}

/** "删除居民" on a resident's profile, for a role holding `patient.delete` (an admin). */
export function RemovePatientButton({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('patients');
  const { operator } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (!can(operator.role, 'patient.delete')) return null;
  return (
    <>
      <Button danger data-testid="patient-remove" onClick={() => setOpen(true)}>
        {t('removal.remove.button')}
      </Button>
      <ReasonDialog
        action="remove"
        id={id}
        name={name}
        open={open}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          void navigate('/patients');
        }}
      />
    </>
  );
}

/** The organisation's removed residents, each with a restore, for a role holding `patient.delete`. */
export function RemovedPatientsCard() {
  const { t } = useTranslation('patients');
  const { operator, client } = useSession();
  const { dateTime } = useFormatters();
  const allowed = can(operator.role, 'patient.delete');
  const [rows, setRows] = useState<RemovedPatient[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<RemovedPatient | null>(null);

  // Bumped after a restore, so the list is read again.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!allowed || !client) return undefined;
    let live = true;
    client.request('/v1/admin/patients/removed').then(
      (answer) => {
        if (!live) return;
        setRows(removedPatientsResponseSchema.parse(answer).patients);
        setFailed(null);
      },
      (error: unknown) => {
        if (live) setFailed(removalErrorKey(error));
      },
    );
    return () => {
      live = false;
    };
  }, [allowed, client, version]);

  if (!allowed) return null;
  return (
    <Card title={t('removal.list.title')} size="small" data-testid="removed-patients">
      {(failed ?? (client ? null : 'removal.errors.offline')) && (
        <Alert type="warning" showIcon title={t((failed ?? 'removal.errors.offline') as never)} />
      )}
      <Table<RemovedPatient>
        rowKey="id"
        size="small"
        pagination={false}
        loading={rows === null && !failed && client !== null}
        dataSource={rows ?? []}
        locale={{ emptyText: t('removal.list.empty') }}
        columns={[
          { title: t('fields.name'), dataIndex: 'name' },
          {
            title: t('fields.outpatientNo'),
            dataIndex: 'outpatientNo',
            render: (no: string | null) => no ?? '',
          },
          {
            title: t('removal.list.removedAt'),
            dataIndex: 'removedAt',
            render: (at: string) => (at ? dateTime(at) : ''),
          },
          { title: t('removal.reason'), dataIndex: 'reason' },
          {
            title: '',
            key: 'restore',
            render: (_: unknown, row) => (
              <Button size="small" data-testid="patient-restore" onClick={() => setRestoring(row)}>
                {t('removal.restore.button')}
              </Button>
            ),
          },
        ]}
      />
      {restoring && (
        <ReasonDialog
          action="restore"
          id={restoring.id}
          name={restoring.name}
          open
          onClose={() => setRestoring(null)}
          onDone={() => {
            setRestoring(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </Card>
  );
}
