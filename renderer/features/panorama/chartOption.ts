/**
 * A panorama trend chart (./trends.ts) as an echarts option: one grid per panel stacked over a
 * time axis shared by every chart, lines with their points, the target or reference band shaded
 * behind them, and the follow-up visits' classifications as coloured diamonds. Hovering shows
 * each value with its date and source. Pure: the words come in through {@link ChartLabels}.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Classification } from '../../../shared/encounters/followUp';
import type { Band, ClassificationMarker, PointSource, SeriesKey, TrendChart, TrendPoint } from './trends';

export interface ChartLabels {
  series(key: SeriesKey): string;
  source(source: PointSource): string;
  classification(value: Classification): string;
  /** The date (or date and time) a value was recorded. */
  when(at: string): string;
  /** A tick of the time axis, on an axis spanning `spanMs`. */
  tick(t: number, spanMs: number): string;
  band(kind: Band['kind']): string;
  /** "来源：…" around a source's words. */
  sourceLine(text: string): string;
  /** "随访分类：…" around a classification's words. */
  classificationLine(text: string): string;
}

export const seriesColours: Record<string, string> = {
  systolic: '#cf1322',
  diastolic: '#1677ff',
  fbg: '#d46b08',
  hba1c: '#7cb305',
  weight: '#08979c',
  bmi: '#531dab',
  wbc: '#1677ff',
  neut: '#13c2c2',
  hb: '#cf1322',
  plt: '#722ed1',
};
const otherColour = '#0e7c66';

export const classificationColours: Record<Classification, string> = {
  satisfactory: '#389e0d',
  unsatisfactory: '#d48806',
  adverseReaction: '#9254de',
  complication: '#a8071a',
};
const classificationOrder: readonly Classification[] = [
  'satisfactory',
  'unsatisfactory',
  'adverseReaction',
  'complication',
];

const top = 36;
const gap = 44;
const bottom = 28;
/** Plot height of one panel: a chart of one panel gets more room than one of several. */
const panelHeight = (panels: number) => (panels === 1 ? 220 : 120);

