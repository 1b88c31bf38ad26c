/**
 * The `observations` collection (DESIGN.md §10): measurements and results about a resident that
 * are not a doctor's consultation record — vitals a nurse takes at triage or outside a visit
 * today; laboratory and other results and home readings later, each as a `kind` of its own with
 * its own payload field (a new kind adds an enum value and an optional field, in a new schema
 * version). An observation is its recorder's own fact: written once, never changed; a correction
 * is a new observation that `supersedes` it (shared/observations/rules.ts).
 */
import { text, nullableText, stringList } from '../json/schemaParts';
import { encounterTextLimits, vitalsJsonSchema, type Vitals } from '../encounters/schema';

/** What an observation holds: `vitals` (with the chief complaint at triage). */
export const observationKinds = ['vitals'] as const;
export type ObservationKind = (typeof observationKinds)[number];

export interface ObservationDoc {
  id: string;
  orgId: string;
  sharedWith: string[];
  patientId: string;
  kind: ObservationKind;
  /**
   * The queue entry (visit) it was taken for: set at triage, null for a measurement outside a
   * visit (it joins the resident's measurements only).
   */
  appointmentId: string | null;
  /** Kind `vitals`: the measurements; null when not taken (as in a consultation's vitals). */
  vitals: Vitals;
  /** Kind `vitals` at triage: the patient's complaint in their words (主诉); '' when none. */
  chiefComplaint: string;
  /** When it was measured, ISO 8601. */
  takenAt: string;
  /** Staff id of who measured and recorded it: the person signed in (the platform checks). */
  recordedBy: string;
  recordedByName: string;
  /** The observation this one corrects; null for a first recording. */
  supersedes: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const observationSchemaVersion = 0;

export const observationSchema = {
  title: 'observations',
  description: 'Measurements and results about a resident, one document each, written once',
  version: observationSchemaVersion,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    orgId: text(64),
    sharedWith: stringList(50, 64),
    patientId: text(36),
    kind: { type: 'string', enum: [...observationKinds] },
    appointmentId: nullableText(36),
    vitals: vitalsJsonSchema,
    chiefComplaint: text(encounterTextLimits.chiefComplaint),
    takenAt: text(40),
    recordedBy: text(64),
    recordedByName: text(50),
    supersedes: nullableText(36),
    createdBy: text(64),
    createdAt: text(40),
    updatedAt: text(40),
  },
  required: [
    'id',
    'orgId',
    'sharedWith',
    'patientId',
    'kind',
    'appointmentId',
    'vitals',
    'chiefComplaint',
    'takenAt',
    'recordedBy',
    'recordedByName',
    'supersedes',
    'createdBy',
    'createdAt',
    'updatedAt',
  ],
  indexes: [['patientId', 'takenAt'], 'takenAt'],
  additionalProperties: false,
} as const;
