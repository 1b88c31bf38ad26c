/**
 * A follow-up visit (随访) of a key-population programme (DOMAIN.md §3.1, §3.2, §3.7): an
 * encounter of `kind: 'followUp'` whose `followUp` holds the national form beside the encounter's
 * own vitals. It is signed like a consultation (same lock, amendment and re-authentication rules);
 * the programme is the reason for the visit, so it needs no diagnosis to be signed. The schedule
 * and classification rules live in shared/followups.
 */
import type { Programme } from '../carePlans/schema';
import { programmes } from '../carePlans/schema';
import { nullableText, stringList, text } from '../json/schemaParts';

/** 控制满意 / 控制不满意 / 不良反应 / 并发症 */
export const classifications = ['satisfactory', 'unsatisfactory', 'adverseReaction', 'complication'] as const;
export type Classification = (typeof classifications)[number];

/** The next management step: routine visit, revisit within 2 weeks, referral, urgent referral. */
export const nextSteps = ['routine', 'twoWeek', 'referral', 'urgentReferral'] as const;
export type NextStep = (typeof nextSteps)[number];

export const followUpMethods = ['clinic', 'home', 'phone'] as const;
export type FollowUpMethod = (typeof followUpMethods)[number];

export const saltLevels = ['light', 'medium', 'heavy'] as const;
export type SaltLevel = (typeof saltLevels)[number];

export const ratings = ['good', 'fair', 'poor'] as const;
export type Rating = (typeof ratings)[number];

export const adherenceLevels = ['regular', 'intermittent', 'none'] as const;
export type Adherence = (typeof adherenceLevels)[number];

export const hypoglycaemiaLevels = ['none', 'occasional', 'frequent'] as const;
export type Hypoglycaemia = (typeof hypoglycaemiaLevels)[number];

export const pulseLevels = ['normal', 'weakened', 'absent'] as const;
export type DorsalisPedis = (typeof pulseLevels)[number];

export const pulseSides = ['both', 'left', 'right'] as const;
export type DorsalisSide = (typeof pulseSides)[number];

export interface FollowUpLifestyle {
  /** Cigarettes a day. */
  smokingNow: number | null;
  smokingTarget: number | null;
  /** Liang (两) of liquor a day. */
  alcoholNow: number | null;
  alcoholTarget: number | null;
  /** Times a week, minutes a time. */
  exerciseTimesNow: number | null;
  exerciseMinutesNow: number | null;
  exerciseTimesTarget: number | null;
  exerciseMinutesTarget: number | null;
  saltNow: SaltLevel | null;
  saltTarget: SaltLevel | null;
  /** Staple food, grams a day (diabetes form). */
  stapleNow: number | null;
  stapleTarget: number | null;
  psychology: Rating | null;
  compliance: Rating | null;
}

export interface FollowUpMedication {
  name: string;
  timesPerDay: number;
  dosePerTime: number;
  unit: string;
}

export interface FollowUpReferral {
  reason: string;
  institution: string;
  department: string;
  contact: string;
  result: 'arrived' | 'notArrived' | null;
}

export interface FollowUpForm {
  programme: Programme;
  enrolmentId: string;
  /** The due window this visit fulfils (shared/followups/windows.ts); null for an extra visit. */
  windowKey: string | null;
  method: FollowUpMethod;
  /** '' unless this visit records the patient as lost to follow-up (失访). */
  lostReason: string;
  /** Codes per programme (shared/followups/forms.ts); 'none' alone when there are none. */
  symptoms: string[];
  symptomsOther: string;
  targets: { weight: number | null; bmi: number | null };
  dorsalisPedis: DorsalisPedis | null;
  dorsalisSide: DorsalisSide | null;
  lifestyle: FollowUpLifestyle;
  /** Auxiliary tests between visits, free text. */
  tests: string;
  /** mmol/L */
  fbg: number | null;
  /** % */
  hba1c: number | null;
  hba1cDate: string | null;
  adherence: Adherence | null;
  /** '' = none. */
  adverseReaction: string;
  reactionUncontrolled: boolean;
  newComplication: boolean;
  hypoglycaemia: Hypoglycaemia | null;
  medications: FollowUpMedication[];
  insulin: { type: string; dose: string } | null;
  medicationAdvice: string;
  classification: Classification;
  computedClassification: Classification;
  /** '' when `classification` equals the computed one; required otherwise. */
  classificationReason: string;
  nextStep: NextStep;
  computedNextStep: NextStep;
  /** YYYY-MM-DD */
  nextDate: string;
  computedNextDate: string;
  /** '' when `nextStep` and `nextDate` equal the computed ones; required otherwise. */
  nextReason: string;
  /** Trigger codes that fired (shared/followups/urgent.ts). */
  urgentTriggers: string[];
  referral: FollowUpReferral | null;
  /** The resident (or family) confirmed the record (签字). */
  residentConfirmed: boolean;
  /** Transplant: GVHD signs, infection, fever reported. */
  gvhd: string[];
}

