/**
 * Prescription numbers (处方编号): `RX` + issue date (yyyymmdd) + `-` + six random Crockford
 * base32 characters, e.g. `RX20261123-7K2QXM`. Desks number slips offline, so the number is
 * random rather than sequential: 32⁶ ≈ 1.07 × 10⁹ per day keeps collisions negligible for a
 * district, and the alphabet has no I, L, O or U to misread when a pharmacist types it.
 */

/** Crockford's base32 alphabet. */
export const prescriptionNumberAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const numberPattern = /^RX(\d{4})(\d{2})(\d{2})-([0-9A-HJKMNP-TV-Z]{6})$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A new prescription number for a slip issued on `issueDate` (YYYY-MM-DD). `random` returns
 * numbers in [0, 1), like `Math.random` (pass a seeded source in tests, a crypto-backed one in
 * the app).
 * @throws {RangeError} when `issueDate` is not YYYY-MM-DD.
 */
export function prescriptionNumber(issueDate: string, random: () => number): string {
  const match = isoDate.exec(issueDate);
  if (!match) throw new RangeError('prescriptionNumber expects a YYYY-MM-DD issue date');
  let suffix = '';
  for (let i = 0; i < 6; i++) {
    const index = Math.min(31, Math.max(0, Math.floor(random() * 32)));
    suffix += prescriptionNumberAlphabet[index];
  }
  return `RX${match[1]}${match[2]}${match[3]}-${suffix}`;
}

/** Whether `value` is a well-formed prescription number. */
export function isPrescriptionNumber(value: string): boolean {
  return numberPattern.test(value);
}

/** The issue date (YYYY-MM-DD) a prescription number carries, or null when it is malformed. */
export function prescriptionNumberDate(value: string): string | null {
  const match = numberPattern.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/**
 * Reads a number a person typed or a scanner read: trims, upper-cases and maps the letters
 * Crockford base32 treats as digits (O → 0, I and L → 1); null when it is still not a number.
 */
export function normalizePrescriptionNumber(value: string): string | null {
  const upper = value.trim().toUpperCase();
  const dash = upper.indexOf('-');
  if (dash < 0) return null;
  const fixed =
    upper.slice(0, dash + 1) +
    upper
      .slice(dash + 1)
      .replace(/O/g, '0')
      .replace(/[IL]/g, '1');
  return isPrescriptionNumber(fixed) ? fixed : null;
}
