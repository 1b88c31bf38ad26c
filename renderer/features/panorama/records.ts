/**
 * What the patient panorama (全景视图) is drawn from, prepared once for its timeline
 * (./timeline.ts) and its trend charts (./trends.ts): a resident's consultations and follow-up
 * visits with all their revisions, prescription slips, observations and care plans.
 */
import type { CarePlanDoc } from '../../../shared/carePlans/schema';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { currentObservations } from '../../../shared/observations/rules';
import type { ObservationDoc } from '../../../shared/observations/schema';
import type { PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { chartRecords, type ChartRecord } from '../encounters/chartRecords';

/** What the panorama is drawn from: every record of one resident on this desk. */
export interface PanoramaRecords {
  /** Every revision of every consultation and follow-up visit. */
  encounters: readonly EncounterDoc[];
  prescriptions: readonly PrescriptionDoc[];
  /** Every observation, corrected ones included (only the latest of a chain is used). */
  observations: readonly ObservationDoc[];
  carePlans: readonly CarePlanDoc[];
}

export interface PanoramaContext {
  /** The resident's birth date, YYYY-MM-DD ('' when unknown): targets depend on age. */
  birthDate: string;
  /** Today, YYYY-MM-DD, local calendar day: the age the targets are chosen for. */
  today: string;
}

/**
 * Milliseconds of a clinical date (YYYY-MM-DD, local midnight) or an ISO 8601 time. Dates are
 * local calendar days, so they are read as local, not UTC, midnight.
 */
export function timeOf(dateOrIso: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOrIso);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime();
  return Date.parse(dateOrIso);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Milliseconds of a dated fact (a result's test date, an enrolment's date) recorded at `recordedAt`:
 * the recording time when it was recorded that same local day, so a result entered after a visit
 * comes after it; the day's start otherwise.
 */
export function dayTimeOf(date: string, recordedAt: string): number {
  const at = new Date(recordedAt);
  const local = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return local === date ? at.getTime() : timeOf(date);
}

/** The records as the adapters read them, prepared once. */
export interface Prepared {
  records: ChartRecord[];
  observations: ObservationDoc[];
  /** Observations a consultation took over (triage vitals): shown as part of it, not again. */
  adopted: Set<string>;
  carePlans: readonly CarePlanDoc[];
  prescriptions: readonly PrescriptionDoc[];
}

export function prepare(input: PanoramaRecords): Prepared {
  const records = chartRecords(input.encounters);
  const adopted = new Set<string>();
  for (const e of input.encounters) if (e.triage) adopted.add(e.triage.observationId);
  return {
    records,
    observations: currentObservations(input.observations),
    adopted,
    carePlans: input.carePlans,
    prescriptions: input.prescriptions,
  };
}

/** The fasting glucose of a visit, mmol/L: the follow-up form's, else a fasting vitals glucose. */
export function fastingGlucoseOf(e: EncounterDoc): number | null {
  if (e.followUp?.fbg !== undefined && e.followUp.fbg !== null) return e.followUp.fbg;
  return e.vitals.glucose !== null && e.vitals.glucoseKind === 'fasting' ? e.vitals.glucose : null;
}