/** Longest text per field of the form. */
export const followUpTextLimits = {
  lostReason: 500,
  symptomsOther: 500,
  tests: 2000,
  adverseReaction: 500,
  medicationAdvice: 2000,
  reason: 500,
  medicationName: 100,
  unit: 20,
  referralText: 200,
  insulin: 100,
  code: 40,
} as const;

export const maxFollowUpMedications = 20;
export const maxFollowUpCodes = 30;

/** An empty lifestyle block (every value not asked yet). */
export const emptyLifestyle: FollowUpLifestyle = {
  smokingNow: null,
  smokingTarget: null,
  alcoholNow: null,
  alcoholTarget: null,
  exerciseTimesNow: null,
  exerciseMinutesNow: null,
  exerciseTimesTarget: null,
  exerciseMinutesTarget: null,
  saltNow: null,
  saltTarget: null,
  stapleNow: null,
  stapleTarget: null,
  psychology: null,
  compliance: null,
};

/**
 * A blank form for a visit of `programme` in enrolment `enrolmentId` (for window `windowKey`),
 * due next on `nextDate` until the rules compute otherwise: classification satisfactory, routine
 * next step, nothing asked yet.
 */
export function emptyFollowUpForm(input: {
  programme: Programme;
  enrolmentId: string;
  windowKey: string | null;
  nextDate: string;
}): FollowUpForm {
  return {
    programme: input.programme,
    enrolmentId: input.enrolmentId,
    windowKey: input.windowKey,
    method: 'clinic',
    lostReason: '',
    symptoms: [],
    symptomsOther: '',
    targets: { weight: null, bmi: null },
    dorsalisPedis: null,
    dorsalisSide: null,
    lifestyle: { ...emptyLifestyle },
    tests: '',
    fbg: null,
    hba1c: null,
    hba1cDate: null,
    adherence: null,
    adverseReaction: '',
    reactionUncontrolled: false,
    newComplication: false,
    hypoglycaemia: null,
    medications: [],
    insulin: null,
    medicationAdvice: '',
    classification: 'satisfactory',
    computedClassification: 'satisfactory',
    classificationReason: '',
    nextStep: 'routine',
    computedNextStep: 'routine',
    nextDate: input.nextDate,
    computedNextDate: input.nextDate,
    nextReason: '',
    urgentTriggers: [],
    referral: null,
    residentConfirmed: false,
    gvhd: [],
  };
}

const num = { type: ['number', 'null'] } as const;
const nullableEnum = <T extends readonly string[]>(values: T) =>
  ({ type: ['string', 'null'], enum: [...values, null] }) as const;
const codes = stringList(maxFollowUpCodes, followUpTextLimits.code);

