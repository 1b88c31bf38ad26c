/**
 * The panorama's timeline: one entry per record, newest first, as plain data (codes and names; the
 * screen words them). Each kind of record reaches it through one adapter of
 * {@link timelineAdapters}: a new kind of record (referrals) adds an adapter and an entry kind.
 */
import type { CarePlanDoc, Programme } from '../../../shared/carePlans/schema';
import type { Classification, FollowUpMethod, NextStep } from '../../../shared/encounters/followUp';
import type { EncounterDiagnosis, Vitals } from '../../../shared/encounters/schema';
import {
  isAnalyteCode,
  type AnalyteCode,
  type LabFlag,
  type PanelCode,
} from '../../../shared/observations/analytes';
import type { PrescriptionType } from '../../../shared/prescriptions/vocabulary';
import { dayTimeOf, fastingGlucoseOf, prepare, timeOf, type PanoramaRecords, type Prepared } from './records';

export type TimelineKind =
  'consultation' | 'followUp' | 'prescription' | 'result' | 'measurement' | 'enrolment';
export const timelineKinds: readonly TimelineKind[] = [
  'consultation',
  'followUp',
  'prescription',
  'result',
  'measurement',
  'enrolment',
];

interface EntryBase {
  /** Unique among the entries (React key, test id suffix). */
  key: string;
  /** When it happened: an ISO time, or a YYYY-MM-DD date for dated facts (results, enrolments). */
  at: string;
  /** {@link at} in milliseconds, the sort key. */
  t: number;
  /** The screen that shows the record, or null. */
  href: string | null;
}

export interface BpReading {
  systolic: number;
  diastolic: number;
}

export interface ConsultationEntry extends EntryBase {
  kind: 'consultation';
  doctorName: string;
  diagnoses: EncounterDiagnosis[];
  chiefComplaint: string;
  signed: boolean;
  bp: BpReading | null;
}

export interface FollowUpEntry extends EntryBase {
  kind: 'followUp';
  doctorName: string;
  programme: Programme;
  method: FollowUpMethod;
  classification: Classification;
  nextStep: NextStep;
  nextDate: string;
  urgent: boolean;
  signed: boolean;
  bp: BpReading | null;
  fbg: number | null;
}

export interface PrescriptionEntry extends EntryBase {
  kind: 'prescription';
  doctorName: string;
  number: string;
  type: PrescriptionType;
  /** Generic names of the drugs, both languages. */
  drugs: { zh: string; en: string }[];
  signed: boolean;
  voided: boolean;
}

export interface ResultEntry extends EntryBase {
  kind: 'result';
  panel: PanelCode;
  items: { analyte: AnalyteCode; value: number; unit: string; flag: LabFlag | null }[];
  flagged: number;
  source: 'here' | 'external';
  /** The other hospital for an external result, the recorder for one done here. */
  sourceName: string;
}

export interface MeasurementEntry extends EntryBase {
  kind: 'measurement';
  recordedByName: string;
  atTriage: boolean;
  vitals: Vitals;
}

export interface EnrolmentEntry extends EntryBase {
  kind: 'enrolment';
  programme: Programme;
  event: 'enrolled' | 'left';
}

export type TimelineEntry =
  ConsultationEntry | FollowUpEntry | PrescriptionEntry | ResultEntry | MeasurementEntry | EnrolmentEntry;

const bpOf = (v: Vitals): BpReading | null =>
  v.systolic !== null && v.diastolic !== null ? { systolic: v.systolic, diastolic: v.diastolic } : null;

type Adapter = (p: Prepared) => TimelineEntry[];

