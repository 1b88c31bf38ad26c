import { describe, expect, it } from 'vitest';
import { sampleEnrolment } from '../../../shared/testing/carePlans';
import { sampleObservation } from '../../../shared/testing/observations';
import {
  buildPanorama,
  panoramaCharts,
  panoramaTimeline,
  timeOf,
  type PanoramaRecords,
} from './panoramaData';
import { followUpVisit, item, labResult, slip, visit } from './testRecords';
import type { TrendChart } from './trends';

const none: PanoramaRecords = { encounters: [], prescriptions: [], observations: [], carePlans: [] };
const ctx = { birthDate: '1970-05-01', today: '2026-12-07' };
const panel = (chart: TrendChart | undefined, key: string) => chart?.panels.find((p) => p.key === key);

describe('panoramaTimeline', () => {
  it('lists consultations, follow-ups, slips, results, measurements and enrolments, newest first', () => {
    const records: PanoramaRecords = {
      encounters: [
        visit('e1', '2026-01-05T01:00:00.000Z', { systolic: 150, diastolic: 95 }),
        followUpVisit(
          'e2',
          '2026-04-02T01:00:00.000Z',
          { systolic: 146, diastolic: 92 },
          { classification: 'unsatisfactory', nextStep: 'twoWeek', nextDate: '2026-04-16' },
        ),
      ],
      prescriptions: [slip('p1', 'e1', '2026-01-05T01:20:00.000Z')],
      observations: [
        labResult('o1', '2026-03-01', [item('wbc', 12.5, '10^9/L', 3.5, 9.5, 'high')]),
        sampleObservation({ id: 'o2', appointmentId: null, takenAt: '2026-02-10T03:00:00.000Z' }),
      ],
      carePlans: [sampleEnrolment({ enrolledOn: '2026-01-06' })],
    };
    const entries = panoramaTimeline(records);
    expect(entries.map((e) => e.kind)).toEqual([
      'followUp',
      'result',
      'measurement',
      'enrolment',
      'prescription',
      'consultation',
    ]);
    const followUp = entries[0]!;
    expect(followUp).toMatchObject({
      kind: 'followUp',
      programme: 'hypertension',
      classification: 'unsatisfactory',
      nextDate: '2026-04-16',
      bp: { systolic: 146, diastolic: 92 },
      href: '/encounters/e2',
    });
    expect(entries[1]).toMatchObject({ kind: 'result', flagged: 1, sourceName: '李秀梅', at: '2026-03-01' });
    expect(entries[4]).toMatchObject({
      kind: 'prescription',
      href: '/prescriptions/group-p1',
      voided: false,
    });
  });

  it('shows a record once, at its latest signed revision, and a triage only inside its consultation', () => {
    const triage = sampleObservation({ id: 'tri', takenAt: '2026-05-01T00:40:00.000Z' });
    const first = visit(
      'r1',
      '2026-05-01T01:00:00.000Z',
      { systolic: 150, diastolic: 90 },
      {
        triage: {
          observationId: 'tri',
          by: 'staff-nurse01',
          byName: '李秀梅',
          at: triage.takenAt,
          fields: [],
        },
      },
    );
    const amended = {
      ...first,
      id: 'r1b',
      revisionNo: 2,
      supersedes: 'r1',
      amendReason: '血压抄错',
      vitals: { ...first.vitals, systolic: 140 },
      createdAt: '2026-05-02T01:00:00.000Z',
    };
    const entries = panoramaTimeline({ ...none, encounters: [first, amended], observations: [triage] });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'consultation',
      href: '/encounters/r1b',
      bp: { systolic: 140 },
    });
  });

  it('puts a result entered on its test day after the visit it followed', () => {
    const seen = visit('v', '2026-03-01T01:00:00.000Z');
    const result = labResult('l', '2026-03-01', [item('hb', 130, 'g/L')]);
    // Tested that day, entered at 02:00 UTC: after the 01:00 visit.
    expect(
      panoramaTimeline({ ...none, encounters: [seen], observations: [result] }).map((e) => e.kind),
    ).toEqual(['result', 'consultation']);
    // Brought in a week later: on its test day, before a visit that day.
    const late = { ...result, takenAt: '2026-03-08T02:00:00.000Z' };
    expect(
      panoramaTimeline({ ...none, encounters: [seen], observations: [late] }).map((e) => e.kind),
    ).toEqual(['consultation', 'result']);
  });

  it('takes only the latest of a corrected observation', () => {
    const wrong = labResult('w', '2026-03-01', [item('hb', 80, 'g/L')]);
    const right = { ...labResult('r', '2026-03-01', [item('hb', 130, 'g/L')]), supersedes: 'w' };
    const entries = panoramaTimeline({ ...none, observations: [wrong, right] });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ items: [{ analyte: 'hb', value: 130 }] });
  });

  it('records leaving a programme as its own entry', () => {
    const left = sampleEnrolment({
      enrolledOn: '2026-01-01',
      status: 'left',
      leftOn: '2026-11-01',
      leftReason: 'moved',
    });
    expect(panoramaTimeline({ ...none, carePlans: [left] }).map((e) => e.key)).toEqual([
      `left-${left.id}`,
      `enrolled-${left.id}`,
    ]);
  });
});

