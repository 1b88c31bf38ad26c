/**
 * Writing prescriptions in the local database: creating the slips of one sitting, signing them,
 * recording each print and PDF export and voiding a slip. Every write is audited. No React here: the screens call
 * these functions, and unit tests run them on RxDB's memory storage.
 */
import { v7 as uuidv7 } from 'uuid';
import { can } from '../../../shared/auth/roles';
import { signRecord } from '../../../shared/clinical/signature';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import type { Locale } from '../../../shared/ipc/contract';
import type { PatientDoc } from '../../../shared/patients/schema';
import type { Formulary } from '../../../shared/prescriptions/formulary';
import type { PrescriptionDraft } from '../../../shared/prescriptions/rules';
import { printEntry, type PaperTarget } from '../../../shared/prescriptions/prints';
import {
  prescriptionLockPolicy,
  prescriptionTextLimits,
  type PrescriptionDoc,
} from '../../../shared/prescriptions/schema';
import { buildSlips, type BuildSlipsResult } from '../../../shared/prescriptions/slips';
import type { FeeCategory } from '../../../shared/prescriptions/vocabulary';
import { mayVoid } from '../../../shared/sync/clinicalRecords';
import type { Operator } from '../../app/operator';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase } from '../../db/database';

/** What creating slips needs besides the encounter, patient and draft. */
export interface CreateSlipsEnvironment {
  formulary: Formulary;
  /** The day issued, YYYY-MM-DD (the desk's local date). */
  issueDate: string;
  /** The patient's exact age as printed (实足年龄), formatted by the caller. */
  ageText: string;
  /** Language of the diagnosis names copied onto the slip (the clinic's print language). */
  language: Locale;
  feeCategory?: FeeCategory;
  now?: Date;
  newId?: () => string;
  random?: () => number;
}

type BuildErrors = Extract<BuildSlipsResult, { ok: false }>['errors'];
type Warnings = BuildSlipsResult['warnings'];

export type CreateSlipsResult =
  | { ok: true; groupId: string; slips: PrescriptionDoc[]; warnings: Warnings }
  | { ok: false; reason: 'invalid'; errors: BuildErrors; warnings: Warnings }
  | { ok: false; reason: 'forbidden' | 'encounterNotSigned' | 'saveFailed' };

/**
 * The clinical diagnosis as printed: the encounter's diagnoses, primary first, in `language`
 * (falling back to the Chinese name when the other is empty).
 */
export function diagnosisText(encounter: Pick<EncounterDoc, 'diagnoses'>, language: Locale): string {
  const ordered = [...encounter.diagnoses].sort((a, b) => Number(b.primary) - Number(a.primary));
  const names = ordered
    .map((d) => (language === 'en' ? d.name.en.trim() || d.name.zh.trim() : d.name.zh.trim()))
    .filter(Boolean);
  return names.join(language === 'en' ? '; ' : '；');
}

/**
 * Checks the draft and saves its slips as drafts, all or none. Only a doctor writes
 * prescriptions, and only on a signed encounter. Errors (codes, see shared/prescriptions) come
 * back with nothing saved.
 */
