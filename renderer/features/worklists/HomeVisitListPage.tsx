import { App, Button, Card, Flex, Spin, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import { useOperator, useServices } from '../../app/services';
import { host } from '../../host';
import '../../print/print.css';
import { pageCss, paperOf } from '../../print/pageSize';
import { useFormatters } from '../../ui/format';
import { fieldText } from '../patients/display';
import { usePrintedQuestion } from '../prescriptions/usePrintedQuestion';
import { useQueueDirectory } from '../today/queueDirectory';
import './homeVisit.css';
import { printHomeVisitList } from './homeVisitPrint';
import { useWorklistData, useWorklists } from './hooks';
import { isListKey, worklistRows, type ListKey } from './rows';
import { useRowWording } from './wording';

/**
 * `/worklists/print?list=<list>&doctor=<staff id>`: a list as a home-visit sheet (name, address,
 * phone, what is due, and room to tick and note), printed through the desk's print path: after a
 * browser's dialog the desk asks 是否已打印出来？ and records the print only on 已打印.
 */
export function HomeVisitListPage() {
  const { t } = useTranslation('worklists');
  const { t: tp } = useTranslation(['patients', 'common']);
  const [search] = useSearchParams();
  const listParam = search.get('list');
  const list: ListKey = isListKey(listParam) ? listParam : 'dueThisWeek';
  const doctorId = search.get('doctor') || null;
  const { operator } = useOperator();
  const { db } = useServices();
  const { message } = App.useApp();
  const askPrinted = usePrintedQuestion({ title: t('print.confirmTitle'), content: t('print.confirmText') });
  const { date } = useFormatters();
  const directory = useQueueDirectory();
  const data = useWorklistData();
  const worklists = useWorklists(data, doctorId);
  const wording = useRowWording();
  const showIds = can(operator.role, 'patient.viewIdentifiers');

  if (!data || !worklists) return <Spin />;
  const rows = worklistRows(worklists, list, data.today);
  const scope = doctorId ? (directory.doctors.find((d) => d.id === doctorId)?.name ?? '') : t('centre');
  const title = t('print.title', { list: t(`lists.${list}`) });
  const paper = paperOf('A4');
  const areaStyle = {
    '--rx-page-w': `${paper.widthMm}mm`,
    '--rx-page-h': `${paper.heightMm}mm`,
  } as CSSProperties;

  const print = async () => {
    try {
      await document.fonts.ready;
      const outcome = await printHomeVisitList(
        db,
        operator,
        { list, doctorId, rows: rows.length, title },
        { printPage: (options) => host.printPage(options), askPrinted },
      );
      if (outcome === 'cancelled') void message.info(t('notices.printCancelled'));
      else if (outcome === 'notRecorded') void message.info(t('notices.printNotRecorded'));
      else void message.success(t('notices.printed'));
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
          <Button type="primary" data-testid="home-visit-print" onClick={() => void print()}>
            {t('print.print')}
          </Button>
          <Link to={`/worklists?${search.toString()}`}>{t('print.back')}</Link>
        </Flex>
      </Flex>
      <div className="rx-print-area" style={areaStyle}>
        <style>{pageCss('A4')}</style>
        <section className="home-visit-sheet" data-testid="home-visit-list">
          <h1>{title}</h1>
          <p>
            {t('print.subtitle', { scope, date: date(data.today) })} ·{' '}
            {t('print.count', { count: rows.length })}
          </p>
          <table>
            <thead>
              <tr>
                <th>{t('columns.name')}</th>
                <th>{t('columns.address')}</th>
                <th>{t('columns.phone')}</th>
                <th>{t('columns.programme')}</th>
                <th>{t('columns.due')}</th>
                <th>{t('print.done')}</th>
                <th>{t('print.note')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const p = data.patients.get(row.patientId);
                return (
                  <tr key={row.key} data-testid="home-visit-row">
                    <td>{p?.name ?? ''}</td>
                    <td>{p ? fieldText('address', p.address, tp, showIds) : ''}</td>
                    <td>{p ? fieldText('mobile', p.mobile, tp, showIds) : ''}</td>
                    <td>{wording.programme(row)}</td>
                    <td>{wording.due(row)}</td>
                    <td className="tick">□</td>
                    <td className="note" />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </Card>
  );
}
