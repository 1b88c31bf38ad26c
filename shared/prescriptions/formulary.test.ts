import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formularyDrugSchema, indexFormulary, parseFormulary, type FormularyDrug } from './formulary';
import { computeQuantity } from './quantity';
import { isLongExcluded } from './rules';
import { administrationsPerDay } from './vocabulary';

const rows = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../resources/formulary/formulary.json'), 'utf8'),
) as unknown[];
const drugs = rows as FormularyDrug[];
const byCode = new Map(drugs.map((d) => [d.code, d]));

describe('bundled formulary (resources/formulary/formulary.json)', () => {
  it('has at least 280 entries', () => {
    expect(rows.length).toBeGreaterThanOrEqual(280);
  });

  it('validates every row against the schema', () => {
    const failures = rows.flatMap((row, i) => {
      const result = formularyDrugSchema.safeParse(row);
      return result.success
        ? []
        : [{ row: i, code: (row as { code?: unknown }).code, issues: result.error.issues }];
    });
    expect(failures).toEqual([]);
  });

  it('has unique codes', () => {
    const codes = drugs.map((d) => d.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it('gives every entry a category and a default dose that a quantity can be computed from', () => {
    for (const drug of drugs) {
      expect(drug.category, drug.code).toBeDefined();
      const perDay = administrationsPerDay(drug.defaultFrequency);
      if (perDay === null || drug.doseUnit === 'application') continue;
      const quantity = computeQuantity(
        { dose: drug.defaultDose, frequency: drug.defaultFrequency, days: 7 },
        drug,
      );
      expect(quantity?.units, drug.code).toBeGreaterThan(0);
    }
  });

  it.each([
    ['morphine-sr-30mg-tab', 'narcotic'],
    ['morphine-10mg-inj', 'narcotic'],
    ['fentanyl-4-2mg-patch', 'narcotic'],
    ['methylphenidate-er-18mg-tab', 'psychotropic1'],
    ['triazolam-0-25mg-tab', 'psychotropic1'],
    ['diazepam-2-5mg-tab', 'psychotropic2'],
    ['estazolam-1mg-tab', 'psychotropic2'],
    ['alprazolam-0-4mg-tab', 'psychotropic2'],
    ['tramadol-sr-0-1g-tab', 'psychotropic2'],
    ['clonazepam-2mg-tab', 'psychotropic2'],
    ['atropine-0-5mg-inj', 'toxic'],
    ['ephedrine-nasal-drops', 'precursor'],
    ['amlodipine-5mg-tab', 'none'],
  ])('%s is %s', (code, control) => {
    expect(byCode.get(code)?.control).toBe(control);
  });

  it('flags antimicrobials with their allergen groups, and not TB drugs', () => {
    expect(byCode.get('amoxicillin-0-25g-cap')).toMatchObject({
      antimicrobial: true,
      allergenGroups: ['penicillin'],
    });
    expect(byCode.get('cefaclor-0-25g-cap')).toMatchObject({
      antimicrobial: true,
      allergenGroups: ['cephalosporin'],
    });
    expect(byCode.get('co-trimoxazole-tab')?.allergenGroups).toContain('sulfonamide');
    expect(byCode.get('aspirin-ec-100mg-tab')?.allergenGroups).toContain('aspirin-nsaid');
    expect(byCode.get('isoniazid-0-1g-tab')?.antimicrobial).toBe(false);
  });

  it('marks insulins as special storage, so they stay off long prescriptions', () => {
    const insulins = drugs.filter((d) => d.generic['zh-CN'].includes('胰岛素'));
    expect(insulins.length).toBeGreaterThanOrEqual(8);
    for (const insulin of insulins) {
      expect(insulin.specialStorage, insulin.code).toBe(true);
      expect(insulin.doseUnit === 'IU' || insulin.doseUnit === 'U', insulin.code).toBe(true);
      expect(isLongExcluded({ control: insulin.control, antimicrobial: false, specialStorage: true })).toBe(
        true,
      );
    }
  });

  it('covers the groups a community centre needs', () => {
    const categories = new Set(drugs.map((d) => d.category));
    for (const category of [
      'cardiovascular',
      'antidiabetic',
      'lipid',
      'antithrombotic',
      'respiratory',
      'tcm',
    ])
      expect(categories.has(category as FormularyDrug['category'])).toBe(true);
    expect(drugs.filter((d) => d.category === 'tcm').length).toBeGreaterThanOrEqual(30);
    expect(drugs.filter((d) => d.antimicrobial).length).toBeGreaterThanOrEqual(30);
  });
});

describe('parseFormulary', () => {
  const good = drugs[0]!;

  it('keeps valid entries and reports invalid and duplicate ones by index', () => {
    const result = parseFormulary([
      good,
      { ...good, code: 'Bad Code' },
      { ...good },
      null,
      { ...good, code: 'x-1', dosePerUnit: 0 },
    ]);
    expect(result.drugs).toEqual([good]);
    expect(result.issues).toEqual([
      { index: 1, code: 'Bad Code', issue: 'invalid' },
      { index: 2, code: good.code, issue: 'duplicateCode' },
      { index: 3, code: null, issue: 'invalid' },
      { index: 4, code: 'x-1', issue: 'invalid' },
    ]);
  });

  it('refuses fields it does not know and a non-array', () => {
    expect(formularyDrugSchema.safeParse({ ...good, price: 3 }).success).toBe(false);
    expect(parseFormulary({ not: 'a list' })).toEqual({ drugs: [], issues: [] });
  });

  it('indexes by code, the first entry winning', () => {
    const index = indexFormulary([good, { ...good, strength: 'other' }]);
    expect(index.size).toBe(1);
    expect(index.get(good.code)?.strength).toBe(good.strength);
  });
});