export async function createSlips(
  db: ClinicDatabase,
  encounter: EncounterDoc,
  patient: PatientDoc,
  draft: PrescriptionDraft,
  operator: Operator,
  env: CreateSlipsEnvironment,
): Promise<CreateSlipsResult> {
  if (!can(operator.role, 'clinical.write')) return { ok: false, reason: 'forbidden' };
  if (encounter.status !== 'signed') return { ok: false, reason: 'encounterNotSigned' };
  const now = env.now ?? new Date();
  const built = buildSlips(
    draft,
    {
      formulary: env.formulary,
      patient: {
        birthDate: patient.birthDate,
        allergies: patient.allergies,
        // Today's weight, from the consultation's vitals, for a child's per-kg dose maxima.
        weightKg: encounter.vitals?.weight ?? null,
      },
      issueDate: env.issueDate,
    },
    {
      orgId: operator.orgId,
      sharedWith: [...encounter.sharedWith],
      patientId: patient.id,
      encounterId: encounter.id,
      diagnosis: diagnosisText(encounter, env.language),
      patient: {
        name: patient.name,
        sex: patient.sex,
        ageText: env.ageText,
        // The ID number goes only on narcotic and psychotropic class I slips (DOMAIN.md §1.1),
        // which this workstation does not issue: an ordinary slip does not spread it.
        feeCategory: env.feeCategory ?? 'selfPay',
        ...(patient.outpatientNo ? { outpatientNo: patient.outpatientNo } : {}),
      },
      department: encounter.department,
      doctorId: operator.id,
      doctorName: operator.name,
    },
    { now: now.toISOString(), newId: env.newId ?? uuidv7, random: env.random ?? Math.random },
  );
  if (!built.ok) return { ok: false, reason: 'invalid', errors: built.errors, warnings: built.warnings };

  const { success, error } = await db.prescriptions.bulkInsert(built.slips);
  if (error.length > 0) {
    // All or none: take back the slips that went in.
    await Promise.all(success.map((doc) => doc.remove()));
    return { ok: false, reason: 'saveFailed' };
  }
  for (const slip of built.slips)
    await recordAuditEvent(
      db,
      operator,
      'prescription.create',
      { collection: 'prescriptions', id: slip.id },
      {
        groupId: slip.groupId,
      },
      now,
    );
  return { ok: true, groupId: built.slips[0]!.groupId, slips: built.slips, warnings: built.warnings };
}

/** The slips of a group, in slip order. */
export async function findGroup(db: ClinicDatabase, groupId: string): Promise<PrescriptionDoc[]> {
  const docs = await db.prescriptions.find({ selector: { groupId }, sort: [{ slipIndex: 'asc' }] }).exec();
  return docs.map((doc) => doc.toJSON() as PrescriptionDoc);
}

export type SignGroupResult =
  { ok: true; signed: number } | { ok: false; reason: 'notFound' | 'forbidden' | 'nothingToSign' };

/**
 * Signs every draft slip of a group that is not voided (the hash binds the slip, see
 * shared/clinical/signature.ts). Only the slips' own doctor signs.
 */
export async function signGroup(
  db: ClinicDatabase,
  groupId: string,
  operator: Operator,
  now: Date = new Date(),
): Promise<SignGroupResult> {
  const docs = await db.prescriptions.find({ selector: { groupId } }).exec();
  if (docs.length === 0) return { ok: false, reason: 'notFound' };
  const drafts = docs.filter((doc) => doc.status === 'draft' && doc.voided === null);
  if (drafts.length === 0) return { ok: false, reason: 'nothingToSign' };
  if (!can(operator.role, 'clinical.write') || drafts.some((doc) => doc.doctorId !== operator.id))
    return { ok: false, reason: 'forbidden' };
  const signer = { by: operator.id, byName: operator.name, at: now.toISOString() };
  for (const doc of drafts) {
    const signed = signRecord(doc.toJSON() as PrescriptionDoc, signer, prescriptionLockPolicy);
    await doc.incrementalPatch({
      status: signed.status,
      signature: signed.signature,
      updatedAt: signed.updatedAt,
    });
    await recordAuditEvent(
      db,
      operator,
      'prescription.sign',
      { collection: 'prescriptions', id: doc.id },
      {
        groupId,
      },
      now,
    );
    await auditOverrides(db, doc.toJSON() as PrescriptionDoc, operator, now);
  }
  return { ok: true, signed: drafts.length };
}

/** Audit values are short: a reason is cut to what an audit detail holds. */
const detail = (text: string) => text.slice(0, 200);

/**
 * Records, with the signature, each line signed over a recorded allergy (the doctor's override
 * reason) and each dose above the maximum (the reason and the second signature's time).
 */
async function auditOverrides(db: ClinicDatabase, slip: PrescriptionDoc, operator: Operator, now: Date) {
  const record = { collection: 'prescriptions', id: slip.id };
  for (const [index, item] of slip.items.entries()) {
    const line = { line: index + 1, drugCode: item.drugCode, drug: detail(item.generic.zh) };
    if (item.allergyOverride)
      await recordAuditEvent(
        db,
        operator,
        'prescription.allergyOverride',
        record,
        {
          ...line,
          allergies: detail(item.allergyOverride.allergies.join('、')),
          reason: detail(item.allergyOverride.reason),
        },
        now,
      );
    if (item.overdose)
      await recordAuditEvent(
        db,
        operator,
        'prescription.overdose',
        record,
        {
          ...line,
          dose: `${item.dose} ${item.doseUnit} ${item.frequency}`,
          reason: detail(item.overdose.reason),
          confirmedAt: item.overdose.confirmedAt,
        },
        now,
      );
  }
}

