/**
 * The coded vocabularies of a prescription (DOMAIN.md §1.2, §1.3, §1.7): frequencies, routes,
 * dosage forms, units, control classes and slip types. Records store the codes; every display
 * string comes from the `prescriptions` i18n namespace (`frequencies.<code>`, `routes.<code>`,
 * `forms.<code>`, `units.<code>`, `control.<code>`, `types.<code>`, …).
 */

/**
 * How often a dose is given, as `times` administrations every `everyDays` days; null for the
 * frequencies whose count cannot be known in advance (st once now, prn as needed, sos once if
 * needed), where the doctor types the quantity.
 */
export interface FrequencyDefinition {
  times: number;
  everyDays: number;
}

/** Frequency codes (Latin abbreviations, DOMAIN.md §1.7) with their administrations. */
export const frequencyDefinitions = {
  qd: { times: 1, everyDays: 1 },
  bid: { times: 2, everyDays: 1 },
  tid: { times: 3, everyDays: 1 },
  qid: { times: 4, everyDays: 1 },
  qod: { times: 1, everyDays: 2 },
  qw: { times: 1, everyDays: 7 },
  biw: { times: 2, everyDays: 7 },
  qh: { times: 24, everyDays: 1 },
  q4h: { times: 6, everyDays: 1 },
  q6h: { times: 4, everyDays: 1 },
  q8h: { times: 3, everyDays: 1 },
  q12h: { times: 2, everyDays: 1 },
  q72h: { times: 1, everyDays: 3 },
  qn: { times: 1, everyDays: 1 },
  hs: { times: 1, everyDays: 1 },
  st: null,
  prn: null,
  sos: null,
} as const satisfies Record<string, FrequencyDefinition | null>;

export type Frequency = keyof typeof frequencyDefinitions;
export const frequencies = Object.keys(frequencyDefinitions) as Frequency[];

/** Whether `value` is a known frequency code. */
export const isFrequency = (value: unknown): value is Frequency =>
  typeof value === 'string' && Object.hasOwn(frequencyDefinitions, value);

/**
 * Administrations per day (qod 0.5, qw 1/7, biw 2/7), or null when the frequency cannot be
 * counted (st, prn, sos).
 */
export function administrationsPerDay(frequency: Frequency): number | null {
  const definition: FrequencyDefinition | null = frequencyDefinitions[frequency];
  return definition ? definition.times / definition.everyDays : null;
}

/** Routes of administration (用法). */
export const routes = [
  'po',
  'sl',
  'buccal',
  'im',
  'iv',
  'ivgtt',
  'ih',
  'id',
  'inhal',
  'neb',
  'ext',
  'pr',
  'eye',
  'nasal',
  'ear',
  'vaginal',
  'gargle',
] as const;
export type Route = (typeof routes)[number];
export const isRoute = (value: unknown): value is Route =>
  typeof value === 'string' && (routes as readonly string[]).includes(value);

/** Dosage forms (剂型). */
export const dosageForms = [
  'tablet',
  'sustainedTablet',
  'controlledTablet',
  'entericTablet',
  'dispersibleTablet',
  'chewableTablet',
  'effervescentTablet',
  'lozenge',
  'vaginalTablet',
  'capsule',
  'sustainedCapsule',
  'entericCapsule',
  'softCapsule',
  'granules',
  'powder',
  'pill',
  'dripPill',
  'syrup',
  'oralSolution',
  'oralLiquid',
  'suspension',
  'drops',
  'injection',
  'powderInjection',
  'infusion',
  'ointment',
  'cream',
  'gel',
  'lotion',
  'solution',
  'eyeDrops',
  'eyeOintment',
  'eyeGel',
  'earDrops',
  'nasalDrops',
  'nasalSpray',
  'inhaler',
  'inhalationPowder',
  'nebuliserSolution',
  'suppository',
  'patch',
  'plaster',
  'spray',
] as const;
export type DosageForm = (typeof dosageForms)[number];

/** Units a dose is written in: legal measures (§1.2) and countable pieces. */
export const doseUnits = [
  'mg',
  'g',
  'μg',
  'ml',
  'IU',
  'U',
  'tablet',
  'capsule',
  'drop',
  'puff',
  'bag',
  'pill',
  'piece',
  'suppository',
  'application',
] as const;
export type DoseUnit = (typeof doseUnits)[number];
export const isDoseUnit = (value: unknown): value is DoseUnit =>
  typeof value === 'string' && (doseUnits as readonly string[]).includes(value);

