import { describe, expect, it } from 'vitest';
import { checkCharacter, idTypes, parseIdNumber, upgradeLegacyId, type IdType } from './idNumber';

const today = new Date(2026, 10, 23, 9, 0); // 2026-11-23, local time

/** A valid 18-character number for a 17-digit body. */
const valid = (body17: string) => body17 + checkCharacter(body17);

const ok = (type: IdType, raw: string, on = today) => {
  const result = parseIdNumber(type, raw, on);
  if (!result.ok) throw new Error(`expected ${raw} to parse, got ${result.error}`);
  return result.value;
};
const error = (type: IdType, raw: string, on = today) => {
  const result = parseIdNumber(type, raw, on);
  return result.ok ? 'ok' : result.error;
};

describe('checkCharacter (GB 11643 MOD 11-2)', () => {
  it('gives X for the worked example 34052419800101001', () => {
    expect(checkCharacter('34052419800101001')).toBe('X');
  });

  it('agrees with well-known valid numbers', () => {
    expect(checkCharacter('11010519491231002')).toBe('X'); // 11010519491231002X
    expect(checkCharacter('44030819990110234')).toBe('7'); // sum 258, 258 mod 11 = 5 → 7
  });

  it('is the weighted sum mod 11 mapped through 1 0 X 9 8 7 6 5 4 3 2', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const body = '44030819990110234';
    const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    expect(checkCharacter(body)).toBe('10X98765432'[sum % 11]);
  });

  it('covers every remainder', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) seen.add(checkCharacter(String(12010119800101000n + BigInt(n))));
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => checkCharacter('1234')).toThrow(RangeError);
    expect(() => checkCharacter('1201011980010100X')).toThrow(RangeError);
  });
});

describe('upgradeLegacyId', () => {
  it('inserts 19 before the birth date and appends the check character', () => {
    const upgraded = upgradeLegacyId('120101800101001');
    expect(upgraded.slice(0, 17)).toBe('12010119800101001');
    expect(upgraded).toBe(valid('12010119800101001'));
    expect(upgradeLegacyId('340524800101001')).toBe('34052419800101001X');
  });

  it('refuses anything but 15 digits', () => {
    expect(() => upgradeLegacyId('12010180010100')).toThrow(RangeError);
  });
});

describe('parseIdNumber: resident', () => {
  it('parses a valid 18-character number with birth date and sex', () => {
    expect(ok('resident', '11010519491231002X')).toEqual({
      type: 'resident',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(ok('resident', '34052419800101001X')).toMatchObject({ birthDate: '1980-01-01', sex: 'male' });
    expect(ok('resident', '120101198001010012')).toMatchObject({ birthDate: '1980-01-01', sex: 'male' });
    expect(ok('resident', '120102199202280044')).toMatchObject({ birthDate: '1992-02-28', sex: 'female' });
  });

  it('takes sex from the 17th digit: odd male, even female', () => {
    for (let d = 0; d <= 9; d++) {
      expect(ok('resident', valid(`1201041975061500${d}`)).sex).toBe(d % 2 ? 'male' : 'female');
    }
  });

  it('trims, removes inner spaces, upper-cases x and folds full-width digits', () => {
    expect(ok('resident', '  110105 19491231 002x ').normalized).toBe('11010519491231002X');
    expect(ok('resident', '１１０１０５１９４９１２３１００２Ｘ').normalized).toBe('11010519491231002X');
  });

  it('upgrades a legacy 15-digit number', () => {
    const value = ok('resident', '120101800101001');
    expect(value).toEqual({
      type: 'resident',
      normalized: upgradeLegacyId('120101800101001'),
      birthDate: '1980-01-01',
      sex: 'male',
      upgradedFrom15: true,
    });
    expect(ok('resident', '120101800101002').sex).toBe('female');
    expect(error('resident', '120101800230001')).toBe('birthDateInvalid');
  });

  it('requires something', () => {
    expect(error('resident', '')).toBe('required');
    expect(error('resident', '   ')).toBe('required');
  });

  it('refuses wrong lengths and characters', () => {
    expect(error('resident', '1101051949123100')).toBe('format');
    expect(error('resident', '11010519491231002X1')).toBe('format');
    expect(error('resident', '1101051949123100X2')).toBe('format');
    expect(error('resident', '11010519491231002Y')).toBe('format');
    expect(error('resident', '12010180010100X')).toBe('format');
  });

  it('refuses a wrong check character', () => {
    expect(error('resident', '110105194912310021')).toBe('checksum');
    expect(error('resident', '120101198001010013')).toBe('checksum');
    // MOD 11-2 catches every single mistyped digit (the first one is checked as a prefix).
    const id = '11010519491231002X';
    for (let i = 1; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id[i]) continue;
        expect(error('resident', id.slice(0, i) + d + id.slice(i + 1))).toBe('checksum');
      }
    }
  });

  it('refuses foreigner (9) and permit (81/82/83) prefixes', () => {
    expect(error('resident', valid('91156019800101001'))).toBe('residentPrefix');
    expect(error('resident', valid('81000019800101001'))).toBe('permitRegion');
    expect(error('resident', valid('82000019800101001'))).toBe('permitRegion');
    expect(error('resident', valid('83000019800101001'))).toBe('permitRegion');
    expect(error('resident', '910101800101001')).toBe('residentPrefix');
    expect(error('resident', valid('01010119800101001'))).toBe('format');
    // Other 8x codes are not permits, and unknown area codes are never refused (they get renumbered).
    expect(ok('resident', valid('84000019800101001')).birthDate).toBe('1980-01-01');
    expect(ok('resident', valid('12010719800101001')).birthDate).toBe('1980-01-01');
  });

  it('refuses birth dates that do not exist', () => {
    expect(error('resident', valid('12010119990230001'))).toBe('birthDateInvalid');
    expect(error('resident', valid('12010119991301001'))).toBe('birthDateInvalid');
    expect(error('resident', valid('12010119990100001'))).toBe('birthDateInvalid');
    expect(error('resident', valid('12010119000229001'))).toBe('birthDateInvalid');
    expect(error('resident', valid('12010118891231001'))).toBe('birthDateInvalid');
    expect(ok('resident', valid('12010118900101001')).birthDate).toBe('1890-01-01');
    expect(ok('resident', valid('12010120000229001')).birthDate).toBe('2000-02-29');
  });

  it('refuses birth dates after today (by local date)', () => {
    expect(ok('resident', valid('12010120261123001')).birthDate).toBe('2026-11-23');
    expect(error('resident', valid('12010120261124001'))).toBe('birthDateFuture');
    expect(error('resident', valid('12010120261124001'), new Date(2026, 10, 23, 23, 59))).toBe(
      'birthDateFuture',
    );
    expect(ok('resident', valid('12010120261124001'), new Date(2026, 10, 24, 0, 1)).birthDate).toBe(
      '2026-11-24',
    );
  });
});

