/**
 * From a checked draft to the slips that get signed and printed: at most five drugs per slip,
 * psychotropic class II drugs on their own 精二 slips (DOMAIN.md §1.2–1.3), each slip a
 * `prescriptions` document in status `draft`, numbered, sharing one `groupId`.
 */
import { clinicalRulesVersion } from '../clinical/signature';
import type { PrescriptionLine } from './items';
import { prescriptionNumber } from './prescriptionNumber';
import {
  dayLimits,
  validatePrescription,
  type PrescriptionContext,
  type PrescriptionDraft,
  type PrescriptionError,
  type PrescriptionWarning,
} from './rules';
import {
  maxItemsPerSlip,
  prescriptionTextLimits,
  type PrescriptionDoc,
  type PrescriptionPatient,
} from './schema';
import type { ControlClass } from './vocabulary';

/** Items that go on one slip; `psychotropic2` marks a 精二 slip. */
export interface SlipGroup<T> {
  psychotropic2: boolean;
  items: T[];
}

/**
 * Groups items into slips, keeping their order: ordinary items in runs of at most five,
 * psychotropic class II items likewise on slips of their own. Slips are ordered by the position
 * of their first item, so a 6-drug ordinary prescription gives slips of 5 and 1.
 */
export function splitIntoSlips<T extends { control: ControlClass }>(
  items: readonly T[],
  perSlip: number = maxItemsPerSlip,
): SlipGroup<T>[] {
  const chunks: (SlipGroup<T> & { first: number })[] = [];
  for (const psychotropic2 of [false, true]) {
    const indexed = items
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => (item.control === 'psychotropic2') === psychotropic2);
    for (let start = 0; start < indexed.length; start += perSlip) {
      const run = indexed.slice(start, start + perSlip);
      chunks.push({ psychotropic2, items: run.map((r) => r.item), first: run[0]!.index });
    }
  }
  return chunks
    .sort((a, b) => a.first - b.first)
    .map(({ psychotropic2, items: slipItems }) => ({
      psychotropic2,
      items: slipItems,
    }));
}

/** The slip header (前记) fields that come from the encounter and the signed-in doctor. */
export interface SlipHeader {
  orgId: string;
  sharedWith: string[];
  patientId: string;
  encounterId: string;
  /** Clinical diagnosis as printed (临床诊断). */
  diagnosis: string;
  patient: PrescriptionPatient;
  department: string;
  doctorId: string;
  doctorName: string;
}

/** Sources of time, ids and randomness, passed in so that building stays pure. */
export interface SlipEnvironment {
  /** Creation time, ISO 8601. */
  now: string;
  newId: () => string;
  /** Numbers in [0, 1) for prescription numbers. */
  random: () => number;
}

/** Errors in the slip header (translated as `errors.<code>`). */
export const headerErrorCodes = ['diagnosisRequired', 'tooLong'] as const;
export type HeaderErrorCode = (typeof headerErrorCodes)[number];

export type BuildSlipsResult =
  | { ok: true; slips: PrescriptionDoc[]; warnings: PrescriptionWarning[] }
  | {
      ok: false;
      errors: (PrescriptionError | { path: string; code: HeaderErrorCode })[];
      warnings: PrescriptionWarning[];
    };

function headerErrors(header: SlipHeader): { path: string; code: HeaderErrorCode }[] {
  const L = prescriptionTextLimits;
  const errors: { path: string; code: HeaderErrorCode }[] = [];
  const diagnosis = header.diagnosis.trim();
  if (!diagnosis) errors.push({ path: 'diagnosis', code: 'diagnosisRequired' });
  else if (diagnosis.length > L.diagnosis) errors.push({ path: 'diagnosis', code: 'tooLong' });
  const lengths: [string, string, number][] = [
    ['patient.name', header.patient.name, L.patientName],
    ['patient.ageText', header.patient.ageText, L.ageText],
    ['patient.idNumber', header.patient.idNumber ?? '', L.idNumber],
    ['patient.outpatientNo', header.patient.outpatientNo ?? '', L.outpatientNo],
    ['department', header.department, L.department],
    ['doctorName', header.doctorName, L.doctorName],
  ];
  for (const [path, value, max] of lengths) if (value.length > max) errors.push({ path, code: 'tooLong' });
  return errors;
}

/**
 * Validates the draft (see {@link validatePrescription}) and the header, then builds the slips
 * to sign: one `prescriptions` document per slip, status `draft`, unsigned, unprinted. A slip's
 * `days` is its longest line; it carries the long-prescription reason only when its own supply
 * goes beyond 7 days, and the patient's confirmation only beyond 28.
 */
export function buildSlips(
  draft: PrescriptionDraft,
  context: PrescriptionContext,
  header: SlipHeader,
  env: SlipEnvironment,
): BuildSlipsResult {
  const check = validatePrescription(draft, context);
  const errors = [...check.errors, ...headerErrors(header)];
  if (errors.length > 0) return { ok: false, errors, warnings: check.warnings };

  const lines = check.lines as PrescriptionLine[];
  const groups = splitIntoSlips(lines);
  const groupId = env.newId();
  const reason = draft.longReason.trim();
  const slips = groups.map((group, i): PrescriptionDoc => {
    const days = Math.max(...group.items.map((line) => line.item.days));
    return {
      id: env.newId(),
      orgId: header.orgId,
      sharedWith: [...header.sharedWith],
      patientId: header.patientId,
      encounterId: header.encounterId,
      groupId,
      slipIndex: i + 1,
      slipCount: groups.length,
      number: prescriptionNumber(context.issueDate, env.random),
      type: group.psychotropic2 ? 'psychotropic2' : check.type,
      items: group.items.map((line) => structuredClone(line.item)),
      days,
      longReason: days > dayLimits.ordinary ? reason : '',
      longAcknowledged: days > dayLimits.acknowledgeAbove && draft.longAcknowledged,
      diagnosis: header.diagnosis.trim(),
      patient: {
        name: header.patient.name,
        sex: header.patient.sex,
        ageText: header.patient.ageText,
        ...(header.patient.idNumber ? { idNumber: header.patient.idNumber } : {}),
        feeCategory: header.patient.feeCategory,
        ...(header.patient.outpatientNo ? { outpatientNo: header.patient.outpatientNo } : {}),
      },
      department: header.department,
      doctorId: header.doctorId,
      doctorName: header.doctorName,
      status: 'draft',
      signature: null,
      voided: null,
      prints: [],
      createdAt: env.now,
      updatedAt: env.now,
      rulesVersion: clinicalRulesVersion,
    };
  });
  return { ok: true, slips, warnings: check.warnings };
}
