/**
 * The panorama's trend charts as plain data: BP, fasting glucose and HbA1c, weight and BMI, blood
 * counts and other results, each point with its date and source, the patient's target band (BP by
 * age, glucose per DOMAIN.md §3.8) or the laboratory's reference range, a value axis range that
 * shows them, and the follow-up visits' classifications as markers. Only charts and panels with
 * data are returned. ./chartOption.ts turns a chart into an echarts option.
 */
import type { Programme } from '../../../shared/carePlans/schema';
import type { Classification } from '../../../shared/encounters/followUp';
import type { Vitals } from '../../../shared/encounters/schema';
import { adultCategoriesApply, bmi as bmiOf } from '../../../shared/encounters/vitals';
import {
  analytes,
  isAnalyteCode,
  toCanonical,
  type AnalyteCode,
} from '../../../shared/observations/analytes';
import {
  dayTimeOf,
  fastingGlucoseOf,
  prepare,
  timeOf,
  type PanoramaContext,
  type PanoramaRecords,
  type Prepared,
} from './records';
import { bpTargetOn, fbgTarget } from './targets';

export type ChartKey = 'bp' | 'glucose' | 'body' | 'bloodCount' | 'otherResults';
export type SeriesKey = 'systolic' | 'diastolic' | 'weight' | 'bmi' | AnalyteCode;

/** Where a charted value comes from: what kind of record, and who (or which hospital). */
export interface PointSource {
  kind: 'consultation' | 'followUp' | 'triage' | 'measurement' | 'labHere' | 'labExternal';
  /** The doctor, nurse or recorder; for an external result, the other hospital. */
  name: string;
}

export interface TrendPoint {
  t: number;
  /** The date or time as recorded (YYYY-MM-DD or ISO 8601). */
  at: string;
  value: number;
  source: PointSource;
}

/** A band in the series' unit; an open bound reaches the axis edge. */
export interface Band {
  low: number | null;
  high: number | null;
  /** `target`: the patient's treatment target; `reference`: a normal or reference range. */
  kind: 'target' | 'reference';
}

export interface TrendSeries {
  key: SeriesKey;
  unit: string;
  /** Oldest first. */
  points: TrendPoint[];
  band: Band | null;
}

export interface ClassificationMarker {
  t: number;
  at: string;
  value: number;
  classification: Classification;
  programme: Programme;
  source: PointSource;
}

/** One plot with its own value axis; a chart stacks its panels over a shared time axis. */
export interface TrendPanel {
  key: string;
  series: TrendSeries[];
  markers: ClassificationMarker[];
  /** Value axis range covering the points, bands and markers, with a little room. */
  yMin: number;
  yMax: number;
}

export interface TrendChart {
  key: ChartKey;
  panels: TrendPanel[];
}

export interface PanoramaCharts {
  charts: TrendChart[];
  /** Time axis shared by every chart (so the charts line up), or null with nothing to draw. */
  tMin: number | null;
  tMax: number | null;
}

const chartPanels: Record<ChartKey, readonly (readonly SeriesKey[])[]> = {
  bp: [['systolic', 'diastolic']],
  glucose: [['fbg'], ['hba1c']],
  body: [['weight'], ['bmi']],
  bloodCount: [['wbc'], ['neut'], ['hb'], ['plt']],
  otherResults: [
    ['pg2h'],
    ['tc'],
    ['tg'],
    ['ldl'],
    ['hdl'],
    ['creatinine'],
    ['egfr'],
    ['alt'],
    ['ast'],
    ['tbil'],
    ['tacrolimus'],
    ['ciclosporin'],
  ],
};
export const chartKeys = Object.keys(chartPanels) as ChartKey[];

const units: Record<'systolic' | 'diastolic' | 'weight' | 'bmi', string> = {
  systolic: 'mmHg',
  diastolic: 'mmHg',
  weight: 'kg',
  bmi: 'kg/m²',
};
const unitOf = (key: SeriesKey): string =>
  key in units ? units[key as keyof typeof units] : analytes[key as AnalyteCode].canonicalUnit;

