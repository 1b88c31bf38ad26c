/**
 * The contract form's values as a draft keeps them (plain JSON), their checks, and the contract
 * fields they become. Pure: the screens word the error codes (`contracts` namespace).
 */
import {
  populationTypes as allPopulationTypes,
  type ContractChannel,
  type ContractFields,
  type ContractPackage,
  type ContractTeam,
  type PopulationType,
} from '../../../shared/carePlans/schema';

/** The centre's service packages (个性化服务包), amounts in fen; the basic package is free. */
export const packageCatalogue = [
  { code: 'basic', priceFen: 0, selfPayFen: 0, insuranceFen: 0 },
  { code: 'chronic', priceFen: 12000, selfPayFen: 4000, insuranceFen: 8000 },
  { code: 'elderly', priceFen: 6000, selfPayFen: 2000, insuranceFen: 4000 },
  { code: 'maternal', priceFen: 8000, selfPayFen: 3000, insuranceFen: 5000 },
  { code: 'child', priceFen: 6000, selfPayFen: 2000, insuranceFen: 4000 },
] as const;
export type PackageCode = (typeof packageCatalogue)[number]['code'];

export type ContractDraft = {
  teamName: string;
  doctorId: string;
  nurseId: string;
  publicHealthId: string;
  scope: 'resident' | 'household';
  householdNo: string;
  populationTypes: PopulationType[];
  packages: PackageCode[];
  startDate: string;
  endDate: string;
  channel: ContractChannel;
  residentSignedAs: 'self' | 'guardian';
};

export type ContractFormField =
  'teamName' | 'doctorId' | 'householdNo' | 'populationTypes' | 'packages' | 'startDate' | 'endDate';

export type ContractFormError =
  | 'required'
  | 'doctorRequired'
  | 'populationRequired'
  | 'packageRequired'
  | 'dateInvalid'
  | 'endBeforeStart'
  | 'householdRequired';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `date` (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The last day of a one-year term starting on `start`: a year on, less one day (2026-12-07 →
 * 2027-12-06; a term from 29 February ends on 28 February, the day before 1 March).
 */
export function oneYearTermEnd(start: string): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  // 29 February in a year without one rolls on to 1 March.
  const anniversary = new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
  return addDays(anniversary, -1);
}

/** The population type each of a resident's key-population tags stands for. */
const tagPopulation: Record<string, PopulationType> = {
  hypertension: 'hypertension',
  diabetes: 'diabetes',
  elderly: 'elderly',
  pregnancy: 'pregnant',
  child: 'child',
  severeMental: 'mental',
};

/**
 * Population types a resident's own record suggests: their key-population tags, elderly from 65
 * and child up to 6 years of age; ordinary when none applies.
 */
export function suggestedPopulationTypes(tags: readonly string[], age: number | null): PopulationType[] {
  const found = new Set(tags.map((tag) => tagPopulation[tag]).filter((p): p is PopulationType => !!p));
  if (age !== null && age >= 65) found.add('elderly');
  if (age !== null && age <= 6) found.add('child');
  const ordered = allPopulationTypes.filter((p) => found.has(p));
  return ordered.length > 0 ? ordered : ['ordinary'];
}

/** A new contract's form: the operator's own team, starting `today`, for one year. */
export function newContractDraft(options: {
  today: string;
  doctorId: string;
  teamName: string;
  householdNo: string;
  populationTypes: PopulationType[];
}): ContractDraft {
  return {
    teamName: options.teamName,
    doctorId: options.doctorId,
    nurseId: '',
    publicHealthId: '',
    scope: 'resident',
    householdNo: options.householdNo,
    populationTypes: options.populationTypes,
    packages: ['basic'],
    startDate: options.today,
    endDate: oneYearTermEnd(options.today),
    channel: 'onSite',
    residentSignedAs: 'self',
  };
}

/**
 * A renewal's form: the same team, population types and packages as `previous`, starting the day
 * after it ends (or `today`, when it has already ended), for one year.
 */
export function renewalDraft(previous: ContractFields, today: string): ContractDraft {
  const next = addDays(previous.endDate, 1);
  const start = next < today ? today : next;
  return {
    teamName: previous.team.name,
    doctorId: previous.team.doctorId,
    nurseId: previous.team.nurseId ?? '',
    publicHealthId: previous.team.publicHealthId ?? '',
    scope: previous.householdNo ? 'household' : 'resident',
    householdNo: previous.householdNo,
    populationTypes: [...previous.populationTypes],
    packages: previous.packages
      .map((p) => p.code)
      .filter((code): code is PackageCode => packageCatalogue.some((c) => c.code === code)),
    startDate: start,
    endDate: oneYearTermEnd(start),
    channel: previous.channel,
    residentSignedAs: previous.residentSignedAs,
  };
}

