/**
 * The panorama's trend charts drawn with echarts on canvas. This module (and echarts with it) is
 * loaded lazily by PanoramaView, so the desk's first screens do not carry the charting library.
 */
import { Card } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chartHeight, chartOption, type ChartLabels } from './chartOption';
import { init, type ECharts } from './echarts';
import type { PanoramaCharts, TrendChart } from './trends';

interface ChartProps {
  chart: TrendChart;
  tMin: number;
  tMax: number;
  labels: ChartLabels;
  title: string;
  onDrawn?: ((key: TrendChart['key']) => void) | undefined;
}

/**
 * One chart. The canvas is drawn at twice the screen's resolution at least, so it prints sharp;
 * `data-drawn` turns true once echarts reports the drawing finished.
 */
function EChart({ chart, tMin, tMax, labels, title, onDrawn }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const instance = useRef<ECharts | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = init(el, undefined, {
      renderer: 'canvas',
      devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
    });
    instance.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      instance.current = null;
    };
  }, []);

  useEffect(() => {
    const c = instance.current;
    if (!c) return;
    const finished = () => {
      c.off('finished', finished);
      setDrawn(true);
      onDrawn?.(chart.key);
    };
    c.on('finished', finished);
    c.setOption(chartOption(chart, tMin, tMax, labels), { notMerge: true });
    return () => {
      c.off('finished', finished);
    };
  }, [chart, tMin, tMax, labels, onDrawn]);

  return (
    <div
      ref={ref}
      className="panorama-chart"
      role="img"
      aria-label={title}
      data-testid={`panorama-chart-${chart.key}`}
      data-drawn={drawn ? 'true' : 'false'}
      style={{ height: chartHeight(chart) }}
    />
  );
}

export interface TrendChartsProps {
  charts: PanoramaCharts;
  labels: ChartLabels;
  /** Called once per chart when it is drawn (the benchmark waits for every chart). */
  onDrawn?: (key: TrendChart['key']) => void;
}

/** Every chart with data, each in its own card. */
export default function TrendCharts({ charts, labels, onDrawn }: TrendChartsProps) {
  const { t } = useTranslation('panorama');
  const { tMin, tMax } = charts;
  if (tMin === null || tMax === null) return null;
  return (
    <>
      {charts.charts.map((chart) => (
        <Card
          key={chart.key}
          size="small"
          title={t(`charts.${chart.key}`)}
          className="panorama-chart-card"
          data-testid="panorama-chart-card"
        >
          <EChart
            chart={chart}
            tMin={tMin}
            tMax={tMax}
            labels={labels}
            title={t(`charts.${chart.key}`)}
            onDrawn={onDrawn}
          />
        </Card>
      ))}
    </>
  );
}
