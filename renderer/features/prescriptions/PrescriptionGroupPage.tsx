import { Alert, App, Button, Card, Flex, Modal, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AppInfo, Locale } from '../../../shared/ipc/contract';
import { useOperator, useServices } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { host } from '../../host';
import type { PageSizeName } from '../../print/pageSize';
import { PrintPreview, type PrintTarget } from '../../print/PrintPreview';
import { printTitle } from '../../print/printText';
import { usePrescriptionGroup } from './hooks';
import { recordPrint, signGroup } from './prescriptionRepository';
import { usePrintSettings } from './printSettings';
import { SlipCard } from './SlipCard';
import { toSlipView } from './toSlipView';

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
  const [signing, setSigning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<AppInfo['mode']>();

  useEffect(() => {
    void host.appInfo().then((info) => setMode(info.mode));
  }, []);

  const printable = useMemo(
    () => (slips ?? []).filter((slip) => slip.status === 'signed' && slip.voided === null),
    [slips],
  );
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
      void message.error(t('group.reasons.failed', { message: String(error) }));
    } finally {
      setBusy(false);
    }
  };

  const print = async (target: PrintTarget, pageSize: PageSizeName, language: Locale) => {
    const ids = printable.map((slip) => slip.id);
    try {
      const result = await host.printPage({ pageSize, target, title: printTitle(printable, language) });
      if (result.outcome === 'cancelled') return void message.info(t('group.printCancelled'));
      const recorded = await recordPrint(db, ids, operator, {
        pageSize,
        target: mode === 'web' ? 'browser' : target,
      });
      if (recorded.ok) void message.success(t('group.printed'));
      else void message.error(t(`group.reasons.${recorded.reason}`));
    } catch (error) {
      void message.error(
        t('group.printFailed', { message: error instanceof Error ? error.message : String(error) }),
      );
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
          <Link to={`/encounters/${slips[0]!.encounterId}`}>{t('group.back')}</Link>
        </Flex>
      </Flex>
      {slips.map((slip) => (
        <SlipCard key={slip.id} slip={slip} />
      ))}
      {drafts.length > 0 && <Alert type="info" showIcon title={t('group.draftHint')} />}
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
    </Space>
  );
}
