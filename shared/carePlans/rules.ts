/**
 * Rules of care plans (shared/carePlans/schema.ts), the same on the desk and on the platform:
 * - what a contract, an enrolment or a transplant plan must hold to be stored ({@link carePlanErrors});
 * - who may write one and how a stored one may change ({@link carePlanWriteErrors}): contracts and
 *   enrolments are a community health centre doctor's, a transplant plan its hospital's (a role
 *   with `carePlan.write`); the status only moves forward, the fixed fields never change, schedule
 *   edits, consent entries and corrections of the transplant centre are only added (each in the
 *   writer's name), and each change of a plan is a new revision with its reason;
 * - which version two desks keep when they wrote the same care plan apart ({@link resolveCarePlan}).
 * Everything returns codes; the UI words them (`carePlans:errors.<code>`).
 */
import { can } from '../auth/roles';
import { canonicalJson } from '../json/canonicalJson';
import { isAnalyteCode } from '../observations/analytes';
import type { OrganisationKind } from '../platform/auth';
import type { FieldError } from '../sync/collections';
import type { Writer } from '../sync/clinicalRecords';
import { textErrors } from '../validation/text';
import { centreCorrectionsOf, consentHistory } from './consent';
import type {
  CarePlanDoc,
  CarePlanKind,
  ContractFields,
  EnrolmentFields,
  TransplantPlanFields,
} from './schema';

/**
 * Codes of {@link carePlanErrors} and {@link carePlanWriteErrors} (beyond the text codes of
 * shared/validation/text.ts):
 * - `kindMismatch` (kind): the payload of the document's kind is missing, or another kind's is present;
 * - `required`: a field the kind needs is empty;
 * - `dateFormat`: a date that is not a YYYY-MM-DD calendar day;
 * - `endBeforeStart` (contract.endDate, enrolment.leftOn, transplantPlan.phases.N): ends before it starts;
 * - `duplicate` (contract.populationTypes): a type listed twice;
 * - `selfReference` (contract.renewsContractId): a contract cannot renew itself;
 * - `terminationIncomplete` / `notTerminated` (contract.status): a terminated contract needs its
 *   time and reason, another has neither;
 * - `leftIncomplete` / `notLeft` (enrolment.status): the same for leaving a programme;
 * - `unknownAnalyte` (transplantPlan.tests.N): not an analyte of shared/observations/analytes.ts;
 * - `sameOrganisation` (transplantPlan.centreOrgId): the plan is for another organisation's enrolment;
 * - `notPlanner` (createdBy): the role may not write this kind of care plan;
 * - `wrongOrganisation` (kind): contracts and enrolments are a community centre's, plans a hospital's;
 * - `notCreator` (createdBy): created in the name of someone other than the person signed in;
 * - `fixedField` (the field): a field that never changes once stored;
 * - `statusBackward` (the status): the status moves forward only;
 * - `closed` ((document)): a left enrolment or an ended contract changes no more;
 * - `editsRewritten` (enrolment.scheduleEdits, enrolment.consents, enrolment.centreCorrections):
 *   earlier entries are kept as they were;
 * - `consentOrder` (enrolment.consents.N): the register starts with a given consent and then
 *   alternates: only a standing consent is withdrawn, only a withdrawn one given again;
 * - `legacyConsent` (enrolment.consent): version 0's single consent beside the register;
 * - `notTransplant` (enrolment.consents, enrolment.centreCorrections): only a transplant enrolment
 *   keeps them;
 * - `correctionChain` (enrolment.centreCorrections.N): each correction starts from the centre named
 *   before it, names another, and the last names the centre the enrolment names now;
 * - `notAuthor` (the entry's `by`): a new entry in the name of someone other than the writer;
 * - `revisionRequired` (transplantPlan.revision): a changed plan is the next revision, with a reason;
 * - `removed` ((document)): a care plan is never removed (it is ended instead).
 */
