import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import zhEncounters from '../i18n/locales/zh-CN/encounters.json';
import { isDiagnosisCode, type DiagnosisEntry } from './codes';
import { buildDiagnosisIndex, searchDiagnoses } from './search';

const file = join(import.meta.dirname, '../../resources/diagnoses/gp-favourites.json');
const favourites = JSON.parse(readFileSync(file, 'utf8')) as DiagnosisEntry[];

describe('GP favourites (resources/diagnoses/gp-favourites.json)', () => {
  it('lists at least 280 diagnoses', () => {
    expect(favourites.length).toBeGreaterThanOrEqual(280);
  });

  it('has each code once', () => {
    const codes = favourites.map((f) => f.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it('has only well-formed ICD-10 codes', () => {
    const shape = /^[A-Z]\d{2}(\.(\d{1,3}|x\d{2})(x\d{3})?)?$/;
    expect(
      favourites.filter((f) => !shape.test(f.code) || !isDiagnosisCode(f.code)).map((f) => f.code),
    ).toEqual([]);
  });

  it('names every diagnosis in both languages, with a known category and nothing else', () => {
    const categories = Object.keys(zhEncounters.diagnosisCategories);
    for (const f of favourites) {
      const keys = Object.keys(f).sort();
      expect(keys).toEqual(
        f.aliases ? ['aliases', 'category', 'code', 'en', 'zh-CN'] : ['category', 'code', 'en', 'zh-CN'],
      );
      for (const alias of f.aliases ?? []) expect(alias.trim()).not.toBe('');
      expect(f['zh-CN'].trim()).not.toBe('');
      expect(f.en.trim()).not.toBe('');
      expect(categories).toContain(f.category);
    }
  });

  it.each([
    ['I10', '原发性高血压'],
    ['E11.9', '2型糖尿病'],
    ['J06.9', '急性上呼吸道感染'],
    ['I63.9', '脑梗死'],
    ['I69.3', '脑梗死后遗症'],
    ['Z76.0', '开药（重复处方）'],
    ['Z94.8', '造血干细胞（骨髓）移植状态'],
    ['D61.9', '再生障碍性贫血'],
    ['D69.6', '血小板减少症'],
  ])('carries %s %s', (code, zh) => {
    expect(favourites.find((f) => f.code === code)?.['zh-CN']).toBe(zh);
  });

  /**
   * Categories the current WHO ICD-10 divides into subcategories (a code must be final: a
   * category that has subcategories is not itself a valid diagnosis code) and the subcategories it
   * has; and categories retired altogether (I84 haemorrhoids moved to K64 in the 2016 update).
   */
  const subdivided: Record<string, string[]> = {
    I48: ['I48.0', 'I48.1', 'I48.2', 'I48.3', 'I48.4', 'I48.9'],
    K85: ['K85.0', 'K85.1', 'K85.2', 'K85.3', 'K85.8', 'K85.9'],
    A09: ['A09.0', 'A09.9'],
    K64: ['K64.0', 'K64.1', 'K64.2', 'K64.3', 'K64.4', 'K64.5', 'K64.8', 'K64.9'],
  };
  const retired = ['I84'];

  it.each(Object.entries(subdivided))('uses only final codes under %s', (category, subcategories) => {
    const under = favourites.map((f) => f.code).filter((c) => c.split('.')[0] === category);
    expect(under.filter((c) => !subcategories.includes(c))).toEqual([]);
  });

  it('flags a non-final or retired code (the check above, on a wrong list)', () => {
    const wrong = ['I48', 'I48.91', 'K85', 'A09', 'A09.1', 'K64.9', 'I84.9'];
    const flagged = wrong.filter((c) => {
      const category = c.split('.')[0]!;
      return retired.includes(category) || (subdivided[category] && !subdivided[category].includes(c));
    });
    expect(flagged).toEqual(['I48', 'I48.91', 'K85', 'A09', 'A09.1', 'I84.9']);
  });

  it('has no code of a retired category (I84 → K64)', () => {
    expect(favourites.filter((f) => retired.includes(f.code.split('.')[0]!)).map((f) => f.code)).toEqual([]);
    expect(favourites.find((f) => f.code === 'K64.9')?.['zh-CN']).toBe('痔');
  });

  it('offers the common code first for the common name (gxy → I10 before I12.9)', () => {
    const index = buildDiagnosisIndex(favourites);
    const codes = searchDiagnoses(index, 'gxy').map((m) => m.entry.code);
    expect(codes[0]).toBe('I10');
    expect(codes.indexOf('I10')).toBeLessThan(codes.indexOf('I12.9'));
    expect(searchDiagnoses(index, 'gxb', 1)[0]?.entry.code).toBe('I25.1');
    expect(searchDiagnoses(index, 'fc', 1)[0]?.entry.code).toBe('I48.9');
  });

  it('is searchable by code, initials and name', () => {
    const index = buildDiagnosisIndex(favourites);
    expect(searchDiagnoses(index, 'i10', 1)[0]?.entry.code).toBe('I10');
    expect(searchDiagnoses(index, 'yfxgxy', 1)[0]?.entry.code).toBe('I10');
    expect(searchDiagnoses(index, '上呼吸道', 1)[0]?.entry.code).toBe('J06.9');
    expect(searchDiagnoses(index, 'xtnb', 1)[0]?.entry.code).toBe('E11.9');
    expect(searchDiagnoses(index, 'hypertension').map((m) => m.entry.code)).toContain('I10');
  });
});
