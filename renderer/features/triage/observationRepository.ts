/**
 * Observations in the local database: a nurse's (or doctor's) vitals at triage or outside a
 * visit, each written once in the recorder's name (a correction is a new observation that
 * supersedes it; shared/observations/rules.ts). The screens call these functions and the hooks
 * below; unit tests run them on RxDB's memory storage. Results carry codes; the screens word them.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { can } from '../../../shared/auth/roles';
import { emptyVitals } from '../../../shared/encounters/vitals';
import { flagOf } from '../../../shared/observations/analytes';
import {
  currentObservations,
  labErrors,
  labInputSchema,
  triageOf,
  observationErrors,
  vitalsInputSchema,
  type LabInput,
  type VitalsInput,
} from '../../../shared/observations/rules';
import type { LabResult, ObservationDoc, ObservationKind } from '../../../shared/observations/schema';
import { localIsoDate } from '../../../shared/patients/rules';
import type { FieldError } from '../../../shared/sync/collections';
import type { Operator } from '../../app/operator';
import { useServices } from '../../app/services';
import { recordAuditEvent } from '../../db/audit';
import { useToday } from '../today/hooks';
import type { ClinicDatabase } from '../../db/database';

/**
 * - `forbidden`: the operator's role does not record observations;
 * - `invalid`: what was entered breaks the rules (see `errors`, field codes as in
 *   shared/observations/rules.ts and shared/encounters/vitals.ts).
 */
export type ObservationResult =
  | { ok: true; observation: ObservationDoc }
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as ObservationDoc;

/**
 * Records vitals (and at triage the chief complaint) for a resident in the operator's name, at
 * `now`. Nothing is written when the role may not, or the input breaks the rules.
 */
export async function recordVitals(
  db: ClinicDatabase,
  operator: Operator,
  input: VitalsInput,
  now: Date = new Date(),
): Promise<ObservationResult> {
  if (!can(operator.role, 'observation.write')) return { ok: false, reason: 'forbidden' };
  const parsed = vitalsInputSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      reason: 'invalid',
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'vitals', code: 'invalid' })),
    };
  const at = now.toISOString();
  const observation: ObservationDoc = {
    id: uuidv7(),
    orgId: operator.orgId,
    sharedWith: [],
    patientId: parsed.data.patientId,
    kind: 'vitals',
    appointmentId: parsed.data.appointmentId,
    vitals: parsed.data.vitals,
    chiefComplaint: parsed.data.chiefComplaint.trim(),
    takenAt: at,
    recordedBy: operator.id,
    recordedByName: operator.name,
    supersedes: parsed.data.supersedes,
    createdBy: operator.id,
    createdAt: at,
    updatedAt: at,
  };
  const errors = observationErrors(observation);
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  await db.observations.insert(observation);
  await recordAuditEvent(
    db,
    operator,
    'observation.record',
    { collection: 'observations', id: observation.id },
    observation.appointmentId ? { setting: 'triage' } : { setting: 'outsideVisit' },
    now,
  );
  return { ok: true, observation };
}

/**
 * Records a lab result (检验结果) for a resident in the operator's name, at `now`: the panel's
 * items with value, unit and reference range as entered, each flagged out of range by the shared
 * rule (shared/observations/analytes.ts `flagOf`, whatever flag the form sent), the test date and
 * where it was done; linked to a programme enrolment (`enrolmentId`) when it is for one. Nothing
 * is written when the role may not record observations or the result breaks the rules.
 */
export async function recordLabResult(
  db: ClinicDatabase,
  operator: Operator,
  input: LabInput,
  now: Date = new Date(),
): Promise<ObservationResult> {
  if (!can(operator.role, 'observation.write')) return { ok: false, reason: 'forbidden' };
  const parsed = labInputSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      reason: 'invalid',
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'lab', code: 'invalid' })),
    };
  const { lab: entered } = parsed.data;
  const lab = {
    ...entered,
    sourceName: entered.source === 'external' ? entered.sourceName.trim() : '',
    items: entered.items.map((item) => ({ ...item, flag: flagOf(item.value, item.refLow, item.refHigh) })),
  } as LabResult;
  const errors = labErrors(lab, localIsoDate(now));
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  const at = now.toISOString();
  const observation: ObservationDoc = {
    id: uuidv7(),
    orgId: operator.orgId,
    sharedWith: [],
    patientId: parsed.data.patientId,
    kind: 'lab',
    appointmentId: parsed.data.appointmentId,
    vitals: { ...emptyVitals, spo2: null },
    chiefComplaint: '',
    takenAt: at,
    recordedBy: operator.id,
    recordedByName: operator.name,
    supersedes: parsed.data.supersedes,
    lab,
    enrolmentId: parsed.data.enrolmentId,
    createdBy: operator.id,
    createdAt: at,
    updatedAt: at,
  };
  const stored = observationErrors(observation);
  if (stored.length) return { ok: false, reason: 'invalid', errors: stored };
  await db.observations.insert(observation);
  await recordAuditEvent(
    db,
    operator,
    'observation.record',
    { collection: 'observations', id: observation.id },
    { kind: 'lab', panel: lab.panel, source: lab.source },
    now,
  );
  return { ok: true, observation };
}

/**
 * A resident's current observations (none superseded), of `kind` when given (`vitals` for the
 * measurements, `lab` for the results), newest first, live; undefined while loading.
 */
export function usePatientObservations(
  patientId: string | undefined,
  kind?: ObservationKind,
): ObservationDoc[] | undefined {
  const { db } = useServices();
  const [docs, setDocs] = useState<ObservationDoc[]>();
  useEffect(() => {
    if (!patientId) return;
    const sub = db.observations
      .find({ selector: { patientId } })
      .$.subscribe((found) =>
        setDocs(currentObservations(found.map(plain)).filter((o) => !kind || o.kind === kind)),
      );
    return () => sub.unsubscribe();
  }, [db, patientId, kind]);
  return docs;
}

/**
 * Observations taken since `sinceIso` (the start of today, for the queue), live; the screens find
 * each visit's triage among them (shared/observations/rules.ts `triageOf`).
 */
export function useObservationsSince(sinceIso: string): ObservationDoc[] | undefined {
  const { db } = useServices();
  const [docs, setDocs] = useState<ObservationDoc[]>();
  useEffect(() => {
    const sub = db.observations
      .find({ selector: { takenAt: { $gte: sinceIso } } })
      .$.subscribe((found) => setDocs(found.map(plain)));
    return () => sub.unsubscribe();
  }, [db, sinceIso]);
  return docs;
}

/** The start of local day `date` (YYYY-MM-DD), as the observations' `takenAt` is written (UTC ISO). */
const startOf = (date: string) => new Date(`${date}T00:00:00`).toISOString();

/**
 * The triage of each of today's visits, from one live query of the observations taken today: the
 * triage screen and the Today queue read every row's triage from it, not one query per row.
 */
export function useTodayTriages(): (appointmentId: string) => ObservationDoc | null {
  const today = useToday();
  const since = useMemo(() => startOf(today), [today]);
  const observations = useObservationsSince(since);
  return useCallback((appointmentId) => triageOf(observations ?? [], appointmentId), [observations]);
}
