/**
 * The panorama's trend charts drawn with echarts on canvas. This module (and echarts with it) is
 * loaded lazily by PanoramaView, so the desk's first screens do not carry the charting library.
 */
import { Card } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chartHeight, chartOption, type ChartLabels } from './chartOption';
import { init, type ECharts, type EChartsCoreOption } from './echarts';
import type { PanoramaCharts, TrendChart } from './trends';

interface ChartProps {
  chart: TrendChart;
  tMin: number;
  tMax: number;
  labels: ChartLabels;
  title: string;
  onDrawn?: ((key: TrendChart['key']) => void) | undefined;
}

/** The canvas resolution a chart is printed at: sharp on paper, whatever the screen. */
const printPixelRatio = 2;
const screenPixelRatio = () => window.devicePixelRatio || 1;

/**
 * One chart, drawn once at the screen's resolution; when the page prints, it is drawn again at
 * twice the screen's resolution at least, so it prints sharp. `data-drawn` turns true once echarts
 * reports the drawing finished.
 */
function EChart({ chart, tMin, tMax, labels, title, onDrawn }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const instance = useRef<ECharts | null>(null);
  const option = useRef<EChartsCoreOption | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let c = init(el, undefined, { renderer: 'canvas', devicePixelRatio: screenPixelRatio() });
    instance.current = c;
    // The observer reports the size the chart was just drawn at first: only a change redraws it,
    // and not its removal from the page (no size at all) as the page closes.
    let size = `${el.clientWidth}x${el.clientHeight}`;
    const resize = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      if (now === size || !el.clientWidth || !el.clientHeight) return;
      size = now;
      c.resize({ width: 'auto', height: 'auto' });
    });
    resize.observe(el);
    // Printing redraws the canvas at the print resolution, synchronously, at the size it has on
    // screen (the sheet's layout then scales it); the chart then stays at that resolution.
    const sharpen = () => {
      if (c.getDevicePixelRatio() >= printPixelRatio || !option.current) return;
      const [width, height] = [c.getWidth(), c.getHeight()];
      c.dispose();
      c = init(el, undefined, { renderer: 'canvas', devicePixelRatio: printPixelRatio, width, height });
      instance.current = c;
      c.setOption(option.current, { notMerge: true });
    };
    const printing = window.matchMedia('print');
    const onMedia = (e: MediaQueryListEvent) => {
      if (e.matches) sharpen();
    };
    window.addEventListener('beforeprint', sharpen);
    printing.addEventListener('change', onMedia);
    return () => {
      window.removeEventListener('beforeprint', sharpen);
      printing.removeEventListener('change', onMedia);
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
    option.current = chartOption(chart, tMin, tMax, labels);
    c.setOption(option.current, { notMerge: true });
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