/** Fasting glucose control target (DOMAIN.md §3.8): 4.4–7.0 mmol/L; HbA1c < 7.0 %. */
const glucoseTarget: Band = { low: 4.4, high: fbgTarget, kind: 'target' };
const hba1cTarget: Band = { low: null, high: 7.0, kind: 'target' };
/** Adult BMI normal band in China (DOMAIN.md §3.1): 18.5–23.9. */
const bmiNormal: Band = { low: 18.5, high: 24, kind: 'reference' };
/**
 * The floor of the BP band: below 90/60 mmHg is hypotension, so a reading under the target but
 * this low is not "in range" either.
 */
const bpFloor = { systolic: 90, diastolic: 60 } as const;

/** Rounds `x` out to a step that suits the span, so the axis reads in whole steps. */
function niceRange(lo: number, hi: number): [number, number] {
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  }
  const span = hi - lo;
  const raw = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const min = Math.floor((lo - span * 0.05) / step) * step;
  const max = Math.ceil((hi + span * 0.05) / step) * step;
  // Values that cannot be negative keep a zero floor.
  return [lo >= 0 ? Math.max(0, min) : min, max];
}

/** Collects the charted points, one series per key. */
class SeriesBuilder {
  readonly points = new Map<SeriesKey, TrendPoint[]>();
  readonly refs = new Map<AnalyteCode, { t: number; low: number | null; high: number | null }>();
  readonly markers: { marker: ClassificationMarker; on: 'bp' | 'glucose' }[] = [];

  add(key: SeriesKey, at: string, t: number, value: number | null | undefined, source: PointSource) {
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    const list = this.points.get(key);
    const point = { t, at, value, source };
    if (list) list.push(point);
    else this.points.set(key, [point]);
  }
}

/** Heights seen, oldest first: an adult's BMI uses the latest height known at the visit. */
function heightAt(heights: readonly { t: number; height: number }[], t: number): number | null {
  let found: number | null = null;
  for (const h of heights) {
    if (h.t > t) break;
    found = h.height;
  }
  return found;
}

function vitalsPoints(
  b: SeriesBuilder,
  v: Vitals,
  at: string,
  t: number,
  source: PointSource,
  height: number | null,
) {
  if (v.systolic !== null && v.diastolic !== null) {
    b.add('systolic', at, t, v.systolic, source);
    b.add('diastolic', at, t, v.diastolic, source);
  }
  b.add('weight', at, t, v.weight, source);
  b.add('bmi', at, t, bmiOf(v.weight, v.height ?? height), source);
}