export type CarePlanErrorCode =
  | 'kindMismatch'
  | 'required'
  | 'dateFormat'
  | 'endBeforeStart'
  | 'duplicate'
  | 'selfReference'
  | 'terminationIncomplete'
  | 'notTerminated'
  | 'leftIncomplete'
  | 'notLeft'
  | 'unknownAnalyte'
  | 'sameOrganisation'
  | 'notPlanner'
  | 'wrongOrganisation'
  | 'notCreator'
  | 'fixedField'
  | 'statusBackward'
  | 'closed'
  | 'editsRewritten'
  | 'consentOrder'
  | 'legacyConsent'
  | 'notTransplant'
  | 'correctionChain'
  | 'notAuthor'
  | 'revisionRequired'
  | 'removed'
  | 'sharedByGrantOnly';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real YYYY-MM-DD calendar day. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = isoDate.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y > 0;
}

const payloadFields = ['contract', 'enrolment', 'transplantPlan'] as const satisfies readonly CarePlanKind[];

function dateErrors(
  errors: FieldError[],
  at: string,
  values: Record<string, string | null>,
  required: readonly string[],
) {
  for (const [field, value] of Object.entries(values)) {
    if (value === null || value === '') {
      if (required.includes(field)) errors.push({ field: `${at}.${field}`, code: 'required' });
    } else if (!isCalendarDate(value)) errors.push({ field: `${at}.${field}`, code: 'dateFormat' });
  }
}

function contractErrors(c: ContractFields, id: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!c.agreementNo.trim()) errors.push({ field: 'contract.agreementNo', code: 'required' });
  if (!c.team.doctorId.trim() || !c.team.doctorName.trim())
    errors.push({ field: 'contract.team.doctorId', code: 'required' });
  if (!c.populationTypes.length) errors.push({ field: 'contract.populationTypes', code: 'required' });
  if (new Set(c.populationTypes).size !== c.populationTypes.length)
    errors.push({ field: 'contract.populationTypes', code: 'duplicate' });
  dateErrors(errors, 'contract', { startDate: c.startDate, endDate: c.endDate }, ['startDate', 'endDate']);
  if (isCalendarDate(c.startDate) && isCalendarDate(c.endDate) && c.endDate < c.startDate)
    errors.push({ field: 'contract.endDate', code: 'endBeforeStart' });
  if (c.renewsContractId === id) errors.push({ field: 'contract.renewsContractId', code: 'selfReference' });
  if (c.status === 'terminated') {
    if (!c.terminatedAt || !c.terminationReason.trim())
      errors.push({ field: 'contract.status', code: 'terminationIncomplete' });
  } else if (c.terminatedAt !== null || c.terminationReason !== '')
    errors.push({ field: 'contract.status', code: 'notTerminated' });
  return errors;
}

function enrolmentErrors(e: EnrolmentFields): FieldError[] {
  const errors: FieldError[] = [];
  dateErrors(
    errors,
    'enrolment',
    {
      enrolledOn: e.enrolledOn,
      leftOn: e.leftOn,
      lmp: e.lmp,
      dueDate: e.dueDate,
      transplantDate: e.transplantDate,
    },
    ['enrolledOn'],
  );
  if (e.status === 'left') {
    if (!e.leftOn || !e.leftReason) errors.push({ field: 'enrolment.status', code: 'leftIncomplete' });
    else if (isCalendarDate(e.leftOn) && isCalendarDate(e.enrolledOn) && e.leftOn < e.enrolledOn)
      errors.push({ field: 'enrolment.leftOn', code: 'endBeforeStart' });
  } else if (e.leftOn !== null || e.leftReason !== null || e.leftNote !== '')
    errors.push({ field: 'enrolment.status', code: 'notLeft' });
  if (e.programme === 'pregnancy' && !e.lmp && !e.dueDate)
    errors.push({ field: 'enrolment.lmp', code: 'required' });
  if (e.programme === 'transplant' && !e.transplantOrgId)
    errors.push({ field: 'enrolment.transplantOrgId', code: 'required' });
  errors.push(...consentErrors(e), ...correctionErrors(e));
  e.scheduleEdits.forEach((edit, i) => {
    if (!edit.windowKey.trim())
      errors.push({ field: `enrolment.scheduleEdits.${i}.windowKey`, code: 'required' });
    if (!isCalendarDate(edit.dueDate))
      errors.push({ field: `enrolment.scheduleEdits.${i}.dueDate`, code: 'dateFormat' });
    if (!edit.reason.trim()) errors.push({ field: `enrolment.scheduleEdits.${i}.reason`, code: 'required' });
  });
  return errors;
}

