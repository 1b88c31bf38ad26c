/**
 * A slip against the consultation it was written for. A slip names one revision of the record
 * (`encounterId`); when a later signed revision of the same record changes the diagnoses, the
 * slip no longer agrees with the signed record (处方管理办法 Art. 6: the slip's diagnosis must match
 * the medical record). It is then marked "诊断已修订", refused for printing, and offered to be
 * voided and written again for the latest revision.
 */
import { latestRevisions } from '../clinical/revisions';
import { canonicalJson } from '../json/canonicalJson';
import type { EncounterDiagnosis, EncounterDoc } from '../encounters/schema';

type Revision = Pick<EncounterDoc, 'id' | 'recordId' | 'revisionNo' | 'status' | 'diagnoses'>;

/** The latest signed revision among `revisions` of one record, or null when none is signed. */
export const latestSignedRevision = <T extends Revision>(revisions: readonly T[]): T | null =>
  latestRevisions(revisions, { signedOnly: true })[0] ?? null;

/** The diagnoses as a comparable key: codes and names, primary first, order otherwise ignored. */
function diagnosesKey(diagnoses: readonly EncounterDiagnosis[]): string {
  const entries = diagnoses.map((d) => ({
    code: d.code.trim(),
    zh: d.name.zh.trim(),
    en: d.name.en.trim(),
    primary: d.primary,
  }));
  entries.sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
  return canonicalJson(entries);
}

/**
 * Whether a later signed revision than the slip's own changed the diagnoses. The slip's revision
 * and the latest signed revision are compared by their diagnoses; other amendments (history,
 * vitals, plan) leave the slip as it is.
 */
export function diagnosisRevised(slipRevision: Revision, latestSigned: Revision | null): boolean {
  if (!latestSigned || latestSigned.id === slipRevision.id) return false;
  if (latestSigned.revisionNo <= slipRevision.revisionNo) return false;
  return diagnosesKey(slipRevision.diagnoses) !== diagnosesKey(latestSigned.diagnoses);
}
