/**
 * The consent register of a transplant enrolment (DOMAIN.md §7.1: a consent register with
 * withdrawal) and the transplant centres it may name, the same on the desk and on the platform:
 * - the register is a history, appended only ({@link consentHistory}); an enrolment written under
 *   schema version 0 kept one `consent` value and reads as a history of one entry;
 * - the state now is derived from it ({@link currentConsent}): the last entry, when it gives;
 * - the platform shares the enrolment with its transplant centre only while that holds
 *   (platform/sync/grants.ts);
 * - a transplant centre is a tertiary (三级) hospital ({@link mayBeTransplantCentre}).
 */
import type { CentreCorrection, ConsentEntry, EnrolmentFields } from './schema';

type ConsentFields = Pick<EnrolmentFields, 'consent' | 'consents'>;

/**
 * The enrolment's consent register, oldest first: `consents` when the enrolment keeps one, else
 * version 0's single `consent` as one given entry (none when it was null).
 */
export function consentHistory(enrolment: Partial<ConsentFields> | null | undefined): ConsentEntry[] {
  if (!enrolment) return [];
  if (Array.isArray(enrolment.consents)) return enrolment.consents;
  const c = enrolment.consent;
  return c ? [{ action: 'given', at: c.at, by: c.by, byName: c.byName, note: c.note }] : [];
}

/** The consent that stands now: the register's last entry when it gives consent, else null. */
export function currentConsent(enrolment: Partial<ConsentFields> | null | undefined): ConsentEntry | null {
  const history = consentHistory(enrolment);
  const last = history[history.length - 1];
  return last?.action === 'given' ? last : null;
}

/** Whether the resident's consent to share stands now. */
export const consentGiven = (enrolment: Partial<ConsentFields> | null | undefined): boolean =>
  currentConsent(enrolment) !== null;

/** A new register entry giving (`note`: how, optional) or withdrawing (`note`: why) the consent. */
export function consentEntry(
  action: ConsentEntry['action'],
  by: { id: string; name: string },
  note: string,
  now: Date,
): ConsentEntry {
  return { action, at: now.toISOString(), by: by.id, byName: by.name, note: note.trim() };
}

/** The enrolment's corrections of its transplant centre, oldest first. */
export const centreCorrectionsOf = (
  enrolment: Pick<EnrolmentFields, 'centreCorrections'> | null | undefined,
): CentreCorrection[] => enrolment?.centreCorrections ?? [];

/** What the rule of {@link mayBeTransplantCentre} reads of an organisation. */
export interface OrganisationGrade {
  kind: string | null | undefined;
  level?: number | null;
}

/**
 * Whether an organisation may be named as a transplant centre: a hospital of the third grade
 * (三级医院). Haematopoietic stem-cell transplantation is a restricted technique that only
 * tertiary hospitals are licensed for, and the district's directory knows every organisation's
 * kind and grade, offline too, so the desk and the platform apply the same rule.
 */
export const mayBeTransplantCentre = (org: OrganisationGrade | null | undefined): boolean =>
  !!org && org.kind === 'hospital' && org.level === 3;
