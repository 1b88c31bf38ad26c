/**
 * Rules of observations, the same on the desk and on the platform:
 * - what one must hold to be stored ({@link observationErrors});
 * - who may write one, and that it is never changed once written ({@link observationWriteErrors}):
 *   a measurement is its recorder's fact, as a signed record is its signer's, so a correction is
 *   a new observation that supersedes the old one;
 * - which observation a visit's triage is ({@link triageOf}), and how a consultation takes it over
 *   ({@link triageHandover}, {@link keepNurseFields}).
 * Everything returns codes; the UI words them.
 */
import { z } from 'zod';
import { can } from '../auth/roles';
import type { TriageAttribution, Vitals } from '../encounters/schema';
import { encounterTextLimits, glucoseKinds } from '../encounters/schema';
import { anyVitalTaken, vitalFields, vitalsErrors } from '../encounters/vitals';
import { canonicalJson } from '../json/canonicalJson';
import type { FieldError } from '../sync/collections';
import type { Writer } from '../sync/clinicalRecords';
import { textErrors } from '../validation/text';
import { flagOf, isAnalyteCode, panelCodes, unitsOf } from './analytes';
import { labSources, maxLabItems, type LabResult, type ObservationDoc } from './schema';

/**
 * Codes of {@link observationErrors} and {@link observationWriteErrors} beyond the vitals' own
 * (shared/encounters/vitals.ts `VitalErrorCode`):
 * - `nothingRecorded` (vitals): neither a measurement nor a complaint;
 * - `complaintOutsideVisit` (chiefComplaint): a complaint belongs to a visit's triage;
 * - `selfSupersede` (supersedes): an observation cannot correct itself;
 * - `notObserver` (recordedBy): the role may not record observations;
 * - `notRecorder` (recordedBy): recorded in the name of someone other than the person signed in;
 * - `observationLocked` ((document)): an observation once written is never changed nor removed;
 * - lab results (kind `lab`): `kindMismatch` (lab: a result without its `lab`, or a `lab` on
 *   vitals; vitals: measurements or a complaint on a result), `required` (lab.items: no item;
 *   lab.sourceName: an external result without the hospital's name), `unknownAnalyte`,
 *   `unitNotAccepted`, `duplicate` and `flagMismatch` (lab.items.N.…: the flag is not the one the
 *   shared rule gives), `dateFormat` (lab.testedOn), `testedInFuture` (lab.testedOn after `today`).
 */
export type ObservationErrorCode =
  | 'nothingRecorded'
  | 'complaintOutsideVisit'
  | 'selfSupersede'
  | 'notObserver'
  | 'notRecorder'
  | 'observationLocked'
  | 'kindMismatch'
  | 'required'
  | 'unknownAnalyte'
  | 'unitNotAccepted'
  | 'duplicate'
  | 'flagMismatch'
  | 'dateFormat'
  | 'testedInFuture';

const measurement = z.number().finite().nullable();

/** What the triage and measurement forms hand the desk's repository (checked at that boundary). */
export const vitalsInputSchema = z.object({
  patientId: z.string().min(1).max(36),
  appointmentId: z.string().min(1).max(36).nullable(),
  vitals: z.object({
    systolic: measurement,
    diastolic: measurement,
    heartRate: measurement,
    temperature: measurement,
    weight: measurement,
    height: measurement,
    glucose: measurement,
    glucoseKind: z.enum(glucoseKinds),
    spo2: measurement.default(null),
  }),
  chiefComplaint: z.string().max(encounterTextLimits.chiefComplaint),
  supersedes: z.string().min(1).max(36).nullable().default(null),
});
export type VitalsInput = z.input<typeof vitalsInputSchema>;

/** What the results form hands the desk's repository (checked at that boundary). */
export const labInputSchema = z.object({
  patientId: z.string().min(1).max(36),
  appointmentId: z.string().min(1).max(36).nullable().default(null),
  enrolmentId: z.string().min(1).max(36).nullable().default(null),
  lab: z.object({
    panel: z.enum(panelCodes),
    items: z
      .array(
        z.object({
          analyte: z.string(),
          value: z.number().finite(),
          unit: z.string().max(20),
          refLow: z.number().finite().nullable(),
          refHigh: z.number().finite().nullable(),
          flag: z.enum(['low', 'high']).nullable().default(null),
        }),
      )
      .max(maxLabItems),
    testedOn: z.string(),
    source: z.enum(labSources),
    sourceName: z.string().max(100).default(''),
  }),
  supersedes: z.string().min(1).max(36).nullable().default(null),
});
export type LabInput = z.input<typeof labInputSchema>;