/** The consent register's own errors: in order, withdrawals with their reason. */
function consentErrors(e: EnrolmentFields): FieldError[] {
  const errors: FieldError[] = [];
  if (Array.isArray(e.consents) && e.consent)
    errors.push({ field: 'enrolment.consent', code: 'legacyConsent' });
  const history = consentHistory(e);
  if (history.length && e.programme !== 'transplant')
    errors.push({ field: 'enrolment.consents', code: 'notTransplant' });
  history.forEach((entry, i) => {
    const at = `enrolment.consents.${i}`;
    const expected = i % 2 === 0 ? 'given' : 'withdrawn';
    if (entry.action !== expected) errors.push({ field: at, code: 'consentOrder' });
    if (!entry.at || !entry.by) errors.push({ field: `${at}.by`, code: 'required' });
    if (entry.action === 'withdrawn' && !entry.note.trim())
      errors.push({ field: `${at}.note`, code: 'required' });
  });
  return errors;
}

/** Corrections of the transplant centre: a chain from the first centre named to the one named now. */
function correctionErrors(e: EnrolmentFields): FieldError[] {
  const corrections = centreCorrectionsOf(e);
  if (!corrections.length) return [];
  if (e.programme !== 'transplant') return [{ field: 'enrolment.centreCorrections', code: 'notTransplant' }];
  const errors: FieldError[] = [];
  corrections.forEach((c, i) => {
    const at = `enrolment.centreCorrections.${i}`;
    const next = corrections[i + 1];
    if (c.from === c.to || (next && next.from !== c.to) || (!next && c.to !== e.transplantOrgId))
      errors.push({ field: at, code: 'correctionChain' });
    if (!c.reason.trim()) errors.push({ field: `${at}.reason`, code: 'required' });
  });
  return errors;
}

function transplantPlanErrors(p: TransplantPlanFields, orgId: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!p.enrolmentId) errors.push({ field: 'transplantPlan.enrolmentId', code: 'required' });
  if (p.centreOrgId === orgId) errors.push({ field: 'transplantPlan.centreOrgId', code: 'sameOrganisation' });
  dateErrors(errors, 'transplantPlan', { transplantDate: p.transplantDate }, ['transplantDate']);
  if (!p.phases.length) errors.push({ field: 'transplantPlan.phases', code: 'required' });
  p.phases.forEach((phase, i) => {
    if (phase.toMonth <= phase.fromMonth)
      errors.push({ field: `transplantPlan.phases.${i}`, code: 'endBeforeStart' });
  });
  p.tests.forEach((test, i) => {
    if (!isAnalyteCode(test)) errors.push({ field: `transplantPlan.tests.${i}`, code: 'unknownAnalyte' });
  });
  if (p.revision > 1 && !p.revisionReason.trim())
    errors.push({ field: 'transplantPlan.revisionReason', code: 'required' });
  return errors;
}

/** Domain errors of a care plan beyond its JSON schema; [] when it may be stored. */
export function carePlanErrors(doc: CarePlanDoc): FieldError[] {
  const errors: FieldError[] = [];
  const present = payloadFields.filter((f) => doc[f] !== undefined && doc[f] !== null);
  if (present.length !== 1 || present[0] !== doc.kind) return [{ field: 'kind', code: 'kindMismatch' }];
  if (doc.contract) errors.push(...contractErrors(doc.contract, doc.id));
  if (doc.enrolment) errors.push(...enrolmentErrors(doc.enrolment));
  if (doc.transplantPlan) errors.push(...transplantPlanErrors(doc.transplantPlan, doc.orgId));
  // Who else reads a care plan is the platform's grant (DESIGN §10), never the document's word.
  if (doc.sharedWith.length > 0) errors.push({ field: 'sharedWith', code: 'sharedByGrantOnly' });
  errors.push(...textErrors(doc));
  return errors;
}

/** Which organisations write each kind: contracts and enrolments a centre, plans a hospital. */
export const carePlanOrganisationKind: Readonly<Record<CarePlanKind, OrganisationKind>> = {
  contract: 'chc',
  enrolment: 'chc',
  transplantPlan: 'hospital',
};

