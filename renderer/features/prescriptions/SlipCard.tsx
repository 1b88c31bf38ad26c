import { Alert, App, Button, Card, Flex, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Locale } from '../../../shared/ipc/contract';
import {
  prescriptionLockPolicy,
  prescriptionTextLimits,
  type PrescriptionDoc,
} from '../../../shared/prescriptions/schema';
import { useOperator, useServices } from '../../app/services';
import { saveFailureText } from '../../app/failure';
import { mayVoid } from '../../../shared/sync/clinicalRecords';
import { printCounts } from '../../../shared/prescriptions/prints';
import { SignatureStatus } from '../../clinical-seal/SignatureStatus';
import { RecordSyncMark } from '../../sync/RecordSyncMark';
import { useFormatters } from '../../ui/format';
import { voidSlip } from './prescriptionRepository';
import { toSlipView, usageText } from './toSlipView';

/**
 * One slip of a group as a card: number, type, status, its consultation, lines with what the
 * pharmacist must see (over-dose, allergy override, off-formulary class), the reason for a longer
 * supply, void state, prints; void action. `revised`: the consultation's diagnoses were amended
 * after the slip was written.
 */
export function SlipCard({ slip, revised = false }: { slip: PrescriptionDoc; revised?: boolean }) {
  const { t, i18n } = useTranslation('prescriptions');
  const { db } = useServices();
  const { operator } = useOperator();
  const { message } = App.useApp();
  const { dateTime } = useFormatters();
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [busy, setBusy] = useState(false);
  const lng: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const voidable = slip.voided === null && mayVoid(slip, { staffId: operator.id, role: operator.role });
  // The same words the printed slip carries, in the interface language.
  const view = toSlipView(slip, '', lng);

  const confirmVoid = async () => {
    if (!reason.trim()) return setReasonError(true);
    setBusy(true);
    try {
      const result = await voidSlip(db, slip.id, reason, operator);
      if (result.ok) {
        setVoiding(false);
        setReason('');
        void message.success(t('group.voidedDone'));
      } else void message.error(t(`group.reasons.${result.reason}`));
    } catch (error) {
      void message.error(t('group.reasons.failed', { message: saveFailureText(error) }));
    } finally {
      setBusy(false);
    }
  };

  const status = slip.voided ? (
    <Tag color="red" data-testid="rx-status">
      {t('status.voided')}
    </Tag>
  ) : (
    <Tag color={slip.status === 'signed' ? 'green' : 'gold'} data-testid="rx-status">
      {t(`status.${slip.status}`)}
    </Tag>
  );

  return (
    <Card
      size="small"
      data-testid="rx-slip"
      title={
        <Flex gap="small" align="center" wrap>
          <span>{t('group.slipTitle', { index: slip.slipIndex, total: slip.slipCount })}</span>
          <Typography.Text type="secondary">{t('group.number', { number: slip.number })}</Typography.Text>
          {slip.type !== 'ordinary' && <Tag color="blue">{t(`types.${slip.type}`)}</Tag>}
          {status}
          {revised && slip.voided === null && (
            <Tag color="red" data-testid="rx-slip-revised">
              {t('group.revisedTag')}
            </Tag>
          )}
          <Link to={`/encounters/${slip.encounterId}`} data-testid="rx-slip-encounter">
            {t('group.consultation')}
          </Link>
          <RecordSyncMark collection="prescriptions" id={slip.id} />
          <SignatureStatus doc={slip} policy={prescriptionLockPolicy} />
        </Flex>
      }
      extra={
        voidable && (
          <Button size="small" danger data-testid="rx-void" onClick={() => setVoiding(true)}>
            {t('group.void')}
          </Button>
        )
      }
    >
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {slip.items.map((item, i) => (
          <li key={i}>
            <Typography.Text strong>{lng === 'en' ? item.generic.en : item.generic.zh}</Typography.Text>{' '}
            {t(`forms.${item.form}`)} {item.strength} ×{' '}
            {t('slip.quantity', {
              amount: item.quantity,
              unit: t(`units.${item.unit}`, { count: item.quantity }),
            })}
            <div>
              <Typography.Text type="secondary">{usageText(item, lng)}</Typography.Text>
            </div>
            {view.items[i]?.overdoseReason && (
              <div data-testid="rx-slip-overdose">
                <Typography.Text type="warning">
                  {t('group.overdose', { reason: view.items[i]!.overdoseReason })}
                </Typography.Text>
              </div>
            )}
            {view.items[i]?.allergyOverride && (
              <div data-testid="rx-slip-allergy">
                <Typography.Text type="danger">
                  {t('group.allergyOverride', view.items[i]!.allergyOverride)}
                </Typography.Text>
              </div>
            )}
            {view.items[i]?.classification && (
              <div>
                <Typography.Text type="secondary">
                  {t('group.classification', { text: view.items[i]!.classification })}
                </Typography.Text>
              </div>
            )}
          </li>
        ))}
      </ol>
      {view.reason && (
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 8, marginBottom: 0 }}
          data-testid="rx-slip-reason"
        >
          {t(view.reason.kind === 'psychotropic2' ? 'group.psychotropic2Reason' : 'group.longReason', {
            reason: view.reason.text,
          })}
        </Typography.Paragraph>
      )}
      {slip.voided && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          title={t('group.voidedBy', {
            reason: slip.voided.reason,
            by: slip.voided.byName,
            at: dateTime(slip.voided.at),
          })}
        />
      )}
      <PrintLog prints={slip.prints} />
      <Modal
        open={voiding}
        title={t('group.voidTitle', { number: slip.number })}
        okText={t('group.voidOk')}
        cancelText={t('group.cancel')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'rx-void-confirm' }}
        onOk={() => void confirmVoid()}
        onCancel={() => setVoiding(false)}
        destroyOnHidden
      >
        <Input.TextArea
          data-testid="rx-void-reason"
          aria-label={t('group.voidReason')}
          placeholder={t('group.voidReason')}
          maxLength={prescriptionTextLimits.voidReason}
          status={reasonError ? 'error' : undefined}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setReasonError(false);
          }}
        />
        {reasonError && <Typography.Text type="danger">{t('group.reasons.reasonRequired')}</Typography.Text>}
      </Modal>
    </Card>
  );
}

/**
 * How often the slip was printed on paper ("not printed yet" until a print is confirmed), and
 * the PDFs older desks logged among its prints, shown as the exports they were.
 */
function PrintLog({ prints }: { prints: PrescriptionDoc['prints'] }) {
  const { t } = useTranslation('prescriptions');
  const { printed, exported } = printCounts(prints);
  return (
    <Flex gap="small" wrap>
      <Typography.Text type="secondary" data-testid="rx-print-count">
        {printed === 0 ? t('printing.unprinted') : t('group.printCount', { count: printed })}
      </Typography.Text>
      {exported > 0 && (
        <Typography.Text type="secondary" data-testid="rx-export-count">
          {t('printing.exportCount', { count: exported })}
        </Typography.Text>
      )}
    </Flex>
  );
}
