/**
 * The patient panorama (全景视图) of one resident: who they are and the programmes they are in,
 * the trend charts, and the timeline of every record. It takes the records as props, so the
 * route (PanoramaPage) and the benchmark mount the same screen; the charts load lazily with
 * echarts. Printing keeps only this view (./panorama.css).
 */
import { Button, Card, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PatientDoc } from '../../../shared/patients/schema';
import { pageCss } from '../../print/pageSize';
import { useFormatters } from '../../ui/format';
import { useChartLabels } from './chartLabels';
import { PanoramaTimeline } from './PanoramaTimeline';
import { buildPanorama, type PanoramaRecords } from './panoramaData';
import type { TrendChart } from './trends';
import './panorama.css';

const TrendCharts = lazy(() => import('./TrendCharts'));

export interface PanoramaViewProps {
  patient: PatientDoc;
  records: PanoramaRecords;
  /** Today, YYYY-MM-DD: targets follow the resident's age on it. */
  today: string;
  /** Prints the page; no print button without it. */
  onPrint?: (() => void) | undefined;
  /** Who prints, for the printed footer line. */
  printedBy?: string;
  /** Called once per chart when it is drawn. */
  onChartDrawn?: (key: TrendChart['key']) => void;
}

export function PanoramaView({
  patient,
  records,
  today,
  onPrint,
  printedBy,
  onChartDrawn,
}: PanoramaViewProps) {
  const { t } = useTranslation(['panorama', 'patients']);
  const { age, dateTime } = useFormatters();
  const labels = useChartLabels();
  const panorama = useMemo(
    () => buildPanorama(records, { birthDate: patient.birthDate, today }),
    [records, patient.birthDate, today],
  );
  return (
    <div className="panorama-print-area" data-testid="panorama">
      <style>{pageCss('A4')}</style>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space align="center" wrap className="panorama-head">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="panorama-title">
            {t('panorama:title')}
          </Typography.Title>
          <Typography.Text strong>
            {t('panorama:subtitle', {
              name: patient.name,
              sex: t(`patients:sex.${patient.sex}`),
              age: age(patient.birthDate),
            })}
          </Typography.Text>
          <span data-testid="panorama-programmes">
            {panorama.programmes.length === 0 ? (
              <Typography.Text type="secondary">{t('panorama:noEnrolment')}</Typography.Text>
            ) : (
              panorama.programmes.map((p) => (
                <Tag key={p} color="green">
                  {t(`panorama:programmes.${p}`)}
                </Tag>
              ))
            )}
          </span>
          <Space className="panorama-no-print">
            <Link to={`/patients/${patient.id}`}>
              <Button>{t('panorama:back')}</Button>
            </Link>
            {onPrint && (
              <Button onClick={onPrint} data-testid="panorama-print">
                {t('panorama:print')}
              </Button>
            )}
          </Space>
        </Space>
        <Card size="small" title={t('panorama:charts.title')} data-testid="panorama-charts">
          {panorama.charts.length === 0 ? (
            <Typography.Text type="secondary" data-testid="panorama-charts-empty">
              {t('panorama:charts.empty')}
            </Typography.Text>
          ) : (
            <Suspense fallback={<Spin description={t('panorama:charts.loading')} />}>
              <div className="panorama-charts">
                <TrendCharts charts={panorama} labels={labels} onDrawn={onChartDrawn} />
              </div>
            </Suspense>
          )}
        </Card>
        <PanoramaTimeline entries={panorama.timeline} />
        {printedBy && (
          <Typography.Text type="secondary" className="panorama-print-only">
            {t('panorama:printedAt', { at: dateTime(new Date().toISOString()), by: printedBy })}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}