/** One adapter per kind of record, each giving that record's entries. */
export const timelineAdapters: readonly Adapter[] = [
  ({ records }) =>
    records.map((r): TimelineEntry => {
      const e = r.latest;
      const base = {
        key: `encounter-${r.recordId}`,
        at: r.seenAt,
        t: timeOf(r.seenAt),
        href: `/encounters/${e.id}`,
        doctorName: e.doctorName,
        signed: e.status === 'signed',
        bp: bpOf(e.vitals),
      };
      if (e.kind === 'followUp' && e.followUp) {
        const f = e.followUp;
        return {
          ...base,
          kind: 'followUp',
          programme: f.programme,
          method: f.method,
          classification: f.classification,
          nextStep: f.nextStep,
          nextDate: f.nextDate,
          urgent: f.urgentTriggers.length > 0 || f.nextStep === 'urgentReferral',
          fbg: fastingGlucoseOf(e),
        };
      }
      return { ...base, kind: 'consultation', diagnoses: e.diagnoses, chiefComplaint: e.chiefComplaint };
    }),
  ({ prescriptions }) =>
    prescriptions.map((p): PrescriptionEntry => ({
      key: `prescription-${p.id}`,
      kind: 'prescription',
      at: p.createdAt,
      t: timeOf(p.createdAt),
      href: `/prescriptions/${p.groupId}`,
      doctorName: p.doctorName,
      number: p.number,
      type: p.type,
      drugs: p.items.map((i) => ({ zh: i.generic.zh, en: i.generic.en })),
      signed: p.status === 'signed',
      voided: p.voided !== null,
    })),
  ({ observations, adopted }) =>
    observations.flatMap((o): TimelineEntry[] => {
      if (o.kind === 'lab' && o.lab) {
        const items = o.lab.items
          .filter((i) => isAnalyteCode(i.analyte))
          .map((i) => ({ analyte: i.analyte, value: i.value, unit: i.unit, flag: i.flag }));
        return [
          {
            key: `result-${o.id}`,
            kind: 'result',
            at: o.lab.testedOn,
            t: dayTimeOf(o.lab.testedOn, o.takenAt),
            href: null,
            panel: o.lab.panel,
            items,
            flagged: items.filter((i) => i.flag !== null).length,
            source: o.lab.source,
            sourceName: o.lab.source === 'external' ? o.lab.sourceName : o.recordedByName,
          },
        ];
      }
      if (o.kind !== 'vitals' || adopted.has(o.id)) return [];
      return [
        {
          key: `measurement-${o.id}`,
          kind: 'measurement',
          at: o.takenAt,
          t: timeOf(o.takenAt),
          href: null,
          recordedByName: o.recordedByName,
          atTriage: o.appointmentId !== null,
          vitals: o.vitals,
        },
      ];
    }),
  ({ carePlans }) =>
    carePlans.flatMap((c): EnrolmentEntry[] => {
      if (c.kind !== 'enrolment' || !c.enrolment) return [];
      const { programme, enrolledOn, status, leftOn } = c.enrolment;
      const entries: EnrolmentEntry[] = [
        {
          key: `enrolled-${c.id}`,
          kind: 'enrolment',
          at: enrolledOn,
          t: dayTimeOf(enrolledOn, c.createdAt),
          href: null,
          programme,
          event: 'enrolled',
        },
      ];
      if (status === 'left' && leftOn)
        entries.push({
          key: `left-${c.id}`,
          kind: 'enrolment',
          at: leftOn,
          t: dayTimeOf(leftOn, c.updatedAt),
          href: null,
          programme,
          event: 'left',
        });
      return entries;
    }),
];

const newestFirst = (a: { t: number; key: string }, b: { t: number; key: string }) =>
  b.t - a.t || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function timelineOf(p: Prepared): TimelineEntry[] {
  return timelineAdapters.flatMap((adapt) => adapt(p)).sort(newestFirst);
}

/** The resident's timeline, newest first: one entry per record (per enrolment and leaving). */
export function panoramaTimeline(input: PanoramaRecords): TimelineEntry[] {
  return timelineOf(prepare(input));
}

/** How many entries of each kind `entries` holds (the filter's counts). */
export function countByKind(entries: readonly TimelineEntry[]): Record<TimelineKind, number> {
  const counts = Object.fromEntries(timelineKinds.map((k) => [k, 0])) as Record<TimelineKind, number>;
  for (const e of entries) counts[e.kind] += 1;
  return counts;
}

/** Programmes the resident is enrolled in now (active enrolments), in programme order. */
export function activeProgrammes(carePlans: readonly CarePlanDoc[]): Programme[] {
  const found = new Set<Programme>();
  for (const c of carePlans) if (c.enrolment?.status === 'active') found.add(c.enrolment.programme);
  const order: Programme[] = ['hypertension', 'diabetes', 'transplant', 'elderly', 'pregnancy', 'child'];
  return order.filter((p) => found.has(p));
}
