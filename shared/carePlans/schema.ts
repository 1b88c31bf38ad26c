/**
 * The `carePlans` collection (DESIGN.md §10): one document per family doctor contract
 * (家庭医生签约, DOMAIN.md §4), per enrolment of a resident in a key-population programme
 * (DOMAIN.md §3) and per post-transplant plan a transplant centre sets (DOMAIN.md §3.7). The
 * `kind` says which, and exactly one payload field of the same name is present. Follow-up visits
 * are encounters (`kind: 'followUp'`) and results are observations (`kind: 'lab'`); both link to
 * an enrolment by its id. The rules are in shared/carePlans/rules.ts.
 */
import type { AnalyteCode } from '../observations/analytes';
import { nullableText, stringList, text } from '../json/schemaParts';

export const carePlanKinds = ['contract', 'enrolment', 'transplantPlan'] as const;
export type CarePlanKind = (typeof carePlanKinds)[number];

/** The programmes a resident is enrolled in (DOMAIN.md §3.1–3.7). */
export const programmes = [
  'hypertension',
  'diabetes',
  'transplant',
  'elderly',
  'pregnancy',
  'child',
] as const;
export type Programme = (typeof programmes)[number];

/** 签约人群类型 (DOMAIN.md §4): who a contract is for; one or more per contract. */
export const populationTypes = [
  'ordinary',
  'pregnant',
  'child',
  'elderly',
  'hypertension',
  'diabetes',
  'hyperlipidaemia',
  'mental',
  'tb',
  'lowIncome',
  'specialFamily',
  'disabled',
  'stroke',
  'coronary',
  'cancer',
] as const;
export type PopulationType = (typeof populationTypes)[number];

export const contractChannels = ['onSite', 'app'] as const;
export type ContractChannel = (typeof contractChannels)[number];