/**
 * Whether `writer` may write care plans of `kind`: `carePlan.write`, and for contracts and
 * enrolments a doctor (a family doctor signs and enrols); `orgKind`, when known, must be the kind's
 * organisation ({@link carePlanOrganisationKind}). The desk asks the same before it offers the action.
 */
export function mayWriteCarePlan(
  writer: Pick<Writer, 'role'>,
  kind: CarePlanKind,
  orgKind?: OrganisationKind | null,
): boolean {
  if (!can(writer.role, 'carePlan.write')) return false;
  if (kind !== 'transplantPlan' && writer.role !== 'doctor') return false;
  return !orgKind || carePlanOrganisationKind[kind] === orgKind;
}

/** How far each status is along: a status never moves to a lower rank. */
const statusRank: Record<string, number> = { active: 0, renewed: 1, left: 1, terminated: 2 };

const statusOf = (doc: CarePlanDoc): string | null => doc.contract?.status ?? doc.enrolment?.status ?? null;

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

const contractOpenFields = ['status', 'terminatedAt', 'terminationReason'] as const;
const enrolmentOpenFields = [
  'status',
  'leftOn',
  'leftReason',
  'leftNote',
  'consent',
  'consents',
  'centreCorrections',
  'scheduleEdits',
] as const;

function changedFixed(
  errors: FieldError[],
  at: string,
  next: object,
  previous: object,
  open: readonly string[],
) {
  const keys = new Set([...Object.keys(next), ...Object.keys(previous)]);
  for (const key of keys) {
    if (open.includes(key)) continue;
    if (!same((next as Record<string, unknown>)[key], (previous as Record<string, unknown>)[key]))
      errors.push({ field: `${at}.${key}`, code: 'fixedField' });
  }
}

/** The changes a stored contract may take: forward status, and only from active. */
function contractChangeErrors(next: ContractFields, previous: ContractFields): FieldError[] {
  const errors: FieldError[] = [];
  changedFixed(errors, 'contract', next, previous, contractOpenFields);
  if (previous.status !== 'active') {
    if (!same(next, previous)) errors.push({ field: '(document)', code: 'closed' });
  }
  return errors;
}

/**
 * Errors of `next` as a list that only grows from `previous`: earlier entries kept as they were
 * (`editsRewritten`), each new one in `writer`'s name where entries name who wrote them (`notAuthor`).
 */
function appendedErrors<T extends object>(
  field: string,
  next: readonly T[],
  previous: readonly T[],
  writer?: Pick<Writer, 'staffId'>,
): FieldError[] {
  if (next.length < previous.length || !same(next.slice(0, previous.length), previous))
    return [{ field, code: 'editsRewritten' }];
  if (!writer) return [];
  const errors: FieldError[] = [];
  next.forEach((entry, i) => {
    const by = (entry as { by?: unknown }).by;
    if (i >= previous.length && by !== writer.staffId)
      errors.push({ field: `${field}.${i}.by`, code: 'notAuthor' });
  });
  return errors;
}

/**
 * The changes a stored enrolment may take: leaving, new schedule edits, new consent entries, and
 * a correction of the transplant centre (appended with its reason; the centre is otherwise named
 * once).
 */
function enrolmentChangeErrors(
  next: EnrolmentFields,
  previous: EnrolmentFields,
  writer: Pick<Writer, 'staffId'>,
): FieldError[] {
  const errors: FieldError[] = [];
  const corrections = centreCorrectionsOf(next);
  const corrected = corrections.length > centreCorrectionsOf(previous).length;
  const open =
    previous.transplantOrgId === null || corrected
      ? [...enrolmentOpenFields, 'transplantOrgId']
      : enrolmentOpenFields;
  changedFixed(errors, 'enrolment', next, previous, open);
  if (previous.status === 'left') {
    if (!same(next, previous)) errors.push({ field: '(document)', code: 'closed' });
    return errors;
  }
  // A correction starts from the centre named before it (the chain itself is carePlanErrors').
  if (corrected && corrections[centreCorrectionsOf(previous).length]!.from !== previous.transplantOrgId)
    errors.push({ field: 'enrolment.centreCorrections', code: 'correctionChain' });
  errors.push(
    ...appendedErrors('enrolment.scheduleEdits', next.scheduleEdits, previous.scheduleEdits),
    ...appendedErrors('enrolment.consents', consentHistory(next), consentHistory(previous), writer),
    ...appendedErrors('enrolment.centreCorrections', corrections, centreCorrectionsOf(previous), writer),
  );
  return errors;
}