describe('panoramaCharts', () => {
  it('draws nothing for a resident with no measurements', () => {
    expect(panoramaCharts(none, ctx)).toEqual({ charts: [], tMin: null, tMax: null });
  });

  it('charts BP from visits, follow-ups and measurements with the source of each reading', () => {
    const records: PanoramaRecords = {
      ...none,
      encounters: [
        visit('e1', '2026-01-05T01:00:00.000Z', { systolic: 150, diastolic: 95 }),
        followUpVisit('e2', '2026-04-02T01:00:00.000Z', { systolic: 132, diastolic: 84 }),
      ],
      observations: [
        sampleObservation({ id: 'o1', appointmentId: null, takenAt: '2026-02-10T03:00:00.000Z' }),
      ],
    };
    const { charts, tMin, tMax } = panoramaCharts(records, ctx);
    expect(charts.map((c) => c.key)).toEqual(['bp']);
    const [systolic, diastolic] = charts[0]!.panels[0]!.series;
    expect(systolic!.points.map((p) => [p.value, p.source.kind, p.source.name])).toEqual([
      [150, 'consultation', '张建国'],
      [152, 'measurement', '李秀梅'],
      [132, 'followUp', '张建国'],
    ]);
    expect(diastolic!.points.map((p) => p.value)).toEqual([95, 94, 84]);
    expect(tMin).toBe(Date.parse('2026-01-05T01:00:00.000Z'));
    expect(tMax).toBe(Date.parse('2026-04-02T01:00:00.000Z'));
  });

  it('bands BP below 140/90, and below 150/90 from the 65th birthday on', () => {
    const records = {
      ...none,
      encounters: [visit('e1', '2026-01-05T01:00:00.000Z', { systolic: 150, diastolic: 95 })],
    };
    const bands = (birthDate: string) =>
      panoramaCharts(records, { birthDate, today: '2026-12-07' }).charts[0]!.panels[0]!.series.map(
        (s) => s.band,
      );
    expect(bands('1961-12-08')).toEqual([
      { low: 90, high: 140, kind: 'target' },
      { low: 60, high: 90, kind: 'target' },
    ]);
    expect(bands('1961-12-07')).toEqual([
      { low: 90, high: 150, kind: 'target' },
      { low: 60, high: 90, kind: 'target' },
    ]);
    // A child's BP is judged by percentiles: no adult band.
    expect(bands('2016-01-01')).toEqual([null, null]);
  });

  it('marks each follow-up visit with its classification on BP, and on glucose for diabetes', () => {
    const records: PanoramaRecords = {
      ...none,
      encounters: [
        followUpVisit(
          'f1',
          '2026-01-05T01:00:00.000Z',
          { systolic: 152, diastolic: 96 },
          {
            classification: 'unsatisfactory',
          },
        ),
        followUpVisit(
          'f2',
          '2026-01-19T01:00:00.000Z',
          { systolic: 134, diastolic: 82 },
          {
            programme: 'diabetes',
            fbg: 6.4,
            classification: 'satisfactory',
          },
        ),
      ],
    };
    const { charts } = panoramaCharts(records, ctx);
    const bp = charts.find((c) => c.key === 'bp')!.panels[0]!;
    expect(bp.markers.map((m) => [m.value, m.classification])).toEqual([
      [152, 'unsatisfactory'],
      [134, 'satisfactory'],
    ]);
    const fbg = panel(
      charts.find((c) => c.key === 'glucose'),
      'fbg',
    )!;
    expect(fbg.markers.map((m) => [m.value, m.classification, m.programme])).toEqual([
      [6.4, 'satisfactory', 'diabetes'],
    ]);
    expect(fbg.series[0]!.band).toEqual({ low: 4.4, high: 7.0, kind: 'target' });
  });

  it('joins glucose and HbA1c from visits and results, converted to mmol/L', () => {
    const records: PanoramaRecords = {
      ...none,
      encounters: [
        visit('e1', '2026-01-05T01:00:00.000Z', { glucose: 8.1, glucoseKind: 'fasting' }),
        // A glucose after a meal is not a fasting glucose.
        visit('e2', '2026-01-06T01:00:00.000Z', { glucose: 11.2, glucoseKind: 'postprandial' }),
        followUpVisit(
          'f1',
          '2026-02-01T01:00:00.000Z',
          {},
          { fbg: 7.4, hba1c: 7.8, hba1cDate: '2026-01-28' },
        ),
      ],
      observations: [
        labResult('l1', '2026-03-01', [item('fbg', 126, 'mg/dL', 70, 110, 'high')], {
          panel: 'glucose',
          source: 'external',
          sourceName: '区第二人民医院',
        }),
      ],
    };
    const glucose = panoramaCharts(records, ctx).charts.find((c) => c.key === 'glucose')!;
    const fbg = panel(glucose, 'fbg')!.series[0]!;
    expect(fbg.unit).toBe('mmol/L');
    expect(fbg.points.map((p) => [p.value, p.source.kind])).toEqual([
      [8.1, 'consultation'],
      [7.4, 'followUp'],
      [7, 'labExternal'],
    ]);
    expect(fbg.points[2]!.source.name).toBe('区第二人民医院');
    const hba1c = panel(glucose, 'hba1c')!.series[0]!;
    expect(hba1c.points).toEqual([
      expect.objectContaining({ value: 7.8, at: '2026-01-28', t: timeOf('2026-01-28') }),
    ]);
    expect(hba1c.band).toEqual({ low: null, high: 7.0, kind: 'target' });
  });

  it('computes BMI with the latest height known, and bands it only for adults', () => {
    const records: PanoramaRecords = {
      ...none,
      encounters: [
        visit('e1', '2026-01-05T01:00:00.000Z', { weight: 80, height: 170 }),
        visit('e2', '2026-04-05T01:00:00.000Z', { weight: 76 }),
      ],
    };
    const body = panoramaCharts(records, ctx).charts.find((c) => c.key === 'body')!;
    expect(panel(body, 'weight')!.series[0]!.points.map((p) => p.value)).toEqual([80, 76]);
    const bmi = panel(body, 'bmi')!.series[0]!;
    expect(bmi.points.map((p) => p.value)).toEqual([27.7, 26.3]);
    expect(bmi.band).toEqual({ low: 18.5, high: 24, kind: 'reference' });
    const child = panoramaCharts(records, { birthDate: '2018-01-01', today: '2026-12-07' }).charts[0]!;
    expect(panel(child, 'bmi')!.series[0]!.points.map((p) => p.value)).toEqual([27.7]);
    expect(panel(child, 'bmi')!.series[0]!.band).toBeNull();
  });

  it('charts blood counts with the latest report’s reference range, in the canonical unit', () => {
    const records: PanoramaRecords = {
      ...none,
      observations: [
        labResult('l1', '2026-01-10', [
          item('wbc', 2.1, '10^9/L', 3.5, 9.5, 'low'),
          item('hb', 9.8, 'g/dL', 11.5, 15, 'low'),
        ]),
        labResult('l2', '2026-04-10', [item('wbc', 4.2, '10^9/L', 4, 10), item('plt', 180, '10^9/L')]),
      ],
    };
    const counts = panoramaCharts(records, ctx).charts.find((c) => c.key === 'bloodCount')!;
    expect(counts.panels.map((p) => p.key)).toEqual(['wbc', 'hb', 'plt']);
    expect(panel(counts, 'wbc')!.series[0]!.band).toEqual({ low: 4, high: 10, kind: 'reference' });
    const hb = panel(counts, 'hb')!.series[0]!;
    expect(hb.points[0]!.value).toBe(98);
    expect(hb.band).toEqual({ low: 115, high: 150, kind: 'reference' });
    // No range on the report: the analyte's default.
    expect(panel(counts, 'plt')!.series[0]!.band).toEqual({ low: 125, high: 350, kind: 'reference' });
  });

  it('sets each value axis to show its points and its band', () => {
    const records = {
      ...none,
      encounters: [visit('e1', '2026-01-05T01:00:00.000Z', { systolic: 182, diastolic: 100 })],
    };
    const bp = panoramaCharts(records, ctx).charts[0]!.panels[0]!;
    expect(bp.yMin).toBeLessThanOrEqual(60);
    expect(bp.yMax).toBeGreaterThanOrEqual(182);
  });
});