/** A contract's stored status; `expired` is derived from its end date (shared/followups/contracts.ts). */
export const contractStatuses = ['active', 'renewed', 'terminated'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const enrolmentStatuses = ['active', 'left'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export const leftReasons = ['moved', 'died', 'lost', 'other'] as const;
export type LeftReason = (typeof leftReasons)[number];

/** The family doctor team a contract is signed with (DOMAIN.md §4). */
export interface ContractTeam {
  name: string;
  doctorId: string;
  doctorName: string;
  nurseId: string | null;
  nurseName: string;
  publicHealthId: string | null;
  publicHealthName: string;
}

/** A service package of the contract, amounts in fen (分). */
export interface ContractPackage {
  code: string;
  name: string;
  priceFen: number;
  selfPayFen: number;
  insuranceFen: number;
}

export interface ContractFields {
  /** e.g. 'QY-20261207-0001' (desk-generated). */
  agreementNo: string;
  team: ContractTeam;
  /** '' when signed for one resident; the household number otherwise. */
  householdNo: string;
  populationTypes: PopulationType[];
  packages: ContractPackage[];
  /** YYYY-MM-DD, first day of the term. */
  startDate: string;
  /** YYYY-MM-DD, last day of the term (inclusive). */
  endDate: string;
  channel: ContractChannel;
  status: ContractStatus;
  /** The contract this one renews; null for a first contract. */
  renewsContractId: string | null;
  /** When it was terminated (ISO 8601); null unless terminated. */
  terminatedAt: string | null;
  /** '' unless terminated. */
  terminationReason: string;
  residentSignedAs: 'self' | 'guardian';
}

/** A doctor moving one due window's date, with the reason. */
export interface ScheduleEdit {
  windowKey: string;
  /** YYYY-MM-DD */
  dueDate: string;
  reason: string;
  /** ISO 8601 */
  at: string;
  by: string;
  byName: string;
}

/**
 * PIPL consent to share the enrolment's records with the transplant centre, as schema version 0
 * kept it: one value, overwritten, null after a withdrawal. Read through
 * shared/carePlans/consent.ts as a history of one entry; new writes keep `consents`.
 */
export interface EnrolmentConsent {
  /** ISO 8601 */
  at: string;
  by: string;
  byName: string;
  note: string;
}

export const consentActions = ['given', 'withdrawn'] as const;
export type ConsentAction = (typeof consentActions)[number];

/**
 * One entry of an enrolment's consent register (DOMAIN.md §7.1): the resident gave, or withdrew,
 * the consent to share with the transplant centre, recorded by `by` at `at`. Entries are only
 * appended; the state now is the last one (shared/carePlans/consent.ts).
 */
export interface ConsentEntry {
  action: ConsentAction;
  /** ISO 8601 */
  at: string;
  by: string;
  byName: string;
  /** How it was given (optional), or why it was withdrawn (required). */
  note: string;
}

/** A doctor correcting the transplant centre an active enrolment names, with the reason. */
export interface CentreCorrection {
  /** The organisation named before. */
  from: string;
  /** The organisation named from now on. */
  to: string;
  reason: string;
  /** ISO 8601 */
  at: string;
  by: string;
  byName: string;
}

export interface EnrolmentFields {
  programme: Programme;
  /** YYYY-MM-DD */
  enrolledOn: string;
  status: EnrolmentStatus;
  /** YYYY-MM-DD; null while active. */
  leftOn: string | null;
  leftReason: LeftReason | null;
  leftNote: string;
  /** Pregnancy: last menstrual period (YYYY-MM-DD); it or `dueDate`. */
  lmp: string | null;
  /** Pregnancy: expected date of delivery (YYYY-MM-DD). */
  dueDate: string | null;
  /** Transplant: the transplant centre (organisation id) that sets the plan. */
  transplantOrgId: string | null;
  /** Transplant: the date of the HSCT as the discharge letter says (YYYY-MM-DD). */
  transplantDate: string | null;
  /** Schema version 0's single consent; absent (or null) on enrolments that keep `consents`. */
  consent?: EnrolmentConsent | null;
  /** The consent register, appended only; absent on enrolments written under schema version 0. */
  consents?: ConsentEntry[];
  /** Corrections of `transplantOrgId`, appended only; absent when never corrected. */
  centreCorrections?: CentreCorrection[];
  scheduleEdits: ScheduleEdit[];
}

export interface TransplantPhase {
  fromMonth: number;
  toMonth: number;
  intervalMonths: number;
}

export interface TransplantPlanFields {
  /** The community centre's enrolment this plan is for. */
  enrolmentId: string;
  /** The centre that carries it out. */
  centreOrgId: string;
  /** YYYY-MM-DD */
  transplantDate: string;
  /** e.g. months 0–12 every 3, 12–60 every 6. */
  phases: TransplantPhase[];
  /** Tests each visit (shared/observations/analytes.ts codes). */
  tests: AnalyteCode[];
  instructions: string;
  /** 1 when set; +1 with a reason for each change (only the owner changes it). */
  revision: number;
  revisionReason: string;
}

export interface CarePlanDoc {
  id: string;
  orgId: string;
  sharedWith: string[];
  patientId: string;
  kind: CarePlanKind;
  contract?: ContractFields;
  enrolment?: EnrolmentFields;
  transplantPlan?: TransplantPlanFields;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
}

/** A care plan of one kind, with its payload present. */
export type ContractDoc = CarePlanDoc & { kind: 'contract'; contract: ContractFields };
export type EnrolmentDoc = CarePlanDoc & { kind: 'enrolment'; enrolment: EnrolmentFields };
export type TransplantPlanDoc = CarePlanDoc & {
  kind: 'transplantPlan';
  transplantPlan: TransplantPlanFields;
};

export const isContract = (doc: CarePlanDoc): doc is ContractDoc => doc.kind === 'contract' && !!doc.contract;
export const isEnrolment = (doc: CarePlanDoc): doc is EnrolmentDoc =>
  doc.kind === 'enrolment' && !!doc.enrolment;
export const isTransplantPlan = (doc: CarePlanDoc): doc is TransplantPlanDoc =>
  doc.kind === 'transplantPlan' && !!doc.transplantPlan;

/** Longest text per field, shared by the schema and the rules. */
export const carePlanTextLimits = {
  agreementNo: 40,
  teamName: 60,
  name: 50,
  householdNo: 40,
  packageCode: 40,
  packageName: 100,
  reason: 500,
  note: 500,
  instructions: 2000,
  windowKey: 40,
} as const;

export const maxPackages = 20;
export const maxScheduleEdits = 200;
export const maxConsentEntries = 200;
export const maxCentreCorrections = 20;
export const maxPhases = 10;
export const maxPlanTests = 40;

const date = text(10);
const nullableDate = nullableText(10);
const fen = { type: 'integer', minimum: 0, maximum: 100_000_000, multipleOf: 1 } as const;
const month = { type: 'integer', minimum: 0, maximum: 600, multipleOf: 1 } as const;

const contractJsonSchema = {
  type: 'object',
  properties: {
    agreementNo: text(carePlanTextLimits.agreementNo),
    team: {
      type: 'object',
      properties: {
        name: text(carePlanTextLimits.teamName),
        doctorId: text(64),
        doctorName: text(carePlanTextLimits.name),
        nurseId: nullableText(64),
        nurseName: text(carePlanTextLimits.name),
        publicHealthId: nullableText(64),
        publicHealthName: text(carePlanTextLimits.name),
      },
      required: [
        'name',
        'doctorId',
        'doctorName',
        'nurseId',
        'nurseName',
        'publicHealthId',
        'publicHealthName',
      ],
      additionalProperties: false,
    },
    householdNo: text(carePlanTextLimits.householdNo),
    populationTypes: {
      type: 'array',
      maxItems: populationTypes.length,
      items: { type: 'string', enum: [...populationTypes] },
    },
    packages: {
      type: 'array',
      maxItems: maxPackages,
      items: {
        type: 'object',
        properties: {
          code: text(carePlanTextLimits.packageCode),
          name: text(carePlanTextLimits.packageName),
          priceFen: fen,
          selfPayFen: fen,
          insuranceFen: fen,
        },
        required: ['code', 'name', 'priceFen', 'selfPayFen', 'insuranceFen'],
        additionalProperties: false,
      },
    },
    startDate: date,
    endDate: date,
    channel: { type: 'string', enum: [...contractChannels] },
    status: { type: 'string', enum: [...contractStatuses] },
    renewsContractId: nullableText(36),
    terminatedAt: nullableText(40),
    terminationReason: text(carePlanTextLimits.reason),
    residentSignedAs: { type: 'string', enum: ['self', 'guardian'] },
  },
  required: [
    'agreementNo',
    'team',
    'householdNo',
    'populationTypes',
    'packages',
    'startDate',
    'endDate',
    'channel',
    'status',
    'renewsContractId',
    'terminatedAt',
    'terminationReason',
    'residentSignedAs',
  ],
  additionalProperties: false,
} as const;

const enrolmentJsonSchema = {
  type: 'object',
  properties: {
    programme: { type: 'string', enum: [...programmes] },
    enrolledOn: date,
    status: { type: 'string', enum: [...enrolmentStatuses] },
    leftOn: nullableDate,
    leftReason: { type: ['string', 'null'], enum: [...leftReasons, null] },
    leftNote: text(carePlanTextLimits.note),
    lmp: nullableDate,
    dueDate: nullableDate,
    transplantOrgId: nullableText(64),
    transplantDate: nullableDate,
    consent: {
      type: ['object', 'null'],
      properties: {
        at: text(40),
        by: text(64),
        byName: text(carePlanTextLimits.name),
        note: text(carePlanTextLimits.note),
      },
      required: ['at', 'by', 'byName', 'note'],
      additionalProperties: false,
    },
    consents: {
      type: 'array',
      maxItems: maxConsentEntries,
      items: {
        type: 'object',
        properties: {
          action: { type: 'string', enum: [...consentActions] },
          at: text(40),
          by: text(64),
          byName: text(carePlanTextLimits.name),
          note: text(carePlanTextLimits.note),
        },
        required: ['action', 'at', 'by', 'byName', 'note'],
        additionalProperties: false,
      },
    },
    centreCorrections: {
      type: 'array',
      maxItems: maxCentreCorrections,
      items: {
        type: 'object',
        properties: {
          from: text(64),
          to: text(64),
          reason: text(carePlanTextLimits.reason),
          at: text(40),
          by: text(64),
          byName: text(carePlanTextLimits.name),
        },
        required: ['from', 'to', 'reason', 'at', 'by', 'byName'],
        additionalProperties: false,
      },
    },
    scheduleEdits: {
      type: 'array',
      maxItems: maxScheduleEdits,
      items: {
        type: 'object',
        properties: {
          windowKey: text(carePlanTextLimits.windowKey),
          dueDate: date,
          reason: text(carePlanTextLimits.reason),
          at: text(40),
          by: text(64),
          byName: text(carePlanTextLimits.name),
        },
        required: ['windowKey', 'dueDate', 'reason', 'at', 'by', 'byName'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'programme',
    'enrolledOn',
    'status',
    'leftOn',
    'leftReason',
    'leftNote',
    'lmp',
    'dueDate',
    'transplantOrgId',
    'transplantDate',
    'scheduleEdits',
  ],
  additionalProperties: false,
} as const;

const transplantPlanJsonSchema = {
  type: 'object',
  properties: {
    enrolmentId: text(36),
    centreOrgId: text(64),
    transplantDate: date,
    phases: {
      type: 'array',
      maxItems: maxPhases,
      items: {
        type: 'object',
        properties: {
          fromMonth: month,
          toMonth: month,
          intervalMonths: { type: 'integer', minimum: 1, maximum: 120, multipleOf: 1 },
        },
        required: ['fromMonth', 'toMonth', 'intervalMonths'],
        additionalProperties: false,
      },
    },
    tests: stringList(maxPlanTests, 20),
    instructions: text(carePlanTextLimits.instructions),
    revision: { type: 'integer', minimum: 1, maximum: 10000, multipleOf: 1 },
    revisionReason: text(carePlanTextLimits.reason),
  },
  required: [
    'enrolmentId',
    'centreOrgId',
    'transplantDate',
    'phases',
    'tests',
    'instructions',
    'revision',
    'revisionReason',
  ],
  additionalProperties: false,
} as const;

/**
 * 1: the consent became a register (`consents`, appended only) and the transplant centre can be
 * corrected (`centreCorrections`); version 0's `consent` is converted on the desk
 * ({@link carePlanMigrations}) and still accepted, and read as one entry, where a platform or an
 * older desk holds it.
 */
export const carePlanSchemaVersion = 1;

/** Version 0's consent as the register's first entry: a given consent, or none. */
function consentsOfVersion0(consent: unknown): ConsentEntry[] {
  if (!consent || typeof consent !== 'object') return [];
  const c = consent as EnrolmentConsent;
  return [{ action: 'given', at: c.at, by: c.by, byName: c.byName, note: c.note }];
}

/** RxDB migration strategies of the `carePlans` collection, by the version they migrate to. */
export const carePlanMigrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  1: (old) => {
    const enrolment = old.enrolment as Record<string, unknown> | undefined;
    if (!enrolment || Array.isArray(enrolment.consents)) return old;
    const { consent, ...rest } = enrolment;
    return { ...old, enrolment: { ...rest, consents: consentsOfVersion0(consent) } };
  },
};

export const carePlanSchema = {
  title: 'carePlans',
  description: 'Family doctor contracts, programme enrolments and post-transplant plans',
  version: carePlanSchemaVersion,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    orgId: text(64),
    sharedWith: stringList(50, 64),
    patientId: text(36),
    kind: { type: 'string', enum: [...carePlanKinds], maxLength: 20 },
    contract: contractJsonSchema,
    enrolment: enrolmentJsonSchema,
    transplantPlan: transplantPlanJsonSchema,
    createdBy: text(64),
    createdByName: text(carePlanTextLimits.name),
    createdAt: text(40),
    updatedAt: text(40),
  },
  required: [
    'id',
    'orgId',
    'sharedWith',
    'patientId',
    'kind',
    'createdBy',
    'createdByName',
    'createdAt',
    'updatedAt',
  ],
  indexes: ['patientId', 'kind', 'updatedAt'],
  additionalProperties: false,
} as const;
