/**
 * The `encounters` collection: one outpatient consultation record (门诊病历). Records are
 * versioned and append-only (DOMAIN.md §7.4): each revision is its own document, a signed revision
 * is never changed (see shared/clinical/lock.ts), and a correction is a new revision that
 * supersedes it (shared/clinical/revisions.ts). `visitType` is the first-visit / follow-up flag
 * that internet-hospital care depends on (DOMAIN.md §1.8).
 */
import { sealJsonSchema, type PlatformSeal } from '../clinical/seal';
import {
  rulesVersionJsonSchema,
  signatureJsonSchema,
  type LockPolicy,
  type RecordSignature,
  type RecordStatus,
} from '../clinical/signature';
import { nullableText, stringList, text } from '../json/schemaParts';
import { followUpJsonSchema, type FollowUpForm } from './followUp';

export const visitTypes = ['first', 'followUp'] as const;
export type VisitType = (typeof visitTypes)[number];

export const glucoseKinds = ['fasting', 'random', 'postprandial'] as const;
export type GlucoseKind = (typeof glucoseKinds)[number];

/**
 * What an encounter records: a consultation (门诊) or a programme's follow-up visit (随访,
 * shared/encounters/followUp.ts). Absent on every record written before schema version 3 and on
 * consultations since: absent means `consultation`.
 */
export const encounterKinds = ['consultation', 'followUp'] as const;
export type EncounterKind = (typeof encounterKinds)[number];

/** The kind of `doc`: its `kind`, or `consultation` when it has none. */
export const encounterKindOf = (doc: { kind?: EncounterKind | null }): EncounterKind =>
  doc.kind ?? 'consultation';

export const recordStatuses = ['draft', 'signed'] as const satisfies readonly RecordStatus[];

/** Measurements of the visit; null when not taken. */
export interface Vitals {
  /** mmHg */
  systolic: number | null;
  /** mmHg */
  diastolic: number | null;
  /** beats per minute */
  heartRate: number | null;
  /** °C */
  temperature: number | null;
  /** kg */
  weight: number | null;
  /** cm */
  height: number | null;
  /** mmol/L */
  glucose: number | null;
  /** When the glucose was taken relative to a meal (meaningful only with a glucose value). */
  glucoseKind: GlucoseKind;
  /**
   * Pulse oximetry, % (SpO₂), taken at triage since schema version 2. Optional: records written
   * before it existed lack it (a signed record's hash must hold); new vitals carry it (null when
   * not taken).
   */
  spo2?: number | null;
}
export type VitalField = Exclude<keyof Vitals, 'glucoseKind'>;

/**
 * Who took the vitals and chief complaint a consultation started with, when a nurse took them at
 * triage (shared/observations): the observation copied, its recorder and time, and which of the
 * copied fields (`vitals.systolic`, …, `chiefComplaint`) still hold the nurse's value. A field the
 * doctor changes leaves `fields` and is the doctor's from then on.
 */
export interface TriageAttribution {
  observationId: string;
  by: string;
  byName: string;
  /** When the nurse took them, ISO 8601. */
  at: string;
  fields: string[];
}

/**
 * A diagnosis name in both languages. Stored as `zh` / `en`: RxDB field names allow no hyphen,
 * so the locale code `zh-CN` of the code lists becomes `zh` here.
 */
export interface DiagnosisName {
  zh: string;
  en: string;
}

export interface EncounterDiagnosis {
  /** ICD-10 / 国家临床版 code; '' for a free-text diagnosis. */
  code: string;
  name: DiagnosisName;
  /** Typed by the doctor rather than picked from a code list. */
  freeText: boolean;
  /** The main diagnosis of the visit; exactly one when signed. */
  primary: boolean;
}

