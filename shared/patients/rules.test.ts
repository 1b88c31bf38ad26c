/**
 * Checking a field when the person leaves it, with the same rules a save applies: a wrong ID
 * check digit or mobile is reported at once, emptiness only at save, and a birth date after
 * today is refused in the words of the rules.
 */
import { describe, expect, it } from 'vitest';
import { emptyAddress } from '../testing/patients';
import { checkBirthDate, fieldErrorOnLeave, validatePatient } from './rules';
import type { PatientFields } from './schema';

const now = new Date(2026, 11, 7, 9, 30);

/** A form as a registrar leaves it: only what `overrides` fill in. */
const typed = (overrides: Partial<PatientFields>): PatientFields => ({
  idType: 'resident',
  idNumber: '',
  name: '',
  sex: 'unknown',
  birthDate: '',
  mobile: '',
  address: emptyAddress,
  household: { number: '', relation: 'self' },
  allergies: [],
  tags: [],
  familyDoctor: '',
  ...overrides,
});

describe('checking a field when it is left', () => {
  it('reports a wrong ID check digit on the identity number', () => {
    // 120101198001010012 is valid; the last digit mistyped.
    expect(fieldErrorOnLeave('idNumber', typed({ idNumber: '120101198001010013' }), now)).toBe('checksum');
    expect(fieldErrorOnLeave('idNumber', typed({ idNumber: '120101198001010012' }), now)).toBeUndefined();
    expect(fieldErrorOnLeave('idNumber', typed({ idNumber: '12010119800101' }), now)).toBe('format');
  });

  it('reports a mobile number that is not one, and takes one typed with +86 and spaces', () => {
    expect(fieldErrorOnLeave('mobile', typed({ mobile: '1381234567' }), now)).toBe('mobileFormat');
    expect(fieldErrorOnLeave('mobile', typed({ mobile: '12812345678' }), now)).toBe('mobileFormat');
    expect(fieldErrorOnLeave('mobile', typed({ mobile: '+86 138 1234 5678' }), now)).toBeUndefined();
  });

  it('reports only the field left, not the others still empty', () => {
    // Name, ID and birth date are empty, yet leaving the mobile speaks of the mobile only.
    expect(fieldErrorOnLeave('mobile', typed({ mobile: '13812345678' }), now)).toBeUndefined();
    expect(fieldErrorOnLeave('name', typed({ name: '张三3' }), now)).toBe('nameCharacters');
  });

  it('leaves emptiness to the save, which still refuses it', () => {
    expect(fieldErrorOnLeave('name', typed({}), now)).toBeUndefined();
    expect(fieldErrorOnLeave('idNumber', typed({}), now)).toBeUndefined();
    const saved = validatePatient(typed({}), now);
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.errors).toMatchObject({ name: 'required', idNumber: 'required' });
  });

  it('checks a birth date against the identity number typed above it', () => {
    const input = typed({ idNumber: '120101198001010012', birthDate: '1980-01-02' });
    expect(fieldErrorOnLeave('birthDate', input, now)).toBe('birthDateMismatch');
  });

  it('refuses a birth date after today (a passport carries none to compare)', () => {
    const input = typed({ idType: 'passport', idNumber: 'E12345678', birthDate: '2026-12-08' });
    expect(fieldErrorOnLeave('birthDate', input, now)).toBe('birthDateFuture');
    expect(fieldErrorOnLeave('birthDate', { ...input, birthDate: '2026-12-07' }, now)).toBeUndefined();
  });
});

describe('the birth date rule', () => {
  it('refuses tomorrow, takes today, and refuses dates that do not exist', () => {
    expect(checkBirthDate('2026-12-08', now)).toBe('birthDateFuture');
    expect(checkBirthDate('2099-01-01', now)).toBe('birthDateFuture');
    expect(checkBirthDate('2026-12-07', now)).toBeUndefined();
    expect(checkBirthDate('2023-02-29', now)).toBe('birthDateInvalid');
    expect(checkBirthDate('', now)).toBe('required');
  });
});