/** The JSON schema of {@link FollowUpForm}, part of the encounter schema since version 3. */
export const followUpJsonSchema = {
  type: 'object',
  properties: {
    programme: { type: 'string', enum: [...programmes] },
    enrolmentId: text(36),
    windowKey: nullableText(40),
    method: { type: 'string', enum: [...followUpMethods] },
    lostReason: text(followUpTextLimits.lostReason),
    symptoms: codes,
    symptomsOther: text(followUpTextLimits.symptomsOther),
    targets: {
      type: 'object',
      properties: { weight: num, bmi: num },
      required: ['weight', 'bmi'],
      additionalProperties: false,
    },
    dorsalisPedis: nullableEnum(pulseLevels),
    dorsalisSide: nullableEnum(pulseSides),
    lifestyle: {
      type: 'object',
      properties: {
        smokingNow: num,
        smokingTarget: num,
        alcoholNow: num,
        alcoholTarget: num,
        exerciseTimesNow: num,
        exerciseMinutesNow: num,
        exerciseTimesTarget: num,
        exerciseMinutesTarget: num,
        saltNow: nullableEnum(saltLevels),
        saltTarget: nullableEnum(saltLevels),
        stapleNow: num,
        stapleTarget: num,
        psychology: nullableEnum(ratings),
        compliance: nullableEnum(ratings),
      },
      required: Object.keys(emptyLifestyle),
      additionalProperties: false,
    },
    tests: text(followUpTextLimits.tests),
    fbg: num,
    hba1c: num,
    hba1cDate: nullableText(10),
    adherence: nullableEnum(adherenceLevels),
    adverseReaction: text(followUpTextLimits.adverseReaction),
    reactionUncontrolled: { type: 'boolean' },
    newComplication: { type: 'boolean' },
    hypoglycaemia: nullableEnum(hypoglycaemiaLevels),
    medications: {
      type: 'array',
      maxItems: maxFollowUpMedications,
      items: {
        type: 'object',
        properties: {
          name: text(followUpTextLimits.medicationName),
          timesPerDay: { type: 'number', minimum: 0, maximum: 24 },
          dosePerTime: { type: 'number', minimum: 0, maximum: 100000 },
          unit: text(followUpTextLimits.unit),
        },
        required: ['name', 'timesPerDay', 'dosePerTime', 'unit'],
        additionalProperties: false,
      },
    },
    insulin: {
      type: ['object', 'null'],
      properties: { type: text(followUpTextLimits.insulin), dose: text(followUpTextLimits.insulin) },
      required: ['type', 'dose'],
      additionalProperties: false,
    },
    medicationAdvice: text(followUpTextLimits.medicationAdvice),
    classification: { type: 'string', enum: [...classifications] },
    computedClassification: { type: 'string', enum: [...classifications] },
    classificationReason: text(followUpTextLimits.reason),
    nextStep: { type: 'string', enum: [...nextSteps] },
    computedNextStep: { type: 'string', enum: [...nextSteps] },
    nextDate: text(10),
    computedNextDate: text(10),
    nextReason: text(followUpTextLimits.reason),
    urgentTriggers: codes,
    referral: {
      type: ['object', 'null'],
      properties: {
        reason: text(followUpTextLimits.reason),
        institution: text(followUpTextLimits.referralText),
        department: text(followUpTextLimits.referralText),
        contact: text(followUpTextLimits.referralText),
        result: nullableEnum(['arrived', 'notArrived'] as const),
      },
      required: ['reason', 'institution', 'department', 'contact', 'result'],
      additionalProperties: false,
    },
    residentConfirmed: { type: 'boolean' },
    gvhd: codes,
  },
  required: [
    'programme',
    'enrolmentId',
    'windowKey',
    'method',
    'lostReason',
    'symptoms',
    'symptomsOther',
    'targets',
    'dorsalisPedis',
    'dorsalisSide',
    'lifestyle',
    'tests',
    'fbg',
    'hba1c',
    'hba1cDate',
    'adherence',
    'adverseReaction',
    'reactionUncontrolled',
    'newComplication',
    'hypoglycaemia',
    'medications',
    'insulin',
    'medicationAdvice',
    'classification',
    'computedClassification',
    'classificationReason',
    'nextStep',
    'computedNextStep',
    'nextDate',
    'computedNextDate',
    'nextReason',
    'urgentTriggers',
    'referral',
    'residentConfirmed',
    'gvhd',
  ],
  additionalProperties: false,
} as const;