export function chartsOf(p: Prepared, ctx: PanoramaContext): PanoramaCharts {
  const b = new SeriesBuilder();
  const adult = adultCategoriesApply(ctx.birthDate || null, new Date(timeOf(ctx.today)));

  // Heights from every source, so a visit without a height still gets a BMI.
  const heights: { t: number; height: number }[] = [];
  for (const r of p.records)
    if (r.latest.vitals.height !== null)
      heights.push({ t: timeOf(r.seenAt), height: r.latest.vitals.height });
  for (const o of p.observations)
    if (o.kind === 'vitals' && o.vitals.height !== null)
      heights.push({ t: timeOf(o.takenAt), height: o.vitals.height });
  heights.sort((a, c) => a.t - c.t);
  const heightFor = (t: number) => (adult ? heightAt(heights, t) : null);

  for (const r of p.records) {
    const e = r.latest;
    const t = timeOf(r.seenAt);
    const followUp = e.kind === 'followUp' ? e.followUp : undefined;
    const source: PointSource = { kind: followUp ? 'followUp' : 'consultation', name: e.doctorName };
    vitalsPoints(b, e.vitals, r.seenAt, t, source, heightFor(t));
    const fbg = fastingGlucoseOf(e);
    b.add('fbg', r.seenAt, t, fbg, source);
    if (followUp && followUp.hba1c !== null) {
      const at = followUp.hba1cDate ?? r.seenAt;
      b.add('hba1c', at, timeOf(at), followUp.hba1c, source);
    }
    if (followUp) {
      const marker = (value: number): ClassificationMarker => ({
        t,
        at: r.seenAt,
        value,
        classification: followUp.classification,
        programme: followUp.programme,
        source,
      });
      if (e.vitals.systolic !== null) b.markers.push({ marker: marker(e.vitals.systolic), on: 'bp' });
      if (fbg !== null && followUp.programme === 'diabetes')
        b.markers.push({ marker: marker(fbg), on: 'glucose' });
    }
  }

  for (const o of p.observations) {
    if (o.kind === 'lab' && o.lab) {
      const at = o.lab.testedOn;
      const t = dayTimeOf(at, o.takenAt);
      const source: PointSource =
        o.lab.source === 'external'
          ? { kind: 'labExternal', name: o.lab.sourceName }
          : { kind: 'labHere', name: o.recordedByName };
      for (const item of o.lab.items) {
        if (!isAnalyteCode(item.analyte)) continue;
        const canonical = safeCanonical(item.analyte, item.value, item.unit);
        b.add(item.analyte, at, t, canonical, source);
        if (item.refLow === null && item.refHigh === null) continue;
        const seen = b.refs.get(item.analyte);
        if (seen && seen.t > t) continue;
        b.refs.set(item.analyte, {
          t,
          low: item.refLow === null ? null : safeCanonical(item.analyte, item.refLow, item.unit),
          high: item.refHigh === null ? null : safeCanonical(item.analyte, item.refHigh, item.unit),
        });
      }
    } else if (o.kind === 'vitals' && !p.adopted.has(o.id)) {
      const t = timeOf(o.takenAt);
      const source: PointSource = {
        kind: o.appointmentId ? 'triage' : 'measurement',
        name: o.recordedByName,
      };
      vitalsPoints(b, o.vitals, o.takenAt, t, source, heightFor(t));
      if (o.vitals.glucoseKind === 'fasting') b.add('fbg', o.takenAt, t, o.vitals.glucose, source);
    }
  }

  const target = bpTargetOn(ctx.birthDate, ctx.today);
  const bandOf = (key: SeriesKey): Band | null => {
    if (key === 'systolic')
      return target ? { low: bpFloor.systolic, high: target.systolic, kind: 'target' } : null;
    if (key === 'diastolic')
      return target ? { low: bpFloor.diastolic, high: target.diastolic, kind: 'target' } : null;
    if (key === 'fbg') return glucoseTarget;
    if (key === 'hba1c') return hba1cTarget;
    if (key === 'bmi') return adult ? bmiNormal : null;
    if (key === 'weight') return null;
    const ref = b.refs.get(key) ?? analytes[key].range;
    return ref.low === null && ref.high === null ? null : { low: ref.low, high: ref.high, kind: 'reference' };
  };

  let tMin = Infinity;
  let tMax = -Infinity;
  const charts: TrendChart[] = [];
  for (const key of chartKeys) {
    const panels: TrendPanel[] = [];
    for (const keys of chartPanels[key]) {
      const series: TrendSeries[] = [];
      for (const k of keys) {
        const points = b.points.get(k);
        if (!points?.length) continue;
        points.sort((a, c) => a.t - c.t);
        series.push({ key: k, unit: unitOf(k), points, band: bandOf(k) });
      }
      if (!series.length) continue;
      const on = key === 'bp' ? 'bp' : key === 'glucose' && keys[0] === 'fbg' ? 'glucose' : null;
      const markers = on
        ? b.markers
            .filter((m) => m.on === on)
            .map((m) => m.marker)
            .sort((x, y) => x.t - y.t)
        : [];
      let lo = Infinity;
      let hi = -Infinity;
      for (const s of series) {
        for (const pt of s.points) {
          lo = Math.min(lo, pt.value);
          hi = Math.max(hi, pt.value);
          tMin = Math.min(tMin, pt.t);
          tMax = Math.max(tMax, pt.t);
        }
        if (s.band && s.band.low !== null) lo = Math.min(lo, s.band.low);
        if (s.band && s.band.high !== null) hi = Math.max(hi, s.band.high);
      }
      const [yMin, yMax] = niceRange(lo, hi);
      panels.push({ key: keys.join('-'), series, markers, yMin, yMax });
    }
    if (panels.length) charts.push({ key, panels });
  }
  return charts.length ? { charts, tMin, tMax } : { charts, tMin: null, tMax: null };
}

/** A lab value in its analyte's canonical unit; the value as entered when the unit is unknown. */
function safeCanonical(analyte: AnalyteCode, value: number, unit: string): number {
  try {
    return toCanonical(analyte, value, unit);
  } catch {
    return value;
  }
}

/** The trend charts of the resident, with only the charts and panels that have data. */
export function panoramaCharts(input: PanoramaRecords, ctx: PanoramaContext): PanoramaCharts {
  return chartsOf(prepare(input), ctx);
}
