/**
 * Identity numbers (DOMAIN.md §5.1–5.2): the resident ID (公民身份号码, GB 11643-1999) and the
 * numbers that share its 18-character structure (港澳台居民居住证, the 2023 foreigner's permanent
 * residence ID), the 2017 foreigner's ID, passports and free-text "other" documents.
 *
 * Parsing normalises what a person typed and derives birth date and sex where the number carries
 * them. Failures are error codes; the UI translates them.
 */

/** The identity document types a patient record can carry. */
export const idTypes = [
  'resident',
  'hkmoTwPermit',
  'foreignerNew',
  'foreignerOld',
  'passport',
  'other',
] as const;
export type IdType = (typeof idTypes)[number];
export type Sex = 'male' | 'female';

/** Why a number was refused. */
export type IdErrorCode =
  /** Nothing entered. */
  | 'required'
  /** Wrong length or characters for the type. */
  | 'format'
  /** The MOD 11-2 check character does not match: most likely a typing error. */
  | 'checksum'
  /** Positions 7–14 are not a real calendar date from 1890 on. */
  | 'birthDateInvalid'
  /** The birth date is after today. */
  | 'birthDateFuture'
  /** A resident number with a 81/82/83 (HK/Macao/Taiwan) address code, or a permit without one. */
  | 'permitRegion'
  /** A new foreigner's ID that does not start with 9. */
  | 'foreignerPrefix'
  /** A resident number that starts with 9 (that is a foreigner's ID). */
  | 'residentPrefix';

/** A valid identity number, normalised, with what it tells about its holder. */
export interface ParsedId {
  type: IdType;
  /** The number as it is stored: no spaces, letters upper-cased, 15-digit IDs upgraded to 18. */
  normalized: string;
  /** YYYY-MM-DD, for the types whose number encodes it. */
  birthDate?: string;
  /** From the sequence code's last digit (odd male, even female), where the number encodes it. */
  sex?: Sex;
  /** True when a legacy 15-digit resident ID was upgraded to 18 characters. */
  upgradedFrom15?: boolean;
}

export type IdResult = { ok: true; value: ParsedId } | { ok: false; error: IdErrorCode };

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkMap = '10X98765432';
const digits17 = /^\d{17}$/;
const structure18 = /^\d{17}[\dX]$/;
const permitRegions = ['810000', '820000', '830000'];

/**
 * The GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits of an 18-character
 * identity number: Σ digit × weight, mod 11, mapped through `1 0 X 9 8 7 6 5 4 3 2`.
 * Throws a RangeError when `body17` is not exactly 17 digits (a programming error, not input).
 */
export function checkCharacter(body17: string): string {
  if (!digits17.test(body17)) throw new RangeError('checkCharacter expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * weights[i]!;
  return checkMap[sum % 11]!;
}

/**
 * Upgrades a legacy 15-digit resident ID (GB 11643-1989) to 18 characters: "19" is inserted
 * before the YYMMDD birth date and the check character appended. The number is not otherwise
 * validated. Throws a RangeError when `id15` is not 15 digits.
 */
export function upgradeLegacyId(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError('upgradeLegacyId expects 15 digits');
  const body = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return body + checkCharacter(body);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The calendar date of `date` in the local time zone, YYYY-MM-DD. */
function localIsoDate(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** YYYYMMDD → YYYY-MM-DD if it is a real date in or after 1890, else undefined. */
function calendarDate(yyyymmdd: string): string | undefined {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1890 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Checks the checksum, birth date (positions 7–14) and derives the sex (position 17) of an
 * 18-character number whose prefix rules have already been checked.
 */
function parse18(type: IdType, id: string, today: Date, upgradedFrom15 = false): IdResult {
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, error: 'checksum' };
  const birthDate = calendarDate(id.slice(6, 14));
  if (!birthDate) return { ok: false, error: 'birthDateInvalid' };
  if (birthDate > localIsoDate(today)) return { ok: false, error: 'birthDateFuture' };
  const sex: Sex = (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  const value: ParsedId = { type, normalized: id, birthDate, sex };
  if (upgradedFrom15) value.upgradedFrom15 = true;
  return { ok: true, value };
}

/** Why a citizen's number (18 or legacy 15 digits) cannot be a resident ID, if it cannot. */
function residentPrefixError(id: string): IdErrorCode | undefined {
  if (id[0] === '9') return 'residentPrefix';
  if (id[0] === '0') return 'format';
  if (id[0] === '8' && (id[1] === '1' || id[1] === '2' || id[1] === '3')) return 'permitRegion';
  return undefined;
}

/**
 * Validates and normalises an identity number of the given type.
 *
 * - Surrounding and inner white space is removed (for `other`, only trimmed); a lower-case `x`
 *   check character is upper-cased; full-width characters typed by an IME are folded (NFKC).
 * - `resident`: 18 characters, or a legacy 15-digit number (upgraded, `upgradedFrom15`). First
 *   digit 1–8 (`9` → `residentPrefix`), not a 81/82/83 permit region (`permitRegion`), MOD 11-2
 *   checksum, real birth date not after `today`. An unknown area code is NOT rejected: codes get
 *   renumbered (DOMAIN.md §5.1).
 * - `hkmoTwPermit`: the same structure with address code 810000, 820000 or 830000.
 * - `foreignerNew` (2023): the same structure, first digit 9.
 * - `foreignerOld` (2017): 3 letters + 12 digits, letters upper-cased. Public descriptions of
 *   where the birth date sits in this number disagree, so only the format is checked and no
 *   birth date or sex is derived.
 * - `passport`: 5–20 letters and digits, upper-cased. `other`: 1–40 characters, trimmed.
 *
 * Checks run in the order format, prefix, region, checksum, birth date; the first failure is
 * returned. `today` (default: now) decides which birth dates are in the future, by local date.
 */
export function parseIdNumber(type: IdType, raw: string, today: Date = new Date()): IdResult {
  if (type === 'other') {
    const value = raw.trim();
    if (!value) return { ok: false, error: 'required' };
    if ([...value].length > 40) return { ok: false, error: 'format' };
    return { ok: true, value: { type, normalized: value } };
  }

  const id = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!id) return { ok: false, error: 'required' };

  switch (type) {
    case 'resident': {
      if (/^\d{15}$/.test(id)) {
        const prefixError = residentPrefixError(id);
        if (prefixError) return { ok: false, error: prefixError };
        // The check character is computed, so only the birth date can fail.
        return parse18(type, upgradeLegacyId(id), today, true);
      }
      if (!structure18.test(id)) return { ok: false, error: 'format' };
      const prefixError = residentPrefixError(id);
      if (prefixError) return { ok: false, error: prefixError };
      return parse18(type, id, today);
    }
    case 'hkmoTwPermit':
      if (!structure18.test(id)) return { ok: false, error: 'format' };
      if (!permitRegions.includes(id.slice(0, 6))) return { ok: false, error: 'permitRegion' };
      return parse18(type, id, today);
    case 'foreignerNew':
      if (!structure18.test(id)) return { ok: false, error: 'format' };
      if (id[0] !== '9') return { ok: false, error: 'foreignerPrefix' };
      return parse18(type, id, today);
    case 'foreignerOld':
      if (!/^[A-Z]{3}\d{12}$/.test(id)) return { ok: false, error: 'format' };
      return { ok: true, value: { type, normalized: id } };
    case 'passport':
      if (!/^[A-Z0-9]{5,20}$/.test(id)) return { ok: false, error: 'format' };
      return { ok: true, value: { type, normalized: id } };
  }
}
