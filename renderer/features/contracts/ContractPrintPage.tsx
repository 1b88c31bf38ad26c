import { Alert, App, Button, Card, Flex, Result, Spin, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { paperTargetOf, printRecordFor } from '../../../shared/prescriptions/prints';
import { useOperator, useServices } from '../../app/services';
import { useSession } from '../../auth/SessionContext';
import { host } from '../../host';
import { pageCss, paperOf } from '../../print/pageSize';
import { useFormatters } from '../../ui/format';
import { fieldText } from '../patients/display';
import { usePatient } from '../patients/hooks';
import { usePrintedQuestion } from '../prescriptions/usePrintedQuestion';
import { ContractAgreement } from './ContractAgreement';
import { recordContractPrint } from './contractRepository';
import { useContract, useContractPrints } from './hooks';

/**
 * `/contracts/:id/print`: the agreement as it prints on A4, with the Print button. Printing goes
 * through the desk's print path (the host's `printPage`; in a browser, its print dialog), and
 * only the print area comes out. As for a prescription, a print counts only when it came out:
 * the host reported it, or the person answered 已打印 to 是否已打印出来？ after a browser's
 * dialog. Each counted print is audited (`carePlan.print`), and the page shows how many there were.
 */
export function ContractPrintPage() {
  const { t } = useTranslation('contracts');
  const { t: tp } = useTranslation(['patients', 'common']);
  const { id } = useParams();
  const doc = useContract(id);
  const renewed = useContract(doc?.contract?.renewsContractId ?? undefined);
  const patient = usePatient(doc?.patientId);
  const session = useSession();
  const { operator } = useOperator();
  const { db } = useServices();
  const { message } = App.useApp();
  const { date, dateTime } = useFormatters();
  const prints = useContractPrints(doc);
  const askPrinted = usePrintedQuestion({ title: t('print.confirmTitle'), content: t('print.confirmText') });

  if (!can(operator.role, 'clinical.read')) return <Result status="403" title={t('errors.forbidden')} />;
  if (doc === undefined || (doc && patient === undefined)) return <Spin />;
  if (!doc?.contract || !patient) return <Result status="warning" title={t('errors.notFound')} />;
  const contract = doc.contract;
  const showIds = can(operator.role, 'patient.viewIdentifiers');
  const paper = paperOf('A4');
  const areaStyle = {
    '--rx-page-w': `${paper.widthMm}mm`,
    '--rx-page-h': `${paper.heightMm}mm`,
  } as CSSProperties;

  const print = async () => {
    try {
      await document.fonts.ready;
      const result = await host.printPage({
        pageSize: 'A4',
        target: 'printer',
        title: `${t('print.title')} ${contract.agreementNo}`,
      });
      const record = printRecordFor('printer', result.outcome);
      if (record === 'nothing') return void message.info(t('notices.printCancelled'));
      if (record === 'ask' && !(await askPrinted())) return void message.info(t('notices.notRecorded'));
      const recorded = await recordContractPrint(db, operator, doc.id, {
        pageSize: 'A4',
        target: paperTargetOf(result.outcome),
      });
      if (recorded.ok) void message.success(t('notices.printed'));
      else void message.error(t(`errors.${recorded.reason}` as 'errors.notFound'));
    } catch (error) {
      void message.error(
        t('notices.printFailed', { message: error instanceof Error ? error.message : String(error) }),
      );
    }
  };

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('print.pageTitle')}
        </Typography.Title>
        <Flex gap="middle" align="center">
          {prints && (
            <Tag
              color={prints.count > 0 ? 'success' : 'default'}
              data-testid="contract-print-state"
              data-count={prints.count}
            >
              {prints.count > 0
                ? t('print.printedTimes', { count: prints.count, at: dateTime(prints.lastAt!) })
                : t('print.unprinted')}
            </Tag>
          )}
          <Button type="primary" data-testid="contract-print-button" onClick={() => void print()}>
            {t('print.print')}
          </Button>
          <Link to={`/patients/${patient.id}`} data-testid="contract-print-back">
            {t('print.back')}
          </Link>
        </Flex>
      </Flex>
      {contract.status === 'terminated' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('status.terminated')} />
      )}
      <div className="rx-print-area" style={areaStyle}>
        <style>{pageCss('A4')}</style>
        <ContractAgreement
          contract={contract}
          institution={session.organisation.name}
          resident={{
            name: patient.name,
            idNumber: fieldText('idNumber', patient.idNumber, tp, showIds),
            address: fieldText('address', patient.address, tp, showIds),
            phone: fieldText('mobile', patient.mobile, tp, showIds),
          }}
          renewsAgreementNo={renewed?.contract?.agreementNo ?? null}
          t={t}
          formatDate={date}
        />
      </div>
    </Card>
  );
}