describe('parseIdNumber: other structured types', () => {
  it('hkmoTwPermit: address code 810000, 820000 or 830000', () => {
    for (const region of ['810000', '820000', '830000']) {
      expect(ok('hkmoTwPermit', valid(`${region}19800101002`))).toEqual({
        type: 'hkmoTwPermit',
        normalized: valid(`${region}19800101002`),
        birthDate: '1980-01-01',
        sex: 'female',
      });
    }
    expect(error('hkmoTwPermit', valid('81010119800101001'))).toBe('permitRegion');
    expect(error('hkmoTwPermit', '11010519491231002X')).toBe('permitRegion');
    expect(error('hkmoTwPermit', '810000198001010')).toBe('format');
    const id = valid('81000019800101001');
    expect(error('hkmoTwPermit', id.slice(0, 17) + (id[17] === '0' ? '1' : '0'))).toBe('checksum');
    expect(error('hkmoTwPermit', valid('83000019800231001'))).toBe('birthDateInvalid');
  });

  it('foreignerNew: first digit 9, same checksum, birth date and sex', () => {
    const id = valid('93184019850615003');
    expect(ok('foreignerNew', id.toLowerCase())).toEqual({
      type: 'foreignerNew',
      normalized: id,
      birthDate: '1985-06-15',
      sex: 'male',
    });
    expect(error('foreignerNew', '11010519491231002X')).toBe('foreignerPrefix');
    expect(error('foreignerNew', 'USA110085061500')).toBe('format');
    expect(error('foreignerNew', id.slice(0, 17) + (id[17] === '0' ? '1' : '0'))).toBe('checksum');
    expect(error('foreignerNew', valid('93184020300615003'))).toBe('birthDateFuture');
  });

  it('foreignerOld: 3 letters and 12 digits, format only', () => {
    expect(ok('foreignerOld', 'usa 110085 061500')).toEqual({
      type: 'foreignerOld',
      normalized: 'USA110085061500',
    });
    expect(error('foreignerOld', 'US1110085061500')).toBe('format');
    expect(error('foreignerOld', 'USA11008506150')).toBe('format');
    expect(error('foreignerOld', 'USA1100850615001')).toBe('format');
    expect(error('foreignerOld', '')).toBe('required');
  });
});

describe('parseIdNumber: passport and other', () => {
  it('passport: 5–20 letters and digits, upper-cased, nothing derived', () => {
    expect(ok('passport', ' e1234 5678 ')).toEqual({ type: 'passport', normalized: 'E12345678' });
    expect(ok('passport', 'AB123').normalized).toBe('AB123');
    expect(ok('passport', 'A'.repeat(20)).normalized).toBe('A'.repeat(20));
    expect(error('passport', 'AB12')).toBe('format');
    expect(error('passport', 'A'.repeat(21))).toBe('format');
    expect(error('passport', 'E1234-5678')).toBe('format');
    expect(error('passport', '')).toBe('required');
  });

  it('other: 1–40 characters, trimmed only', () => {
    expect(ok('other', '  出生医学证明 P120012345 ')).toEqual({
      type: 'other',
      normalized: '出生医学证明 P120012345',
    });
    expect(ok('other', '甲'.repeat(40)).normalized).toHaveLength(40);
    expect(error('other', '甲'.repeat(41))).toBe('format');
    expect(error('other', ' \t ')).toBe('required');
  });

  it('handles every declared type', () => {
    for (const type of idTypes)
      expect(parseIdNumber(type, '', today)).toEqual({ ok: false, error: 'required' });
  });

  it('defaults today to now', () => {
    expect(parseIdNumber('resident', '11010519491231002X').ok).toBe(true);
    const nextYear = new Date().getFullYear() + 1;
    expect(parseIdNumber('resident', valid(`120101${nextYear}0101001`))).toEqual({
      ok: false,
      error: 'birthDateFuture',
    });
  });
});
