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
      expect(Object.keys(f).sort()).toEqual(['category', 'code', 'en', 'zh-CN']);
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

  it('is searchable by code, initials and name', () => {
    const index = buildDiagnosisIndex(favourites);
    expect(searchDiagnoses(index, 'i10', 1)[0]?.entry.code).toBe('I10');
    expect(searchDiagnoses(index, 'yfxgxy', 1)[0]?.entry.code).toBe('I10');
    expect(searchDiagnoses(index, '上呼吸道', 1)[0]?.entry.code).toBe('J06.9');
    expect(searchDiagnoses(index, 'xtnb', 1)[0]?.entry.code).toBe('E11.9');
    expect(searchDiagnoses(index, 'hypertension').map((m) => m.entry.code)).toContain('I10');
  });
});
