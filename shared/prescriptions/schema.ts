/**
 * The `prescriptions` collection: one document is one prescription slip (处方笺) as printed and
 * signed. Slips written together in one sitting (more than five drugs, or psychotropic class II
 * drugs on their own slips) share a `groupId` and are numbered `slipIndex` of `slipCount`.
 * Drug names are copied from the formulary at writing time, so a later formulary change never
 * alters a signed slip. Names are stored as `zh` / `en` (RxDB field names allow no hyphen; the
 * formulary's `zh-CN` becomes `zh` here), as in encounters.
 */
import {
  receiptsJsonSchema,
  sealJsonSchema,
  type PlatformReceipt,
  type PlatformSeal,
} from '../clinical/seal';
import {
  rulesVersionJsonSchema,
  signatureJsonSchema,
  type LockPolicy,
  type RecordSignature,
  type RecordStatus,
} from '../clinical/signature';
import { sexes, type PatientSex } from '../patients/schema';
import {
  controlClasses,
  dispensingUnits,
  dosageForms,
  doseUnits,
  feeCategories,
  frequencies,
  prescriptionTypes,
  routes,
  type ControlClass,
  type DispensingUnit,
  type DosageForm,
  type DoseUnit,
  type FeeCategory,
  type Frequency,
  type PrescriptionType,
  type Route,
} from './vocabulary';
import { stringList, text } from '../json/schemaParts';

export const prescriptionStatuses = ['draft', 'signed'] as const satisfies readonly RecordStatus[];
export const printTargets = ['printer', 'pdf', 'browser'] as const;
export type PrintTarget = (typeof printTargets)[number];

/** A drug name on a slip. */
export interface SlipDrugName {
  zh: string;
  en: string;
}

/** One line of the slip body (正文): a drug with its usage and quantity. */
export interface PrescriptionItem {
  /** Formulary code; for a confirmed off-formulary drug, '' or the code the doctor typed. */
  drugCode: string;
  generic: SlipDrugName;
  form: DosageForm;
  strength: string;
  dose: number;
  doseUnit: DoseUnit;
  route: Route;
  frequency: Frequency;
  days: number;
  /** Whole units to dispense, in `unit` (the dispensing unit or the pack unit). */
  quantity: number;
  unit: DispensingUnit;
  offFormulary: boolean;
  /** Free usage note (timing such as 饭后, skin test …); never a vague "as directed". */
  note: string;
  /**
   * The drug's legal class, antimicrobial flag and special storage as the rules saw them: copied
   * from the formulary, or for an off-formulary drug the prescriber's own classification. Absent on
   * slips written before these fields existed.
   */
  control?: ControlClass;
  antimicrobial?: boolean;
  specialStorage?: boolean;
  /** A dose above the label maximum: the written reason and the second signature (DOMAIN.md §1.2). */
  overdose?: PrescriptionOverdose;
  /** The patient's allergy entries this drug meets, and why the doctor prescribes it anyway. */
  allergyOverride?: PrescriptionAllergyOverride;
}

export interface PrescriptionOverdose {
  reason: string;
  /** Who confirmed the dose again with their password, and when. */
  confirmedBy: string;
  confirmedAt: string;
}

export interface PrescriptionAllergyOverride {
  allergies: string[];
  reason: string;
}

/** The patient as printed in the slip header (前记), frozen at writing time. */
export interface PrescriptionPatient {
  name: string;
  sex: PatientSex;
  /** Exact age as printed (实足年龄: "45岁", "8月12天"), formatted by the writer. */
  ageText: string;
  /** Printed only where a slip needs it. */
  idNumber?: string;
  feeCategory: FeeCategory;
  /** The resident's outpatient number (门诊号) when the slip was written; absent when none yet. */
  outpatientNo?: string;
}

export interface PrescriptionVoid {
  at: string;
  by: string;
  byName: string;
  reason: string;
}