/** What is wrong with the form, field by field; empty when it can be saved. */
export function contractDraftErrors(
  draft: ContractDraft,
): Partial<Record<ContractFormField, ContractFormError>> {
  const errors: Partial<Record<ContractFormField, ContractFormError>> = {};
  if (!draft.teamName.trim()) errors.teamName = 'required';
  if (!draft.doctorId) errors.doctorId = 'doctorRequired';
  if (draft.scope === 'household' && !draft.householdNo.trim()) errors.householdNo = 'householdRequired';
  if (draft.populationTypes.length === 0) errors.populationTypes = 'populationRequired';
  if (draft.packages.length === 0) errors.packages = 'packageRequired';
  if (!draft.startDate) errors.startDate = 'required';
  else if (!isCalendarDate(draft.startDate)) errors.startDate = 'dateInvalid';
  if (!draft.endDate) errors.endDate = 'required';
  else if (!isCalendarDate(draft.endDate)) errors.endDate = 'dateInvalid';
  else if (!errors.startDate && draft.endDate < draft.startDate) errors.endDate = 'endBeforeStart';
  return errors;
}

/** A staff member as the form offers them: id and name. */
export interface StaffChoice {
  id: string;
  name: string;
}

/** The packages chosen, with their amounts and the names the screen gives them. */
export function packagesOf(
  codes: readonly PackageCode[],
  nameOf: (code: PackageCode) => string,
): ContractPackage[] {
  return packageCatalogue
    .filter((p) => codes.includes(p.code))
    .map((p) => ({
      code: p.code,
      name: nameOf(p.code),
      priceFen: p.priceFen,
      selfPayFen: p.selfPayFen,
      insuranceFen: p.insuranceFen,
    }));
}

/** The sums of the packages' price, self-pay and insurance parts, in fen. */
export function packageTotals(
  packages: readonly Pick<ContractPackage, 'priceFen' | 'selfPayFen' | 'insuranceFen'>[],
) {
  return packages.reduce(
    (sum, p) => ({
      priceFen: sum.priceFen + p.priceFen,
      selfPayFen: sum.selfPayFen + p.selfPayFen,
      insuranceFen: sum.insuranceFen + p.insuranceFen,
    }),
    { priceFen: 0, selfPayFen: 0, insuranceFen: 0 },
  );
}

/** Fen as yuan with two decimals: 12000 → '120.00'. */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/**
 * The contract fields the form's values become (status active, not renewing anything unless
 * `renewsContractId`), with the team's names looked up among `staff`.
 */
export function contractFieldsOf(
  draft: ContractDraft,
  options: {
    agreementNo: string;
    staff: readonly StaffChoice[];
    packageName: (code: PackageCode) => string;
    renewsContractId?: string | null;
  },
): ContractFields {
  const nameOf = (id: string) => options.staff.find((s) => s.id === id)?.name ?? '';
  const team: ContractTeam = {
    name: draft.teamName.trim(),
    doctorId: draft.doctorId,
    doctorName: nameOf(draft.doctorId),
    nurseId: draft.nurseId || null,
    nurseName: draft.nurseId ? nameOf(draft.nurseId) : '',
    publicHealthId: draft.publicHealthId || null,
    publicHealthName: draft.publicHealthId ? nameOf(draft.publicHealthId) : '',
  };
  return {
    agreementNo: options.agreementNo,
    team,
    householdNo: draft.scope === 'household' ? draft.householdNo.trim() : '',
    populationTypes: allPopulationTypes.filter((t) => draft.populationTypes.includes(t)),
    packages: packagesOf(draft.packages, options.packageName),
    startDate: draft.startDate,
    endDate: draft.endDate,
    channel: draft.channel,
    status: 'active',
    renewsContractId: options.renewsContractId ?? null,
    terminatedAt: null,
    terminationReason: '',
    residentSignedAs: draft.residentSignedAs,
  };
}

/**
 * An agreement number: QY, the signing date and four characters of the new document's id, which
 * is random per desk (e.g. QY-20261207-3F9A), so two desks signing on one day do not collide.
 */
export function agreementNumber(date: string, docId: string): string {
  const tail = docId.replace(/-/g, '').slice(-4).toUpperCase();
  return `QY-${date.replace(/-/g, '')}-${tail}`;
}