/** The fields a doctor writes during the consultation. */
export interface EncounterContent {
  visitType: VisitType;
  chiefComplaint: string;
  presentHistory: string;
  pastHistory: string;
  allergies: string[];
  vitals: Vitals;
  /**
   * 体格检查: the examination findings written beside the vitals. Optional because records signed
   * before it existed lack it (their hash must hold); every new draft has it ('' when empty).
   */
  physicalExam?: string;
  /**
   * 辅助检查: results of tests brought in or done here, as the doctor writes them (name, result,
   * date, where it was done). Optional for the same reason as {@link physicalExam}.
   */
  auxiliaryExams?: string;
  diagnoses: EncounterDiagnosis[];
  plan: string;
  advice: string;
  /**
   * The nurse's part of {@link vitals} and {@link chiefComplaint}, when the consultation started
   * from a triage; absent otherwise (and on every record written before schema version 2).
   */
  triage?: TriageAttribution;
  /**
   * `followUp` for a programme's follow-up visit; absent for a consultation (and on every record
   * written before schema version 3), so a record signed before keeps its hash.
   */
  kind?: EncounterKind;
  /** The follow-up form, present only when {@link kind} is `followUp`. */
  followUp?: FollowUpForm;
}

export interface EncounterDoc extends EncounterContent {
  id: string;
  /** The logical record: the id of revision 1. */
  recordId: string;
  /** 1 for the original, +1 for each amendment (`revision` is a reserved RxDB document property). */
  revisionNo: number;
  /** Id of the revision this one replaces; null for revision 1. */
  supersedes: string | null;
  /** Why this revision was written; '' for revision 1. */
  amendReason: string;
  orgId: string;
  sharedWith: string[];
  patientId: string;
  appointmentId: string | null;
  doctorId: string;
  doctorName: string;
  department: string;
  status: RecordStatus;
  signature: RecordSignature | null;
  createdBy: string;
  /** When this revision was written: the visit for revision 1, the amendment for later ones. */
  createdAt: string;
  updatedAt: string;
  /**
   * When the patient was seen (就诊时间), the same on every revision of the record. Absent on
   * records written before it existed: there revision 1's `createdAt` is the visit time.
   */
  visitAt?: string;
  /**
   * The signing rules this record is written under (shared/clinical/signature.ts
   * `clinicalRulesVersion`); absent means version 1. Part of the signed content.
   */
  rulesVersion?: number;
  /**
   * Staff id of a doctor other than the record's author (`doctorId`) who writes this revision:
   * it is then an addendum in their name, while `doctorId` / `doctorName` stay the author's.
   * Absent when the author amends their own record. This person edits and signs the draft.
   */
  amendedBy?: string;
  /** Name of {@link amendedBy} as shown on the record. */
  amendedByName?: string;
  /**
   * The platform's seal (shared/clinical/seal.ts): written only by the platform when the signed
   * record reaches it, outside the signed content. Absent or null until then.
   */
  seal?: PlatformSeal | null;
}

/** Encounters allow nothing to change after signing; only the platform adds its seal. */
export const encounterLockPolicy: LockPolicy = { appendOnly: { seal: 'platform' } };

/** The clinical fields shown when two revisions are compared, in display order. */
export const encounterContentFields = [
  'visitType',
  'chiefComplaint',
  'presentHistory',
  'pastHistory',
  'allergies',
  'vitals',
  'physicalExam',
  'auxiliaryExams',
  'diagnoses',
  'plan',
  'advice',
] as const satisfies readonly (keyof EncounterContent)[];

/** Longest text per field, shared by the schema and the draft rules. */
export const encounterTextLimits = {
  chiefComplaint: 200,
  presentHistory: 4000,
  pastHistory: 2000,
  physicalExam: 4000,
  auxiliaryExams: 4000,
  plan: 2000,
  advice: 2000,
  amendReason: 500,
  allergy: 60,
  diagnosisName: 200,
} as const;

/** Most diagnoses and allergies one encounter lists. */
export const maxDiagnoses = 20;
export const maxAllergies = 30;

const measure = { type: ['number', 'null'] } as const;

/**
 * The JSON schema of {@link Vitals}, shared by consultations and observations (shared/observations).
 * `spo2` is optional: vitals written before it existed lack it.
 */
export const vitalsJsonSchema = {
  type: 'object',
  properties: {
    systolic: measure,
    diastolic: measure,
    heartRate: measure,
    temperature: measure,
    weight: measure,
    height: measure,
    glucose: measure,
    glucoseKind: { type: 'string', enum: [...glucoseKinds] },
    spo2: measure,
  },
  required: [
    'systolic',
    'diastolic',
    'heartRate',
    'temperature',
    'weight',
    'height',
    'glucose',
    'glucoseKind',
  ],
  additionalProperties: false,
} as const;