/** The height in pixels the chart's canvas needs for its panels. */
export function chartHeight(chart: TrendChart): number {
  const n = chart.panels.length;
  return top + n * panelHeight(n) + (n - 1) * gap + bottom;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** What each plotted value carries for the tooltip. */
interface PointDatum {
  value: [number, number];
  at: string;
  source: PointSource;
  unit?: string;
  classification?: Classification;
}

interface TooltipParam {
  seriesName?: string;
  marker?: unknown;
  data?: PointDatum;
}

const formatValue = (value: number) => String(Math.round(value * 100) / 100);

/**
 * The tooltip's text for the values under the pointer: grouped by when and where they were
 * recorded (a BP reading shows once with both values), every name escaped.
 */
export function tooltipHtml(params: readonly TooltipParam[], labels: ChartLabels): string {
  const groups = new Map<string, { at: string; source: PointSource; lines: string[] }>();
  for (const p of params) {
    const d = p.data;
    if (!d) continue;
    const key = `${d.at}|${d.source.kind}|${d.source.name}`;
    let group = groups.get(key);
    if (!group) {
      group = { at: d.at, source: d.source, lines: [] };
      groups.set(key, group);
    }
    const marker = typeof p.marker === 'string' ? p.marker : '';
    if (d.classification)
      group.lines.push(
        `${marker}${escapeHtml(labels.classificationLine(labels.classification(d.classification)))}`,
      );
    else
      group.lines.push(
        `${marker}${escapeHtml(p.seriesName ?? '')} <b>${formatValue(d.value[1])}</b> ${escapeHtml(d.unit ?? '')}`,
      );
  }
  return [...groups.values()]
    .map(
      (g) =>
        `<div class="panorama-tip-group"><div><b>${escapeHtml(labels.when(g.at))}</b></div>${g.lines
          .map((l) => `<div>${l}</div>`)
          .join('')}<div class="panorama-tip-source">${escapeHtml(
          labels.sourceLine(labels.source(g.source)),
        )}</div></div>`,
    )
    .join('');
}

const pointDatum = (p: TrendPoint, unit: string): PointDatum => ({
  value: [p.t, p.value],
  at: p.at,
  source: p.source,
  unit,
});

const markerDatum = (m: ClassificationMarker): PointDatum => ({
  value: [m.t, m.value],
  at: m.at,
  source: m.source,
  classification: m.classification,
});

/** Pads the shared time range so the first and last points are not on the plot's edge. */
function timeRange(tMin: number, tMax: number): [number, number] {
  const day = 86_400_000;
  const pad = Math.max((tMax - tMin) * 0.03, 3 * day);
  return [tMin - pad, tMax + pad];
}

/**
 * The echarts option of `chart`, over the time range `tMin`–`tMax` shared by every chart.
 * Animation is off: the chart is drawn at once (and reports `finished` once drawn).
 */
export function chartOption(
  chart: TrendChart,
  tMin: number,
  tMax: number,
  labels: ChartLabels,
): EChartsCoreOption {
  const n = chart.panels.length;
  const h = panelHeight(n);
  const [xMin, xMax] = timeRange(tMin, tMax);
  // The panels sit where they are placed: no second layout pass fitting them around their labels.
  const grid = chart.panels.map((_, i) => ({
    left: 64,
    right: 28,
    top: top + i * (h + gap),
    height: h,
    outerBoundsMode: 'none',
  }));
  const xAxis = chart.panels.map((_, i) => ({
    type: 'time',
    gridIndex: i,
    min: xMin,
    max: xMax,
    axisLabel: { formatter: (t: number) => labels.tick(t, xMax - xMin), hideOverlap: true },
    splitLine: { show: false },
  }));
  const yAxis = chart.panels.map((panel, i) => ({
    type: 'value',
    gridIndex: i,
    min: panel.yMin,
    max: panel.yMax,
    name: panel.series.map((s) => `${labels.series(s.key)} (${s.unit})`).join(' / '),
    nameLocation: 'end',
    nameGap: 8,
    nameTextStyle: { align: 'left', color: '#595959' },
    splitLine: { lineStyle: { color: '#f0f0f0' } },
  }));
  const series: Record<string, unknown>[] = [];
  const legend: string[] = [];
  chart.panels.forEach((panel, i) => {
    for (const s of panel.series) {
      const name = labels.series(s.key);
      const colour = seriesColours[s.key] ?? otherColour;
      legend.push(name);
      series.push({
        type: 'line',
        name,
        xAxisIndex: i,
        yAxisIndex: i,
        data: s.points.map((p) => pointDatum(p, s.unit)),
        symbol: 'circle',
        symbolSize: 6,
        showSymbol: true,
        lineStyle: { width: 2, color: colour },
        itemStyle: { color: colour },
        markArea: s.band
          ? {
              silent: true,
              itemStyle: { color: colour, opacity: s.band.kind === 'target' ? 0.08 : 0.06 },
              label: { show: false },
              data: [
                [
                  { name: labels.band(s.band.kind), yAxis: s.band.low ?? panel.yMin },
                  { yAxis: s.band.high ?? panel.yMax },
                ],
              ],
            }
          : undefined,
      });
    }
    for (const c of classificationOrder) {
      const marks = panel.markers.filter((m) => m.classification === c);
      if (!marks.length) continue;
      const name = labels.classification(c);
      if (!legend.includes(name)) legend.push(name);
      series.push({
        type: 'scatter',
        name,
        xAxisIndex: i,
        yAxisIndex: i,
        data: marks.map(markerDatum),
        symbol: 'diamond',
        symbolSize: 14,
        itemStyle: { color: classificationColours[c], borderColor: '#fff', borderWidth: 1 },
        z: 5,
      });
    }
  });
  return {
    animation: false,
    grid,
    xAxis,
    yAxis,
    series,
    legend: { top: 0, data: legend },
    tooltip: {
      trigger: 'axis',
      confine: true,
      className: 'panorama-tooltip',
      axisPointer: { type: 'line' },
      formatter: (params: unknown) =>
        tooltipHtml((Array.isArray(params) ? params : [params]) as TooltipParam[], labels),
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
  };
}