export interface PrescriptionPrint {
  at: string;
  by: string;
  /** A reprint (副本/重打) rather than the first print. */
  copy: boolean;
  pageSize: string;
  target: PrintTarget;
}

export interface PrescriptionDoc {
  id: string;
  orgId: string;
  sharedWith: string[];
  patientId: string;
  encounterId: string;
  /** Shared by the slips written together. */
  groupId: string;
  /** 1-based position of this slip in its group, and the group's size. */
  slipIndex: number;
  slipCount: number;
  /** Prescription number (处方编号), see prescriptionNumber.ts. */
  number: string;
  type: PrescriptionType;
  items: PrescriptionItem[];
  /** The longest supply on the slip, in days. */
  days: number;
  /** Written reason for a supply beyond the usual limit; '' when none is needed. */
  longReason: string;
  /** The patient confirmed a supply beyond four weeks. */
  longAcknowledged: boolean;
  diagnosis: string;
  patient: PrescriptionPatient;
  department: string;
  doctorId: string;
  doctorName: string;
  status: RecordStatus;
  signature: RecordSignature | null;
  voided: PrescriptionVoid | null;
  prints: PrescriptionPrint[];
  createdAt: string;
  updatedAt: string;
  /** The rules the slip was written under (shared/clinical/signature.ts); absent means 1. */
  rulesVersion?: number;
  /**
   * The platform's seal on the signature (shared/clinical/seal.ts): written only by the platform,
   * outside the signed content. Absent or null until the signed slip reaches it.
   */
  seal?: PlatformSeal | null;
  /** The platform's receipts of the void and each print (times, offline or not); platform-written. */
  receipts?: PlatformReceipt[];
}

/** Longest text per field, shared by the schema and the rules. */
export const prescriptionTextLimits = {
  drugCode: 64,
  genericZh: 60,
  genericEn: 120,
  strength: 60,
  note: 100,
  longReason: 300,
  diagnosis: 300,
  patientName: 50,
  ageText: 20,
  idNumber: 40,
  department: 60,
  doctorName: 50,
  voidReason: 300,
  pageSize: 20,
  number: 24,
  overdoseReason: 300,
  allergyReason: 300,
  allergy: 60,
  outpatientNo: 32,
} as const;

/** Most drugs on one slip (处方管理办法: at most 5 Western or patent medicines per slip). */
export const maxItemsPerSlip = 5;

const L = prescriptionTextLimits;

export const prescriptionSchemaVersion = 1;

/**
 * Migrations, keyed by the version they produce. Version 1 adds optional fields only (a line's
 * classification, dose and allergy reasons, the outpatient number, the platform's seal): a slip
 * signed before stays exactly as signed, so its hash still holds.
 */
export const prescriptionMigrations: Record<
  number,
  (old: Record<string, unknown>) => Record<string, unknown>
> = {
  1: (old) => old,
};