/** Fields a triage can hand to a consultation: the vitals and the chief complaint. */
export const triageFieldNames = [
  'vitals.systolic',
  'vitals.diastolic',
  'vitals.heartRate',
  'vitals.temperature',
  'vitals.weight',
  'vitals.height',
  'vitals.glucose',
  'vitals.spo2',
  'chiefComplaint',
] as const;

const triageAttributionJsonSchema = {
  type: 'object',
  properties: {
    observationId: text(36),
    by: text(64),
    byName: text(50),
    at: text(40),
    fields: {
      type: 'array',
      maxItems: triageFieldNames.length,
      items: { type: 'string', enum: [...triageFieldNames] },
    },
  },
  required: ['observationId', 'by', 'byName', 'at', 'fields'],
  additionalProperties: false,
} as const;

export const encounterSchemaVersion = 3;

/**
 * Migrations, keyed by the version they produce. Version 1 adds optional fields only (physical
 * and auxiliary examinations, the signed content's rules version, the platform's seal): a record
 * signed before stays exactly as signed, so its hash still holds. Version 2 likewise (SpO₂ in the
 * vitals, the triage attribution), and version 3 (the kind and the follow-up form of a follow-up
 * visit; absent on consultations).
 */
export const encounterMigrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> =
  {
    1: (old) => old,
    2: (old) => old,
    3: (old) => old,
  };

export const encounterSchema = {
  title: 'encounters',
  description: 'Outpatient consultation records, one document per revision',
  version: encounterSchemaVersion,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    recordId: text(36),
    revisionNo: { type: 'integer', minimum: 1, maximum: 1000, multipleOf: 1 },
    supersedes: nullableText(36),
    amendReason: text(encounterTextLimits.amendReason),
    orgId: text(64),
    sharedWith: stringList(50, 64),
    patientId: text(36),
    appointmentId: nullableText(36),
    doctorId: text(64),
    doctorName: text(50),
    department: text(60),
    visitType: { type: 'string', enum: [...visitTypes] },
    chiefComplaint: text(encounterTextLimits.chiefComplaint),
    presentHistory: text(encounterTextLimits.presentHistory),
    pastHistory: text(encounterTextLimits.pastHistory),
    allergies: { type: 'array', maxItems: maxAllergies, items: text(encounterTextLimits.allergy) },
    vitals: vitalsJsonSchema,
    physicalExam: text(encounterTextLimits.physicalExam),
    auxiliaryExams: text(encounterTextLimits.auxiliaryExams),
    diagnoses: {
      type: 'array',
      maxItems: maxDiagnoses,
      items: {
        type: 'object',
        properties: {
          code: text(20),
          name: {
            type: 'object',
            properties: {
              zh: text(encounterTextLimits.diagnosisName),
              en: text(encounterTextLimits.diagnosisName),
            },
            required: ['zh', 'en'],
            additionalProperties: false,
          },
          freeText: { type: 'boolean' },
          primary: { type: 'boolean' },
        },
        required: ['code', 'name', 'freeText', 'primary'],
        additionalProperties: false,
      },
    },
    plan: text(encounterTextLimits.plan),
    advice: text(encounterTextLimits.advice),
    status: { type: 'string', enum: [...recordStatuses] },
    signature: signatureJsonSchema,
    createdBy: text(64),
    createdAt: text(40),
    updatedAt: text(40),
    visitAt: text(40),
    rulesVersion: rulesVersionJsonSchema,
    amendedBy: text(64),
    amendedByName: text(50),
    seal: sealJsonSchema,
    triage: triageAttributionJsonSchema,
    kind: { type: 'string', enum: [...encounterKinds] },
    followUp: followUpJsonSchema,
  },
  required: [
    'id',
    'recordId',
    'revisionNo',
    'supersedes',
    'amendReason',
    'orgId',
    'sharedWith',
    'patientId',
    'appointmentId',
    'doctorId',
    'doctorName',
    'department',
    'visitType',
    'chiefComplaint',
    'presentHistory',
    'pastHistory',
    'allergies',
    'vitals',
    'diagnoses',
    'plan',
    'advice',
    'status',
    'signature',
    'createdBy',
    'createdAt',
    'updatedAt',
  ],
  indexes: [['patientId', 'createdAt'], 'recordId'],
  additionalProperties: false,
} as const;
