import { describe, expect, it } from 'vitest';
import { chartHeight, chartOption, tooltipHtml, type ChartLabels } from './chartOption';
import { panoramaCharts, type PanoramaRecords } from './panoramaData';
import { followUpVisit, item, labResult } from './testRecords';

const labels: ChartLabels = {
  series: (key) => ({ systolic: '收缩压', diastolic: '舒张压' })[key as string] ?? key,
  source: (s) => `${s.kind}:${s.name}`,
  classification: (c) => ({ satisfactory: '控制满意', unsatisfactory: '控制不满意' })[c as string] ?? c,
  when: (at) => `when(${at})`,
  tick: (t) => String(t),
  band: (kind) => kind,
  sourceLine: (text) => `来源：${text}`,
  classificationLine: (text) => `随访分类：${text}`,
};

const records: PanoramaRecords = {
  encounters: [
    followUpVisit(
      'f1',
      '2026-01-05T01:00:00.000Z',
      { systolic: 152, diastolic: 96 },
      { classification: 'unsatisfactory' },
    ),
    followUpVisit('f2', '2026-01-19T01:00:00.000Z', { systolic: 134, diastolic: 82 }),
  ],
  prescriptions: [],
  observations: [],
  carePlans: [],
};
const ctx = { birthDate: '1970-05-01', today: '2026-12-07' };

describe('chartOption', () => {
  const { charts, tMin, tMax } = panoramaCharts(records, ctx);
  const bp = charts[0]!;
  const option = chartOption(bp, tMin!, tMax!, labels) as {
    series: {
      type: string;
      name: string;
      data: { value: [number, number] }[];
      markArea?: { data: unknown };
    }[];
    animation: boolean;
    xAxis: { min: number; max: number }[];
  };

  it('draws systolic and diastolic lines with the target band, and a diamond per classification', () => {
    expect(option.animation).toBe(false);
    expect(option.series.map((s) => [s.type, s.name])).toEqual([
      ['line', '收缩压'],
      ['line', '舒张压'],
      ['scatter', '控制满意'],
      ['scatter', '控制不满意'],
    ]);
    expect(option.series[0]!.data.map((d) => d.value[1])).toEqual([152, 134]);
    expect(option.series[0]!.markArea!.data).toEqual([[{ name: 'target', yAxis: 90 }, { yAxis: 140 }]]);
    expect(option.series[1]!.markArea!.data).toEqual([[{ name: 'target', yAxis: 60 }, { yAxis: 90 }]]);
    expect(option.series[3]!.data.map((d) => d.value)).toEqual([
      [Date.parse('2026-01-05T01:00:00.000Z'), 152],
    ]);
  });

  it('keeps the first and last reading off the edge of the time axis', () => {
    expect(option.xAxis[0]!.min).toBeLessThan(tMin!);
    expect(option.xAxis[0]!.max).toBeGreaterThan(tMax!);
  });

  it('stacks one grid per panel and sizes the canvas for them', () => {
    const counts = panoramaCharts(
      {
        ...records,
        encounters: [],
        observations: [labResult('l', '2026-01-10', [item('wbc', 5, '10^9/L'), item('hb', 130, 'g/L')])],
      },
      ctx,
    ).charts[0]!;
    const o = chartOption(counts, 0, 1, labels) as { grid: { top: number }[] };
    expect(o.grid).toHaveLength(2);
    expect(chartHeight(counts)).toBeGreaterThan(o.grid[1]!.top);
    expect(chartHeight(bp)).toBeGreaterThan(200);
  });
});

describe('tooltipHtml', () => {
  it('shows each value with its date and source once per reading, names escaped', () => {
    const source = { kind: 'followUp' as const, name: '张<b>建国' };
    const html = tooltipHtml(
      [
        {
          seriesName: '收缩压',
          marker: '',
          data: { value: [1, 152], at: '2026-01-05', source, unit: 'mmHg' },
        },
        {
          seriesName: '舒张压',
          marker: '',
          data: { value: [1, 96], at: '2026-01-05', source, unit: 'mmHg' },
        },
        {
          seriesName: '控制不满意',
          marker: '',
          data: { value: [1, 152], at: '2026-01-05', source, classification: 'unsatisfactory' },
        },
      ],
      labels,
    );
    expect(html).toContain('when(2026-01-05)');
    expect(html).toContain('收缩压 <b>152</b> mmHg');
    expect(html).toContain('舒张压 <b>96</b> mmHg');
    expect(html).toContain('随访分类：控制不满意');
    expect(html.match(/来源：/g)).toHaveLength(1);
    expect(html).toContain('来源：followUp:张&lt;b&gt;建国');
  });
});
