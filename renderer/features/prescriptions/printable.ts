/**
 * Which slips of a group may print. Only signed slips that are not voided, and never while the
 * consultation's diagnoses were amended after the slips were written: a printed slip must not
 * silently disagree with the signed record (处方管理办法 Art. 6). Such slips are voided and written
 * again for the latest revision instead.
 */
import type { PrescriptionDoc } from '../../../shared/prescriptions/schema';

export type PrintBlock = 'diagnosisRevised' | null;

/** The slips that print now, and why none print when the whole group is held back. */
export function printableSlips(
  slips: readonly PrescriptionDoc[],
  diagnosisRevised: boolean,
): { slips: PrescriptionDoc[]; blocked: PrintBlock } {
  const signed = slips.filter((slip) => slip.status === 'signed' && slip.voided === null);
  if (diagnosisRevised && signed.length > 0) return { slips: [], blocked: 'diagnosisRevised' };
  return { slips: signed, blocked: null };
}

/** The draft for writing the live slips of a group again: their lines, reason and emergency flag. */
export function reissueDraft(slips: readonly PrescriptionDoc[]) {
  const live = slips.filter((slip) => slip.voided === null);
  return {
    items: live.flatMap((slip) => slip.items),
    longReason: live.map((slip) => slip.longReason).find((reason) => reason.trim()) ?? '',
    emergency: live.some((slip) => slip.type === 'emergency'),
  };
}