export type RecordPrintResult = { ok: true; recorded: number } | { ok: false; reason: 'notSigned' };

/**
 * Records a print on paper on each slip, once the host or the person confirmed it came out:
 * appended to its `prints`, marked as a copy when the slip had been printed on paper before
 * (shared/prescriptions/prints.ts). Only signed slips print.
 */
export async function recordPrint(
  db: ClinicDatabase,
  ids: readonly string[],
  operator: Operator,
  print: { pageSize: string; target: PaperTarget },
  now: Date = new Date(),
): Promise<RecordPrintResult> {
  const docs = await signedSlips(db, ids);
  if (!docs) return { ok: false, reason: 'notSigned' };
  const at = now.toISOString();
  for (const doc of docs) {
    await doc.incrementalModify((data) => ({
      ...data,
      prints: [
        ...data.prints,
        printEntry(data.prints, { at, by: operator.id, pageSize: print.pageSize, target: print.target }),
      ],
      updatedAt: at,
    }));
    await recordAuditEvent(
      db,
      operator,
      'prescription.print',
      { collection: 'prescriptions', id: doc.id },
      {
        target: print.target,
        pageSize: print.pageSize,
      },
      now,
    );
  }
  return { ok: true, recorded: docs.length };
}

/** The slips of `ids`, or null when any of them is not signed (only signed slips print). */
async function signedSlips(db: ClinicDatabase, ids: readonly string[]) {
  const docs = Object.values(Object.fromEntries(await db.prescriptions.findByIds([...ids]).exec()));
  return docs.some((doc) => doc.status !== 'signed') ? null : docs;
}

/**
 * Records the slips saved as a PDF: an export, audited on each slip, never a print (the slip is
 * left as it is, so the next print is not a copy on its account). `confirmed`: the host wrote the
 * file; false when a browser dialog was opened to save it and cannot say whether it did.
 */
export async function recordExport(
  db: ClinicDatabase,
  ids: readonly string[],
  operator: Operator,
  pdf: { pageSize: string; confirmed: boolean },
  now: Date = new Date(),
): Promise<RecordPrintResult> {
  const docs = await signedSlips(db, ids);
  if (!docs) return { ok: false, reason: 'notSigned' };
  for (const doc of docs)
    await recordAuditEvent(
      db,
      operator,
      'prescription.export',
      { collection: 'prescriptions', id: doc.id },
      { format: 'pdf', pageSize: pdf.pageSize, confirmed: pdf.confirmed },
      now,
    );
  return { ok: true, recorded: docs.length };
}

export type VoidSlipResult =
  | { ok: true }
  | { ok: false; reason: 'reasonRequired' | 'reasonTooLong' | 'notFound' | 'forbidden' | 'alreadyVoided' };

/** Voids a slip with a written reason (set once; the slip's own doctor only). */
export async function voidSlip(
  db: ClinicDatabase,
  id: string,
  reason: string,
  operator: Operator,
  now: Date = new Date(),
): Promise<VoidSlipResult> {
  const text = reason.trim();
  if (!text) return { ok: false, reason: 'reasonRequired' };
  if (text.length > prescriptionTextLimits.voidReason) return { ok: false, reason: 'reasonTooLong' };
  const doc = await db.prescriptions.findOne(id).exec();
  if (!doc) return { ok: false, reason: 'notFound' };
  if (!mayVoid(doc, { staffId: operator.id, role: operator.role })) return { ok: false, reason: 'forbidden' };
  if (doc.voided !== null) return { ok: false, reason: 'alreadyVoided' };
  const at = now.toISOString();
  await doc.incrementalPatch({
    voided: { at, by: operator.id, byName: operator.name, reason: text },
    updatedAt: at,
  });
  await recordAuditEvent(
    db,
    operator,
    'prescription.void',
    { collection: 'prescriptions', id },
    undefined,
    now,
  );
  return { ok: true };
}
