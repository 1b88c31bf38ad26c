import { describe, expect, it } from 'vitest';
import { normalizeMobile } from './phone';

describe('normalizeMobile', () => {
  it('accepts 11-digit mainland mobiles', () => {
    expect(normalizeMobile('13812345678')).toEqual({ ok: true, value: '13812345678' });
    for (const second of '3456789') {
      expect(normalizeMobile(`1${second}012345678`)).toEqual({ ok: true, value: `1${second}012345678` });
    }
  });

  it('strips spaces, hyphens and the +86 / 0086 / 86 prefix', () => {
    for (const raw of [
      ' 138 1234 5678 ',
      '138-1234-5678',
      '+86 138 1234 5678',
      '+86-13812345678',
      '0086 13812345678',
      '8613812345678',
      '１３８１２３４５６７８',
    ]) {
      expect(normalizeMobile(raw)).toEqual({ ok: true, value: '13812345678' });
    }
  });

  it('requires something', () => {
    expect(normalizeMobile('')).toEqual({ ok: false, error: 'required' });
    expect(normalizeMobile('  - ')).toEqual({ ok: false, error: 'required' });
  });

  it('refuses what is not a mobile', () => {
    for (const raw of [
      '12812345678', // second digit 2
      '1381234567', // 10 digits
      '138123456789', // 12 digits
      '23812345678',
      '022-23456789', // a Tianjin landline
      '+8612812345678',
      '+1 13812345678',
      '86 1381234567',
      '1381234567x',
      '(138)12345678',
    ]) {
      expect(normalizeMobile(raw)).toEqual({ ok: false, error: 'format' });
    }
  });
});