/** The changes a stored plan may take: a whole new revision, with its reason. */
function planChangeErrors(next: TransplantPlanFields, previous: TransplantPlanFields): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['enrolmentId', 'centreOrgId'] as const)
    if (next[key] !== previous[key]) errors.push({ field: `transplantPlan.${key}`, code: 'fixedField' });
  if (!same(next, previous) && (next.revision !== previous.revision + 1 || !next.revisionReason.trim()))
    errors.push({ field: 'transplantPlan.revision', code: 'revisionRequired' });
  return errors;
}

/** Context of a care plan write the platform adds: the writer's organisation kind. */
export interface CarePlanWriteContext {
  orgKind?: OrganisationKind | null;
}

const isDeleted = (doc: object) => (doc as { _deleted?: boolean })._deleted === true;

/**
 * Who may write `next`, given what the platform holds (`previous`, undefined when new), and how a
 * stored care plan may change. The same version again is accepted (a retried push). Only the
 * owner's organisation writes its documents; the platform checks `orgId` against the session
 * before this, and for a plan that the centre's enrolment is shared with the hospital.
 */
export function carePlanWriteErrors(
  next: CarePlanDoc,
  previous: CarePlanDoc | undefined,
  writer: Writer,
  context: CarePlanWriteContext = {},
): FieldError[] {
  if (!mayWriteCarePlan(writer, next.kind)) return [{ field: 'createdBy', code: 'notPlanner' }];
  if (context.orgKind && carePlanOrganisationKind[next.kind] !== context.orgKind)
    return [{ field: 'kind', code: 'wrongOrganisation' }];
  if (!previous) {
    if (isDeleted(next)) return [{ field: '(document)', code: 'removed' }];
    return next.createdBy === writer.staffId ? [] : [{ field: 'createdBy', code: 'notCreator' }];
  }
  if (isDeleted(next) !== isDeleted(previous)) return [{ field: '(document)', code: 'removed' }];
  const errors: FieldError[] = [];
  for (const key of ['kind', 'patientId', 'orgId', 'createdBy', 'createdByName', 'createdAt'] as const)
    if (next[key] !== previous[key]) errors.push({ field: key, code: 'fixedField' });
  if (errors.length) return errors;
  const before = statusOf(previous);
  const after = statusOf(next);
  if (before !== null && after !== null && (statusRank[after] ?? 0) < (statusRank[before] ?? 0))
    return [
      { field: `${next.kind === 'contract' ? 'contract' : 'enrolment'}.status`, code: 'statusBackward' },
    ];
  if (next.contract && previous.contract)
    errors.push(...contractChangeErrors(next.contract, previous.contract));
  if (next.enrolment && previous.enrolment)
    errors.push(...enrolmentChangeErrors(next.enrolment, previous.enrolment, writer));
  if (next.transplantPlan && previous.transplantPlan)
    errors.push(...planChangeErrors(next.transplantPlan, previous.transplantPlan));
  return errors;
}

/**
 * The version both sides keep when two desks wrote one care plan apart: the one further along
 * (a terminated contract stays terminated, a left enrolment left; a later plan revision wins),
 * else the later `updatedAt`; the platform's version on a tie.
 */
export function resolveCarePlan(writer: CarePlanDoc, master: CarePlanDoc): CarePlanDoc {
  const rank = (d: CarePlanDoc) => statusRank[statusOf(d) ?? 'active'] ?? 0;
  if (rank(writer) !== rank(master)) return rank(writer) > rank(master) ? writer : master;
  const revision = (d: CarePlanDoc) => d.transplantPlan?.revision ?? 0;
  if (revision(writer) !== revision(master)) return revision(writer) > revision(master) ? writer : master;
  return writer.updatedAt > master.updatedAt ? writer : master;
}