const calendarDay = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (value: string) => {
  if (!calendarDay.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
};

/** Problems of a lab result (kind `lab`); `today` (YYYY-MM-DD) bounds the test date when given. */
export function labErrors(lab: LabResult, today?: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!lab.items.length) errors.push({ field: 'lab.items', code: 'required' });
  const seen = new Set<string>();
  lab.items.forEach((item, i) => {
    const at = `lab.items.${i}`;
    if (!isAnalyteCode(item.analyte)) return errors.push({ field: `${at}.analyte`, code: 'unknownAnalyte' });
    if (seen.has(item.analyte)) errors.push({ field: `${at}.analyte`, code: 'duplicate' });
    seen.add(item.analyte);
    if (!unitsOf(item.analyte).includes(item.unit))
      errors.push({ field: `${at}.unit`, code: 'unitNotAccepted' });
    if ((item.flag ?? null) !== flagOf(item.value, item.refLow, item.refHigh))
      errors.push({ field: `${at}.flag`, code: 'flagMismatch' });
  });
  if (!isCalendarDay(lab.testedOn)) errors.push({ field: 'lab.testedOn', code: 'dateFormat' });
  else if (today && lab.testedOn > today) errors.push({ field: 'lab.testedOn', code: 'testedInFuture' });
  if (lab.source === 'external' && !lab.sourceName.trim())
    errors.push({ field: 'lab.sourceName', code: 'required' });
  return errors;
}

/**
 * Domain errors of an observation beyond its JSON schema; [] when it may be stored. A lab result
 * carries its `lab` and no measurement or complaint; vitals carry no `lab`.
 */
export function observationErrors(doc: ObservationDoc): FieldError[] {
  if (doc.kind === 'lab') {
    if (!doc.lab) return [{ field: 'lab', code: 'kindMismatch' }];
    const errors = labErrors(doc.lab);
    if (anyVitalTaken(doc.vitals) || doc.chiefComplaint.trim())
      errors.push({ field: 'vitals', code: 'kindMismatch' });
    if (doc.supersedes === doc.id) errors.push({ field: 'supersedes', code: 'selfSupersede' });
    errors.push(...textErrors(doc));
    return errors;
  }
  if (doc.lab !== undefined) return [{ field: 'lab', code: 'kindMismatch' }];
  const errors: FieldError[] = vitalsErrors(doc.vitals).map((e) => ({
    field: `vitals.${e.field}`,
    code: e.code,
  }));
  const complaint = doc.chiefComplaint.trim();
  if (!anyVitalTaken(doc.vitals) && !complaint) errors.push({ field: 'vitals', code: 'nothingRecorded' });
  if (complaint && doc.appointmentId === null)
    errors.push({ field: 'chiefComplaint', code: 'complaintOutsideVisit' });
  if (doc.supersedes === doc.id) errors.push({ field: 'supersedes', code: 'selfSupersede' });
  errors.push(...textErrors(doc));
  return errors;
}

const ownJson = (doc: object) =>
  canonicalJson(
    Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_') || k === '_deleted')),
  );

/**
 * Who may write `next`, given what the platform holds (`previous`, undefined when new): a role
 * that records observations, in the name of the person signed in, and only once — a stored
 * observation is never changed or removed (the same version again is accepted: a retried push).
 */
export function observationWriteErrors(
  next: ObservationDoc,
  previous: ObservationDoc | undefined,
  writer: Writer,
): FieldError[] {
  if (previous) {
    const deleted = (d: object) => (d as { _deleted?: boolean })._deleted === true;
    const same =
      ownJson({ ...previous, _deleted: deleted(previous) }) === ownJson({ ...next, _deleted: deleted(next) });
    return same ? [] : [{ field: '(document)', code: 'observationLocked' }];
  }
  if (!can(writer.role, 'observation.write')) return [{ field: 'recordedBy', code: 'notObserver' }];
  if (next.recordedBy !== writer.staffId || next.createdBy !== writer.staffId)
    return [{ field: 'recordedBy', code: 'notRecorder' }];
  return [];
}