/**
 * Dose units that cannot be turned into a count of dispensing units: an application of cream
 * (外用适量) has no fixed size, so the doctor types the quantity.
 */
export const uncountableDoseUnits: readonly DoseUnit[] = ['application'];

/** Units drugs are dispensed and packed in (片, 粒, 袋, 支, 瓶, 盒 …). */
export const dispensingUnits = [
  'tablet',
  'capsule',
  'pill',
  'bag',
  'ampoule',
  'vial',
  'bottle',
  'tube',
  'box',
  'pen',
  'cartridge',
  'syringe',
  'patch',
  'inhaler',
  'suppository',
  'piece',
] as const;
export type DispensingUnit = (typeof dispensingUnits)[number];
export const isDispensingUnit = (value: unknown): value is DispensingUnit =>
  typeof value === 'string' && (dispensingUnits as readonly string[]).includes(value);

/**
 * Legal control classes: narcotic (麻醉药品), psychotropic class I and II (第一类/第二类精神药品),
 * medical toxic drugs (医疗用毒性药品), radioactive drugs (放射性药品) and precursor chemicals incl.
 * ephedrine compounds (易制毒). Every class but `none` is excluded from long prescriptions
 * (DOMAIN.md §1.4). `none` comes first (the default choice); the others are listed strictest
 * first, which is how a typed name that matches several entries picks its class (items.ts).
 */
export const controlClasses = [
  'none',
  'narcotic',
  'psychotropic1',
  'psychotropic2',
  'toxic',
  'radioactive',
  'precursor',
] as const;
export type ControlClass = (typeof controlClasses)[number];

/**
 * Allergen groups a drug belongs to, matched against the patient's allergy history. Group codes
 * double as i18n keys (`allergenGroups.<code>`).
 */
export const allergenGroups = [
  'penicillin',
  'cephalosporin',
  'sulfonamide',
  'aspirin-nsaid',
  'macrolide',
  'quinolone',
  'tetracycline',
  'aminoglycoside',
  'lincosamide',
  'nitroimidazole',
  'opioid',
  'iodine',
] as const;
export type AllergenGroup = (typeof allergenGroups)[number];

/** Therapeutic groups for browsing the formulary. */
export const drugCategories = [
  'cardiovascular',
  'antithrombotic',
  'lipid',
  'antidiabetic',
  'endocrine',
  'gastrointestinal',
  'respiratory',
  'antimicrobial',
  'antiviral',
  'analgesic',
  'neurology',
  'psychiatry',
  'vitamin',
  'urology',
  'dermatology',
  'ophthalmology',
  'ent',
  'fluids',
  'emergency',
  'tcm',
] as const;
export type DrugCategory = (typeof drugCategories)[number];

/**
 * Slip types this workstation issues (DOMAIN.md §1.3). Narcotic and psychotropic class I slips
 * (麻、精一) follow the special paper process and are never issued here.
 */
export const prescriptionTypes = ['ordinary', 'emergency', 'paediatric', 'psychotropic2'] as const;
export type PrescriptionType = (typeof prescriptionTypes)[number];

export type PaperColour = 'white' | 'lightYellow' | 'lightGreen' | 'lightRed';

/**
 * How a slip of each type is printed: whether it carries a top-right corner label
 * (`types.<type>` in i18n) and the paper colour to hint at (`paper.<colour>`).
 */
export const slipStyles: Readonly<Record<PrescriptionType, { cornerLabel: boolean; paper: PaperColour }>> = {
  ordinary: { cornerLabel: false, paper: 'white' },
  emergency: { cornerLabel: true, paper: 'lightYellow' },
  paediatric: { cornerLabel: true, paper: 'lightGreen' },
  psychotropic2: { cornerLabel: true, paper: 'white' },
};

/** Fee categories (费别) printed in the slip header. */
export const feeCategories = [
  'selfPay',
  'employeeInsurance',
  'residentInsurance',
  'publicFunded',
  'other',
] as const;
export type FeeCategory = (typeof feeCategories)[number];
