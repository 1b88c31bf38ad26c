import { describe, expect, it } from 'vitest';
import { allergenGroupsOf, allergyCore, matchingAllergies, type AllergyTarget } from './allergy';

const amoxicillin: AllergyTarget = {
  generic: { 'zh-CN': '阿莫西林胶囊', en: 'Amoxicillin Capsules' },
  allergenGroups: ['penicillin'],
};
const cefaclor: AllergyTarget = {
  generic: { 'zh-CN': '头孢克洛胶囊', en: 'Cefaclor Capsules' },
  allergenGroups: ['cephalosporin'],
};
const cotrimoxazole: AllergyTarget = {
  generic: { 'zh-CN': '复方磺胺甲噁唑片', en: 'Compound Sulfamethoxazole Tablets' },
  allergenGroups: ['sulfonamide'],
};
const ibuprofen: AllergyTarget = {
  generic: { 'zh-CN': '布洛芬缓释胶囊', en: 'Ibuprofen Sustained-release Capsules' },
  allergenGroups: ['aspirin-nsaid'],
};
const metoprolol: AllergyTarget = {
  generic: { 'zh-CN': '酒石酸美托洛尔片', en: 'Metoprolol Tartrate Tablets' },
  allergenGroups: [],
};

describe('allergenGroupsOf', () => {
  it.each([
    ['青霉素', ['penicillin']],
    ['青霉素类过敏', ['penicillin']],
    ['Penicillin', ['penicillin']],
    ['头孢类', ['cephalosporin']],
    ['cephalosporins', ['cephalosporin']],
    ['β-内酰胺类', ['penicillin', 'cephalosporin']],
    ['磺胺类', ['sulfonamide']],
    ['sulfa drugs', ['sulfonamide']],
    ['阿司匹林', ['aspirin-nsaid']],
    ['aspirin', ['aspirin-nsaid']],
    ['NSAIDs', ['aspirin-nsaid']],
    ['左氧氟沙星', ['quinolone']],
    ['碘造影剂', ['iodine']],
    ['花粉', []],
    ['海鲜', []],
    ['', []],
  ])('%j → %j', (allergy, groups) => {
    expect(allergenGroupsOf(allergy)).toEqual(groups);
  });
});

describe('allergyCore', () => {
  it.each([
    ['青霉素过敏', '青霉素'],
    ['头孢类药物', '头孢'],
    ['allergic to Aspirin', 'aspirin'],
    ['  阿莫西林  ', '阿莫西林'],
  ])('%j → %j', (allergy, core) => {
    expect(allergyCore(allergy)).toBe(core);
  });
});

describe('matchingAllergies', () => {
  it.each<[string, readonly string[], AllergyTarget, string[]]>([
    ['青霉素 → amoxicillin (group)', ['青霉素'], amoxicillin, ['青霉素']],
    ['penicillin → amoxicillin (group)', ['penicillin'], amoxicillin, ['penicillin']],
    ['头孢类 → cefaclor', ['头孢类'], cefaclor, ['头孢类']],
    ['头孢类 does not flag amoxicillin', ['头孢类'], amoxicillin, []],
    ['磺胺类 → co-trimoxazole', ['磺胺类'], cotrimoxazole, ['磺胺类']],
    ['阿司匹林 → ibuprofen (NSAID group)', ['阿司匹林'], ibuprofen, ['阿司匹林']],
    ['the drug by name', ['阿莫西林'], amoxicillin, ['阿莫西林']],
    ['the drug by full name with filler', ['阿莫西林胶囊过敏'], amoxicillin, ['阿莫西林胶囊过敏']],
    ['the drug by English name', ['cefaclor'], cefaclor, ['cefaclor']],
    [
      'only the matching entries, in order',
      ['花粉', '青霉素', '海鲜', 'amoxicillin'],
      amoxicillin,
      ['青霉素', 'amoxicillin'],
    ],
    ['one Chinese character does not match by name (酒 ≠ 酒石酸)', ['酒'], metoprolol, []],
    ['a short Latin fragment does not match by name', ['tab'], metoprolol, []],
    ['no allergies', [], amoxicillin, []],
  ])('%s', (_name, allergies, drug, expected) => {
    expect(matchingAllergies(allergies, drug)).toEqual(expected);
  });
});