/** Observations no later one supersedes, newest first by when they were taken. */
export function currentObservations(observations: readonly ObservationDoc[]): ObservationDoc[] {
  const superseded = new Set(observations.map((o) => o.supersedes).filter((id): id is string => !!id));
  return observations
    .filter((o) => !superseded.has(o.id))
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
}

/** The triage of visit `appointmentId`: its latest current observation, or null when none. */
export function triageOf(
  observations: readonly ObservationDoc[],
  appointmentId: string,
): ObservationDoc | null {
  return (
    currentObservations(
      observations.filter((o) => o.appointmentId === appointmentId && (o.kind ?? 'vitals') === 'vitals'),
    )[0] ?? null
  );
}

/** What a consultation starts with from a triage: the nurse's vitals, complaint and attribution. */
export function triageHandover(observation: ObservationDoc): {
  vitals: Vitals;
  chiefComplaint: string;
  triage: TriageAttribution;
} {
  const vitals: Vitals = { ...observation.vitals, spo2: observation.vitals.spo2 ?? null };
  const fields = vitalFields.filter((f) => vitals[f] !== null).map((f) => `vitals.${f}`);
  const chiefComplaint = observation.chiefComplaint.trim();
  if (chiefComplaint) fields.push('chiefComplaint');
  return {
    vitals,
    chiefComplaint,
    triage: {
      observationId: observation.id,
      by: observation.recordedBy,
      byName: observation.recordedByName,
      at: observation.takenAt,
      fields,
    },
  };
}

/** The fields of `part` that are still the nurse's (none without an attribution). */
export function nurseFieldsOf(
  triage: TriageAttribution | undefined,
  part: 'vitals' | 'chiefComplaint',
): string[] {
  return (triage?.fields ?? []).filter((f) =>
    part === 'vitals' ? f.startsWith('vitals.') : f === 'chiefComplaint',
  );
}

/**
 * The attribution after an edit from `before` to `after`: every nurse's field whose value changed
 * is the doctor's from now on (a changed glucose kind makes the glucose the doctor's). Unchanged
 * when nothing of the nurse's changed.
 */
export function keepNurseFields(
  triage: TriageAttribution,
  before: { vitals: Vitals; chiefComplaint: string },
  after: { vitals: Vitals; chiefComplaint: string },
): TriageAttribution {
  const changed = (field: string) => {
    if (field === 'chiefComplaint') return before.chiefComplaint !== after.chiefComplaint;
    const name = field.slice('vitals.'.length) as keyof Vitals;
    if (name === 'glucose' && before.vitals.glucoseKind !== after.vitals.glucoseKind) return true;
    return (before.vitals[name] ?? null) !== (after.vitals[name] ?? null);
  };
  const fields = triage.fields.filter((f) => !changed(f));
  return fields.length === triage.fields.length ? triage : { ...triage, fields };
}

/**
 * A draft that started without its visit's triage (the triage reached the desk after the doctor
 * called the patient) taking it over: the nurse's values fill what the doctor has not written
 * (a measurement still empty, an empty complaint) and are attributed to her; what the doctor
 * already wrote stays the doctor's.
 */
export function adoptTriage(
  draft: { vitals: Vitals; chiefComplaint: string },
  observation: ObservationDoc,
): { vitals: Vitals; chiefComplaint: string; triage: TriageAttribution } {
  const handover = triageHandover(observation);
  const vitals: Vitals = { ...draft.vitals, spo2: draft.vitals.spo2 ?? null };
  const fields: string[] = [];
  for (const f of vitalFields) {
    const nurse = handover.vitals[f] ?? null;
    if (nurse === null || (vitals[f] ?? null) !== null) continue;
    vitals[f] = nurse;
    if (f === 'glucose') vitals.glucoseKind = handover.vitals.glucoseKind;
    fields.push(`vitals.${f}`);
  }
  const takeComplaint = !draft.chiefComplaint.trim() && !!handover.chiefComplaint;
  if (takeComplaint) fields.push('chiefComplaint');
  return {
    vitals,
    chiefComplaint: takeComplaint ? handover.chiefComplaint : draft.chiefComplaint,
    triage: { ...handover.triage, fields },
  };
}
