import { describe, expect, it } from 'vitest';
import {
  codedDiagnosis,
  freeTextDiagnosis,
  isDiagnosisCode,
  localizedDiagnosisName,
  normalizeDiagnosisCode,
} from './codes';

describe('isDiagnosisCode', () => {
  it.each([
    'I10',
    'J06.9',
    'E11.9',
    'S72.00',
    'E11.900',
    'E14.900x001',
    'I10.x00x002',
    'I48.x01',
    'I25.103',
    'R68.800x001',
    'A18.001+M49.0*',
    'A18.0†M49.0*',
    'U07.1',
  ])('accepts %s', (code) => {
    expect(isDiagnosisCode(code)).toBe(true);
  });

  it.each([
    '',
    'I1',
    'I100',
    'i10',
    '10',
    'II0',
    'I10.',
    'I10.9999',
    'E14.900X001',
    'E14.900x01',
    'E14.900x0001',
    'E11 .9',
    'A18.0+M49.0',
    'I10/I11',
  ])('refuses %s', (code) => {
    expect(isDiagnosisCode(code)).toBe(false);
  });
});

describe('normalizeDiagnosisCode', () => {
  it.each([
    ['i10', 'I10'],
    [' e11.9 ', 'E11.9'],
    ['e14.900X001', 'E14.900x001'],
    ['I10.X00X002', 'I10.x00x002'],
    ['Ｉ１０', 'I10'],
    ['a18.001+m49.0*', 'A18.001+M49.0*'],
    ['E 11.9', 'E11.9'],
  ])('%s → %s', (raw, code) => {
    expect(normalizeDiagnosisCode(raw)).toBe(code);
    expect(isDiagnosisCode(normalizeDiagnosisCode(raw))).toBe(true);
  });
});

describe('diagnoses for an encounter', () => {
  const entry = {
    code: 'I10',
    'zh-CN': '原发性高血压',
    en: 'Essential (primary) hypertension',
    category: 'cardiovascular',
  };

  it('turns a code-list row into a coded diagnosis', () => {
    expect(codedDiagnosis(entry, true)).toEqual({
      code: 'I10',
      name: { zh: '原发性高血压', en: 'Essential (primary) hypertension' },
      freeText: false,
      primary: true,
    });
  });

  it('makes a free-text diagnosis without a code', () => {
    expect(freeTextDiagnosis({ zh: '头晕待查', en: '' }, false)).toEqual({
      code: '',
      name: { zh: '头晕待查', en: '' },
      freeText: true,
      primary: false,
    });
  });

  it.each([
    [{ zh: '高血压', en: 'Hypertension' }, 'zh-CN', '高血压'],
    [{ zh: '高血压', en: 'Hypertension' }, 'en', 'Hypertension'],
    [{ zh: '头晕待查', en: '' }, 'en', '头晕待查'],
    [{ zh: '', en: 'Dizziness' }, 'zh-CN', 'Dizziness'],
  ])('names %j in %s as %s', (name, locale, shown) => {
    expect(localizedDiagnosisName(name, locale)).toBe(shown);
  });
});