export const prescriptionSchema = {
  title: 'prescriptions',
  description: 'Prescription slips, one document per printed slip',
  version: prescriptionSchemaVersion,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    orgId: text(64),
    sharedWith: stringList(50, 64),
    patientId: text(36),
    encounterId: text(36),
    groupId: text(36),
    slipIndex: { type: 'integer', minimum: 1, maximum: 50, multipleOf: 1 },
    slipCount: { type: 'integer', minimum: 1, maximum: 50, multipleOf: 1 },
    number: text(L.number),
    type: { type: 'string', enum: [...prescriptionTypes] },
    items: {
      type: 'array',
      minItems: 1,
      maxItems: maxItemsPerSlip,
      items: {
        type: 'object',
        properties: {
          drugCode: text(L.drugCode),
          generic: {
            type: 'object',
            properties: { zh: text(L.genericZh), en: text(L.genericEn) },
            required: ['zh', 'en'],
            additionalProperties: false,
          },
          form: { type: 'string', enum: [...dosageForms] },
          strength: text(L.strength),
          dose: { type: 'number', exclusiveMinimum: 0 },
          doseUnit: { type: 'string', enum: [...doseUnits] },
          route: { type: 'string', enum: [...routes] },
          frequency: { type: 'string', enum: [...frequencies] },
          days: { type: 'integer', minimum: 1, maximum: 365, multipleOf: 1 },
          quantity: { type: 'integer', minimum: 1, maximum: 100000, multipleOf: 1 },
          unit: { type: 'string', enum: [...dispensingUnits] },
          offFormulary: { type: 'boolean' },
          note: text(L.note),
          control: { type: 'string', enum: [...controlClasses] },
          antimicrobial: { type: 'boolean' },
          specialStorage: { type: 'boolean' },
          overdose: {
            type: 'object',
            properties: {
              reason: text(L.overdoseReason),
              confirmedBy: text(64),
              confirmedAt: text(40),
            },
            required: ['reason', 'confirmedBy', 'confirmedAt'],
            additionalProperties: false,
          },
          allergyOverride: {
            type: 'object',
            properties: {
              allergies: stringList(30, L.allergy),
              reason: text(L.allergyReason),
            },
            required: ['allergies', 'reason'],
            additionalProperties: false,
          },
        },
        required: [
          'drugCode',
          'generic',
          'form',
          'strength',
          'dose',
          'doseUnit',
          'route',
          'frequency',
          'days',
          'quantity',
          'unit',
          'offFormulary',
          'note',
        ],
        additionalProperties: false,
      },
    },
    days: { type: 'integer', minimum: 1, maximum: 365, multipleOf: 1 },
    longReason: text(L.longReason),
    longAcknowledged: { type: 'boolean' },
    diagnosis: text(L.diagnosis),
    patient: {
      type: 'object',
      properties: {
        name: text(L.patientName),
        sex: { type: 'string', enum: [...sexes] },
        ageText: text(L.ageText),
        idNumber: text(L.idNumber),
        feeCategory: { type: 'string', enum: [...feeCategories] },
        outpatientNo: text(L.outpatientNo),
      },
      required: ['name', 'sex', 'ageText', 'feeCategory'],
      additionalProperties: false,
    },
    department: text(L.department),
    doctorId: text(64),
    doctorName: text(L.doctorName),
    status: { type: 'string', enum: [...prescriptionStatuses] },
    signature: signatureJsonSchema,
    voided: {
      type: ['object', 'null'],
      properties: { at: text(40), by: text(64), byName: text(50), reason: text(L.voidReason) },
      required: ['at', 'by', 'byName', 'reason'],
      additionalProperties: false,
    },
    prints: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          at: text(40),
          by: text(64),
          copy: { type: 'boolean' },
          pageSize: text(L.pageSize),
          target: { type: 'string', enum: [...printTargets] },
        },
        required: ['at', 'by', 'copy', 'pageSize', 'target'],
        additionalProperties: false,
      },
    },
    createdAt: text(40),
    updatedAt: text(40),
    rulesVersion: rulesVersionJsonSchema,
    seal: sealJsonSchema,
    receipts: receiptsJsonSchema,
  },
  required: [
    'id',
    'orgId',
    'sharedWith',
    'patientId',
    'encounterId',
    'groupId',
    'slipIndex',
    'slipCount',
    'number',
    'type',
    'items',
    'days',
    'longReason',
    'longAcknowledged',
    'diagnosis',
    'patient',
    'department',
    'doctorId',
    'doctorName',
    'status',
    'signature',
    'voided',
    'prints',
    'createdAt',
    'updatedAt',
  ],
  indexes: [['patientId', 'createdAt'], 'encounterId', 'groupId', 'number'],
  additionalProperties: false,
} as const;

/**
 * What may still change on a signed slip: prints are appended, a void is set once, and both
 * stamp `updatedAt`. Everything else is locked by the signature (shared/clinical/lock.ts).
 */
export const prescriptionLockPolicy: LockPolicy = {
  appendOnly: {
    prints: 'append',
    voided: 'setOnce',
    updatedAt: 'mutable',
    seal: 'platform',
    receipts: 'platform',
  },
};
