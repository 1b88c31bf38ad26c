import { Alert, App, Button, Card, Flex, Modal, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Locale } from '../../../shared/ipc/contract';
import { paperTargetOf, printRecordFor } from '../../../shared/prescriptions/prints';
import { useOperator, useServices } from '../../app/services';
import { saveFailureText } from '../../app/failure';
import { useReauth } from '../../auth/reauth';
import { useSession } from '../../auth/SessionContext';
import { host } from '../../host';
import type { PageSizeName } from '../../print/pageSize';
import { PrintPreview, type PrintTarget } from '../../print/PrintPreview';
import { printTitle } from '../../print/printText';
import { usePrescriptionGroup, useSlipConsultation } from './hooks';
import type { ReissueState } from './PrescribePage';
import { printableSlips, reissueDraft } from './printable';
import { recordExport, recordPrint, signGroup, voidSlip } from './prescriptionRepository';
import { usePrintSettings } from './printSettings';
import { SlipCard } from './SlipCard';
import { toSlipView } from './toSlipView';
import { usePrintedQuestion } from './usePrintedQuestion';

/** The slips written together: review, sign, print (each print recorded) and void. */
export function PrescriptionGroupPage() {
  const { groupId } = useParams();
  const { t } = useTranslation('prescriptions');
  const { db } = useServices();
  const { operator } = useOperator();
  const session = useSession();
  const { message } = App.useApp();
  const settings = usePrintSettings();
  const slips = usePrescriptionGroup(groupId);
  const consultation = useSlipConsultation(slips?.[0]?.encounterId);
  const revised = consultation?.revised ?? false;
  const navigate = useNavigate();
  const reauth = useReauth();
  const askPrinted = usePrintedQuestion();
  const [reissuing, setReissuing] = useState(false);
  const [signing, setSigning] = useState(false);
  const [busy, setBusy] = useState(false);

  const { slips: printable, blocked } = useMemo(() => printableSlips(slips ?? [], revised), [slips, revised]);
  const institution = session.organisation.name;
  const views = useCallback(
    (language: Locale) => printable.map((slip) => toSlipView(slip, institution, language)),
    [printable, institution],
  );

  if (slips === undefined) return <Typography.Text>{t('group.loading')}</Typography.Text>;
  if (slips.length === 0) return <Alert type="error" title={t('group.notFound')} />;

  const drafts = slips.filter((slip) => slip.status === 'draft' && slip.voided === null);
  const maySign = drafts.length > 0 && drafts.every((slip) => slip.doctorId === operator.id);

  const sign = async () => {
    setBusy(true);
    try {
      const result = await signGroup(db, slips[0]!.groupId, operator);
      if (result.ok) {
        setSigning(false);
        void message.success(t('group.signed'));
      } else void message.error(t(`group.reasons.${result.reason}`));
    } catch (error) {
      void message.error(t('group.reasons.failed', { message: saveFailureText(error) }));
    } finally {
      setBusy(false);
    }
  };

  /**
   * The diagnosis was amended after the slips were written: void the live slips (the doctor's
   * own), then open the builder on the latest revision with the same lines, to check and sign again.
   */
  const voidAndReissue = async () => {
    const latest = consultation?.latest;
    if (!latest) return;
    const confirmed = await reauth({ purpose: 'void' });
    if (!confirmed) return;
    setBusy(true);
    try {
      const draft = reissueDraft(slips);
      for (const slip of slips.filter((s) => s.voided === null)) {
        const result = await voidSlip(db, slip.id, t('group.revisedVoidReason'), operator);
        if (!result.ok) return void message.error(t(`group.reasons.${result.reason}`));
      }
      setReissuing(false);
      const state: ReissueState = { reissue: draft };
      void navigate(`/encounters/${latest.id}/prescribe`, { state });
    } catch (error) {
      void message.error(t('group.reasons.failed', { message: saveFailureText(error) }));
    } finally {
      setBusy(false);
    }
  };
  const mayReissue = slips.every((slip) => slip.voided !== null || slip.doctorId === operator.id);

  /** A host's print error in words; Electron prefixes a handler's error code with its channel. */
  const printFailureText = (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    const code = /print\.(failed|writeFailed)\b/.exec(text)?.[1] as 'failed' | 'writeFailed' | undefined;
    return code ? t(`printing.errors.${code}`) : text;
  };

  /**
   * Prints or saves a PDF, then records what happened (shared/prescriptions/prints.ts): a print
   * only when the host reported one or the person confirms the slips came out of a browser's
   * dialog; a PDF as an export; nothing after a cancel.
   */
  const print = async (target: PrintTarget, pageSize: PageSizeName, language: Locale) => {
    const ids = printable.map((slip) => slip.id);
    try {
      const result = await host.printPage({ pageSize, target, title: printTitle(printable, language) });
      const record = printRecordFor(target, result.outcome);
      if (record === 'nothing') return void message.info(t('group.printCancelled'));
      if (record === 'export') {
        const exported = await recordExport(db, ids, operator, {
          pageSize,
          confirmed: result.outcome === 'saved',
        });
        if (exported.ok) void message.success(t('printing.exported'));
        else void message.error(t(`group.reasons.${exported.reason}`));
        return;
      }
      if (record === 'ask' && !(await askPrinted())) return void message.info(t('printing.notRecorded'));
      const recorded = await recordPrint(db, ids, operator, {
        pageSize,
        target: paperTargetOf(result.outcome),
      });
      if (recorded.ok) void message.success(t('group.printed'));
      else void message.error(t(`group.reasons.${recorded.reason}`));
    } catch (error) {
      void message.error(t('group.printFailed', { message: printFailureText(error) }));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('group.title')}
        </Typography.Title>
        <Flex gap="middle" align="center">
          {maySign && (
            <Button type="primary" data-testid="rx-sign" onClick={() => setSigning(true)}>
              {t('group.sign')}
            </Button>
          )}
          <Link to={`/encounters/${slips[0]!.encounterId}`} data-testid="rx-encounter-link">
            {t('group.back')}
          </Link>
        </Flex>
      </Flex>
      {revised && slips.some((slip) => slip.voided === null) && (
        <Alert
          type="error"
          showIcon
          data-testid="rx-diagnosis-revised"
          title={t('group.revisedTitle')}
          description={t('group.revisedText', { diagnosis: slips[0]!.diagnosis })}
          action={
            mayReissue && (
              <Button danger data-testid="rx-reissue" onClick={() => setReissuing(true)}>
                {t('group.reissue')}
              </Button>
            )
          }
        />
      )}
      {slips.map((slip) => (
        <SlipCard key={slip.id} slip={slip} revised={revised} />
      ))}
      {drafts.length > 0 && <Alert type="info" showIcon title={t('group.draftHint')} />}
      {blocked && (
        <Alert
          type="warning"
          showIcon
          data-testid="rx-print-blocked"
          title={t(`group.printBlocked.${blocked}`)}
        />
      )}
      {printable.length > 0 && (
        <Card>
          <PrintPreview
            slips={views}
            defaultLanguage={settings.language}
            defaultPageSize={settings.pageSize}
            onPrint={print}
          />
        </Card>
      )}
      <Modal
        open={signing}
        title={t('group.signTitle')}
        okText={t('group.signOk')}
        cancelText={t('group.cancel')}
        okButtonProps={{ loading: busy, 'data-testid': 'rx-sign-confirm' }}
        onOk={() => void sign()}
        onCancel={() => setSigning(false)}
      >
        {t('group.signContent', { count: drafts.length })}
      </Modal>
      <Modal
        open={reissuing}
        title={t('group.reissueTitle')}
        okText={t('group.reissueOk')}
        cancelText={t('group.cancel')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'rx-reissue-confirm' }}
        onOk={() => void voidAndReissue()}
        onCancel={() => setReissuing(false)}
      >
        {t('group.reissueContent')}
      </Modal>
    </Space>
  );
}
