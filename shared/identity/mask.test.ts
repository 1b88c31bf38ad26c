import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile } from './mask';

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('120105198001010123')).toBe('1201**********0123');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('USA110085061500')).toBe('USA1*******1500');
    expect(maskIdNumber('E12345678')).toBe('E123*5678');
  });

  it('keeps the length visible', () => {
    expect(maskIdNumber('120105198001010123')).toHaveLength(18);
    expect(maskIdNumber('E1234567')).toHaveLength(8);
  });

  it('keeps the first and the last two characters of short numbers', () => {
    expect(maskIdNumber('E1234567')).toBe('E*****67');
    expect(maskIdNumber('AB123')).toBe('A**23');
    expect(maskIdNumber('ABCD')).toBe('A*CD');
    expect(maskIdNumber('ABC')).toBe('A**');
    expect(maskIdNumber('A')).toBe('A');
    expect(maskIdNumber('')).toBe('');
  });

  it('counts characters, not UTF-16 units', () => {
    // 10 code points, one of them outside the BMP (two UTF-16 units).
    const masked = maskIdNumber('出生医学证明𠮷号码一');
    expect(masked).toBe('出生医学**𠮷号码一');
    expect([...masked]).toHaveLength(10);
  });
});

describe('maskMobile', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('022-23456789')).toBe('022*****6789');
  });

  it('masks short numbers like short IDs', () => {
    expect(maskMobile('1234567')).toBe('1****67');
    expect(maskMobile('')).toBe('');
  });
});
