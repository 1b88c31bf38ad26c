import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexFormulary, parseFormulary } from './formulary';
import { nameKeys, resolveTypedDrug } from './nameMatch';

const formulary = indexFormulary(
  parseFormulary(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/formulary/formulary.json'), 'utf8')),
  ).drugs,
);
const codes = (name: string) => resolveTypedDrug(name, formulary).map((d) => d.code);

describe('resolveTypedDrug', () => {
  it.each([
    ['吗啡', ['morphine-sr-30mg-tab', 'morphine-10mg-inj']],
    ['morphine', ['morphine-sr-30mg-tab', 'morphine-10mg-inj']],
    ['Morphine Sulfate', ['morphine-sr-30mg-tab']],
    ['盐酸吗啡注射液', ['morphine-10mg-inj']],
    ['羟考酮', ['oxycodone-sr-10mg-tab']],
    ['OXYCODONE', ['oxycodone-sr-10mg-tab']],
    ['oxycodone hydrochloride', ['oxycodone-sr-10mg-tab']],
    ['头孢呋辛', ['cefuroxime-axetil-0-25g-tab', 'cefuroxime-0-75g-inj']],
    ['cefuroxime', ['cefuroxime-axetil-0-25g-tab', 'cefuroxime-0-75g-inj']],
    ['阿莫西林', ['amoxicillin-0-25g-cap', 'amoxicillin-0-125g-granules']],
    ['阿莫西林 胶囊', ['amoxicillin-0-25g-cap']],
    ['Amoxicillin Capsules', ['amoxicillin-0-25g-cap']],
    ['amoxicillin', ['amoxicillin-0-25g-cap', 'amoxicillin-0-125g-granules']],
    ['二甲双胍', ['metformin-0-5g-tab', 'metformin-xr-0-5g-tab']],
    ['盐酸二甲双胍片', ['metformin-0-5g-tab']],
    ['二甲双胍缓释片', ['metformin-xr-0-5g-tab']],
    ['氨氯地平', ['amlodipine-5mg-tab']],
    ['Amlodipine tablets', ['amlodipine-5mg-tab']],
    ['左氨氯地平', ['levamlodipine-2-5mg-tab']],
  ])('%s → %j', (name, expected) => {
    expect(codes(name)).toEqual(expected);
  });

  it.each(['氯化钾', '布洛芬缓释胶囊'])('%s is not confused with another salt or form', (name) => {
    for (const drug of resolveTypedDrug(name, formulary))
      expect(drug.generic['zh-CN'].startsWith(name.slice(0, 3))).toBe(true);
  });

  it.each(['某某新药', 'xyz-123', '', '  ', '片'])('%j is off the formulary', (name) => {
    expect(codes(name)).toEqual([]);
  });

  it('reads brand names', () => {
    const drugs = [...formulary.values()].map((d) =>
      d.code === 'amlodipine-5mg-tab' ? { ...d, brands: ['络活喜', 'Norvasc'] } : d,
    );
    const withBrands = indexFormulary(drugs);
    expect(resolveTypedDrug('络活喜', withBrands).map((d) => d.code)).toEqual(['amlodipine-5mg-tab']);
    expect(resolveTypedDrug('norvasc', withBrands).map((d) => d.code)).toEqual(['amlodipine-5mg-tab']);
  });

  it('keys ignore case, spaces, brackets and form words', () => {
    expect(nameKeys('硝苯地平缓释片(Ⅱ)').exact).toEqual(['硝苯地平']);
    expect(nameKeys('Nifedipine Sustained-release Tablets (II)').exact).toEqual(['nifedipine']);
  });
});
