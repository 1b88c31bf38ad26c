/**
 * Masking of identifiers for roles that may not see them in full (PIPL data minimisation): enough
 * is left to tell two records apart and to confirm a number with the patient, never enough to
 * reconstruct it. One star replaces each hidden character, so the length stays visible.
 */

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/** Keeps `head` leading and `tail` trailing characters (by code point) and stars the rest. */
function keep(value: string, head: number, tail: number): string {
  const chars = [...value];
  return (
    chars.slice(0, head).join('') +
    stars(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

/** Short values: first character and last two; three characters or fewer: first character only. */
function maskShort(value: string): string {
  const length = [...value].length;
  if (length === 0) return '';
  return length <= 3 ? keep(value, 1, 0) : keep(value, 1, 2);
}

/**
 * Masks an identity number: first 4 and last 4 characters kept (`1201**********0123`,
 * `1101**********002X`); numbers shorter than 9 characters keep the first and the last two.
 */
export function maskIdNumber(id: string): string {
  return [...id].length >= 9 ? keep(id, 4, 4) : maskShort(id);
}

/**
 * Masks a phone number: first 3 and last 4 digits kept (`138****5678`); numbers shorter than
 * 8 characters keep the first and the last two.
 */
export function maskMobile(mobile: string): string {
  return [...mobile].length >= 8 ? keep(mobile, 3, 4) : maskShort(mobile);
}