describe('buildPanorama', () => {
  it('names the programmes the resident is in now', () => {
    const panorama = buildPanorama(
      {
        ...none,
        carePlans: [
          sampleEnrolment({ programme: 'diabetes' }, { id: 'd' }),
          sampleEnrolment({ programme: 'hypertension' }, { id: 'h' }),
          sampleEnrolment({ programme: 'elderly', status: 'left', leftOn: '2026-02-01' }, { id: 'x' }),
        ],
      },
      ctx,
    );
    expect(panorama.programmes).toEqual(['hypertension', 'diabetes']);
    expect(panorama.timeline).toHaveLength(4);
  });

  it('opens five years of quarterly visits and results quickly', () => {
    const encounters = [];
    const observations = [];
    for (let q = 0; q < 20; q += 1) {
      const day = `${2022 + Math.floor(q / 4)}-${String((q % 4) * 3 + 1).padStart(2, '0')}-15`;
      encounters.push(
        followUpVisit(
          `f${q}`,
          `${day}T01:00:00.000Z`,
          { systolic: 130 + q, diastolic: 85, weight: 70 },
          {
            fbg: 6 + q / 10,
          },
        ),
      );
      observations.push(
        labResult(`l${q}`, day, [
          item('wbc', 5, '10^9/L'),
          item('hb', 130, 'g/L'),
          item('plt', 200, '10^9/L'),
        ]),
      );
    }
    const started = performance.now();
    const panorama = buildPanorama({ ...none, encounters, observations }, ctx);
    expect(performance.now() - started).toBeLessThan(100);
    expect(panorama.timeline).toHaveLength(40);
    expect(panorama.charts.map((c) => c.key)).toEqual(['bp', 'glucose', 'body', 'bloodCount']);
  });
});
