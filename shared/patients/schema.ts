/**
 * The `patients` collection: one resident of the centre's catchment. The JSON schema literal is
 * what RxDB stores and validates against (and, from the sync issue on, what the platform checks a
 * pushed document against); {@link PatientDoc} is its TypeScript shape.
 */
import { idTypes, type IdType } from '../identity/idNumber';
import { stringList, text } from '../json/schemaParts';

export const sexes = ['male', 'female', 'unknown'] as const;
export type PatientSex = (typeof sexes)[number];

export const keyPopulationTags = [
  'hypertension',
  'diabetes',
  'postTransplant',
  'elderly',
  'pregnancy',
  'child',
  'severeMental',
] as const;
export type KeyPopulationTag = (typeof keyPopulationTags)[number];

/** Relation to the head of household (户主), after GB/T 4761 groups. */
export const householdRelations = [
  'self',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'other',
] as const;
export type HouseholdRelation = (typeof householdRelations)[number];

export interface Address {
  provinceCode: string;
  province: string;
  cityCode: string;
  city: string;
  districtCode: string;
  district: string;
  streetCode: string;
  street: string;
  community: string;
  detail: string;
}

export interface Household {
  /** 户号: the household's number in the centre's records (free text, may be empty). */
  number: string;
  relation: HouseholdRelation;
}

/** The patient fields a person edits; everything else is stamped by the app. */
export interface PatientFields {
  name: string;
  sex: PatientSex;
  birthDate: string;
  idType: IdType;
  idNumber: string;
  mobile: string;
  address: Address;
  household: Household;
  allergies: string[];
  tags: KeyPopulationTag[];
  familyDoctor: string;
}
export type PatientField = keyof PatientFields;
export const patientFieldNames = [
  'name',
  'sex',
  'birthDate',
  'idType',
  'idNumber',
  'mobile',
  'address',
  'household',
  'allergies',
  'tags',
  'familyDoctor',
] as const satisfies readonly PatientField[];

export interface FieldChange {
  field: PatientField;
  /** JSON text of the previous and the new value, so any field type fits one shape. */
  from: string;
  to: string;
}

export interface PatientRevision {
  at: string;
  byId: string;
  byName: string;
  changes: FieldChange[];
}

/**
 * Two desks changed the same field differently while apart. The record shows one value (the one the
 * platform had first) and keeps both here until a person chooses; nothing either desk typed is lost.
 */
export interface PatientCollision {
  field: PatientField;
  /** JSON text of the value both sides started from. */
  base: string;
  /** JSON text of each side's value, the shown one first. */
  values: string[];
  detectedAt: string;
}

export interface PatientDoc extends PatientFields {
  id: string;
  orgId: string;
  sharedWith: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Every edit after registration, oldest first: who, when and what changed. */
  history: PatientRevision[];
  /** Concurrent edits of the same field waiting for a person to choose. */
  collisions: PatientCollision[];
  /**
   * 门诊号: the centre's outpatient number (shared/numbers/series.ts), unique within the
   * organisation and never reused; set once, from a block the platform leased this desk. Absent on
   * records registered before numbers existed until they get one.
   */
  outpatientNo?: string;
}

export const patientSchemaVersion = 2;

export const patientSchema = {
  title: 'patients',
  description: 'Residents registered at a community health centre',
  version: patientSchemaVersion,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    orgId: text(64),
    sharedWith: stringList(50, 64),
    createdBy: text(64),
    createdAt: text(40),
    updatedAt: text(40),
    name: text(50),
    sex: { type: 'string', enum: [...sexes] },
    birthDate: text(10),
    idType: { type: 'string', enum: [...idTypes] },
    idNumber: text(40),
    mobile: text(11),
    address: {
      type: 'object',
      properties: {
        provinceCode: text(12),
        province: text(40),
        cityCode: text(12),
        city: text(40),
        districtCode: text(12),
        district: text(40),
        streetCode: text(12),
        street: text(60),
        community: text(60),
        detail: text(200),
      },
      required: [
        'provinceCode',
        'province',
        'cityCode',
        'city',
        'districtCode',
        'district',
        'streetCode',
        'street',
        'community',
        'detail',
      ],
      additionalProperties: false,
    },
    household: {
      type: 'object',
      properties: { number: text(40), relation: { type: 'string', enum: [...householdRelations] } },
      required: ['number', 'relation'],
      additionalProperties: false,
    },
    allergies: stringList(30, 60),
    tags: {
      type: 'array',
      maxItems: keyPopulationTags.length,
      items: { type: 'string', enum: [...keyPopulationTags] },
    },
    familyDoctor: text(50),
    outpatientNo: text(14),
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: text(40),
          byId: text(64),
          byName: text(50),
          changes: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                field: { type: 'string', enum: [...patientFieldNames] },
                from: text(2000),
                to: text(2000),
              },
              required: ['field', 'from', 'to'],
              additionalProperties: false,
            },
          },
        },
        required: ['at', 'byId', 'byName', 'changes'],
        additionalProperties: false,
      },
    },
    collisions: {
      type: 'array',
      maxItems: patientFieldNames.length,
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', enum: [...patientFieldNames] },
          base: text(2000),
          values: { type: 'array', minItems: 2, maxItems: 8, items: text(2000) },
          detectedAt: text(40),
        },
        required: ['field', 'base', 'values', 'detectedAt'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'id',
    'orgId',
    'sharedWith',
    'createdBy',
    'createdAt',
    'updatedAt',
    'name',
    'sex',
    'birthDate',
    'idType',
    'idNumber',
    'mobile',
    'address',
    'household',
    'allergies',
    'tags',
    'familyDoctor',
    'history',
    'collisions',
  ],
  indexes: ['idNumber', ['name', 'birthDate'], 'createdAt'],
  additionalProperties: false,
} as const;

/**
 * Migrations from older schema versions, keyed by the version they produce. Version 0 is the first;
 * a breaking change bumps {@link patientSchemaVersion} and adds a pure function here with a test.
 */
export const patientMigrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  /** Version 1 adds `collisions` for concurrent edits that sync could not merge by itself. */
  1: (old) => ({ ...old, collisions: [] }),
  /** Version 2 adds the optional outpatient number (门诊号); earlier records get theirs later. */
  2: (old) => old,
};
