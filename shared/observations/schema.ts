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
import { panelCodes, type AnalyteCode, type PanelCode } from './analytes';

/**
 * What an observation holds: `vitals` (with the chief complaint at triage), or since schema
 * version 1 `lab`, a laboratory result (检验结果) entered at the desk or brought from another hospital.
 */
export const observationKinds = ['vitals', 'lab'] as const;
export type ObservationKind = (typeof observationKinds)[number];

export type { AnalyteCode, PanelCode };

/** Out of range below or above (shared/observations/analytes.ts `flagOf`). */
export const labFlags = ['low', 'high'] as const;

export const labSources = ['here', 'external'] as const;
export type LabSource = (typeof labSources)[number];

/** One measured analyte of a result. */
export interface LabItem {
  analyte: AnalyteCode;
  /** In the unit entered. */
  value: number;
  unit: string;
  /** Reference range in {@link unit}; null where it has no bound. */
  refLow: number | null;
  refHigh: number | null;
  /** Out of range, by the shared rule (shared/observations/analytes.ts `flagOf`); null when within. */
  flag: (typeof labFlags)[number] | null;
}

export interface LabResult {
  panel: PanelCode;
  items: LabItem[];
  /** YYYY-MM-DD: when the sample was tested. */
  testedOn: string;
  source: LabSource;
  /** The other hospital's name when `source` is `external`; '' otherwise. */
  sourceName: string;
}

export const maxLabItems = 30;

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
  /**
   * Kind `vitals`: the measurements; null when not taken (as in a consultation's vitals). Kind
   * `lab`: every measurement null.
   */
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
  /** Kind `lab`: the result; absent on other kinds. */
  lab?: LabResult;
  /**
   * The programme enrolment (shared/carePlans) this result or measurement is recorded for; absent
   * or null when none. The platform shares what is linked to a shared enrolment.
   */
  enrolmentId?: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const observationSchemaVersion = 1;

/**
 * Migrations, keyed by the version they produce. Version 1 adds optional fields only (the lab
 * result and the enrolment link), so every stored observation stays as written.
 */
export const observationMigrations: Record<
  number,
  (old: Record<string, unknown>) => Record<string, unknown>
> = {
  1: (old) => old,
};

const labJsonSchema = {
  type: 'object',
  properties: {
    panel: { type: 'string', enum: [...panelCodes] },
    items: {
      type: 'array',
      maxItems: maxLabItems,
      items: {
        type: 'object',
        properties: {
          analyte: text(20),
          value: { type: 'number' },
          unit: text(20),
          refLow: { type: ['number', 'null'] },
          refHigh: { type: ['number', 'null'] },
          flag: { type: ['string', 'null'], enum: [...labFlags, null] },
        },
        required: ['analyte', 'value', 'unit', 'refLow', 'refHigh', 'flag'],
        additionalProperties: false,
      },
    },
    testedOn: text(10),
    source: { type: 'string', enum: [...labSources] },
    sourceName: text(100),
  },
  required: ['panel', 'items', 'testedOn', 'source', 'sourceName'],
  additionalProperties: false,
} as const;

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
    lab: labJsonSchema,
    enrolmentId: nullableText(36),
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
