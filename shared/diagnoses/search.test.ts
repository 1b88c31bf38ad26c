import { describe, expect, it } from 'vitest';
import type { DiagnosisEntry } from './codes';
import { buildDiagnosisIndex, diagnosisInitials, searchDiagnoses, type MatchKind } from './search';

const row = (code: string, zh: string, en: string): DiagnosisEntry => ({
  code,
  'zh-CN': zh,
  en,
  category: 'x',
});
const entries = [
  row('I10', '原发性高血压', 'Essential (primary) hypertension'),
  row('I11.9', '高血压性心脏病', 'Hypertensive heart disease without heart failure'),
  row('I15.9', '继发性高血压', 'Secondary hypertension, unspecified'),
  row('E11.9', '2型糖尿病', 'Type 2 diabetes mellitus without complications'),
  row('E11.2', '2型糖尿病肾病', 'Type 2 diabetes mellitus with renal complications'),
  row('E14.900x001', '糖尿病', 'Diabetes mellitus'),
  row('J06.9', '急性上呼吸道感染', 'Acute upper respiratory infection, unspecified'),
  row('J20.9', '急性支气管炎', 'Acute bronchitis, unspecified'),
  row('R51', '头痛', 'Headache'),
  row('D51.9', '维生素B12缺乏性贫血', 'Vitamin B12 deficiency anaemia, unspecified'),
  row('Z76.0', '开药（重复处方）', 'Issue of repeat prescription'),
];
const index = buildDiagnosisIndex(entries);
const search = (query: string, limit?: number) =>
  searchDiagnoses(index, query, limit).map((m) => `${m.entry.code}:${m.kind}`);

describe('diagnosisInitials', () => {
  it.each([
    ['原发性高血压', ['yfxgxy']],
    ['2型糖尿病', ['2xtnb', 'xtnb']],
    ['维生素B12缺乏性贫血', ['wssb12qfxpx', 'wssbqfxpx']],
    ['开药（重复处方）', ['kycfcf']],
    ['体重异常下降', ['tzycxj']],
    ['', []],
  ])('%s → %j', (name, initials) => {
    expect(diagnosisInitials(name)).toEqual(initials);
  });
});

describe('searchDiagnoses', () => {
  it.each<[string, string, string[]]>([
    ['exact code, any case', 'i10', ['I10:exactCode']],
    ['exact code with its dot', 'E11.9', ['E11.9:exactCode']],
    ['exact code without its dot', 'e119', ['E11.9:exactCode']],
    [
      'code prefix, shorter codes first, then list order',
      'e1',
      ['E11.9:codePrefix', 'E11.2:codePrefix', 'E14.900x001:codePrefix'],
    ],
    ['临床版 code typed with a capital X', 'e14.900X', ['E14.900x001:codePrefix']],
    ['initials prefix', 'yfx', ['I10:initialsPrefix']],
    ['initials prefix with the digit', '2xt', ['E11.9:initialsPrefix', 'E11.2:initialsPrefix']],
    ['initials prefix without the digit', 'xtnb', ['E11.9:initialsPrefix', 'E11.2:initialsPrefix']],
    ['initials of a name in parentheses', 'kycf', ['Z76.0:initialsPrefix']],
    [
      'Chinese substring, shorter names first',
      '高血压',
      ['I10:zhSubstring', 'I15.9:zhSubstring', 'I11.9:zhSubstring'],
    ],
    ['English substring, any case', 'BRONCH', ['J20.9:enSubstring']],
    [
      'initials inside a name come last',
      'gxy',
      ['I11.9:initialsPrefix', 'I10:initialsInfix', 'I15.9:initialsInfix'],
    ],
    ['initials prefix before English substring', 'tt', ['R51:initialsPrefix']],
    ['full-width input', 'Ｉ１０', ['I10:exactCode']],
    ['nothing', '   ', []],
    ['no match', 'zzzz', []],
  ])('%s (%s)', (_name, query, results) => {
    expect(search(query)).toEqual(results);
  });

  it('ranks an exact code above prefixes and names', () => {
    const ranked = searchDiagnoses(
      buildDiagnosisIndex([row('J06.90', 'a', 'b'), row('J06.9', 'c', 'd')]),
      'j06.9',
    ).map((m) => [m.entry.code, m.kind]);
    expect(ranked).toEqual([
      ['J06.9', 'exactCode'],
      ['J06.90', 'codePrefix'],
    ]);
  });

  it('keeps to the limit', () => {
    expect(search('e1', 2)).toHaveLength(2);
    expect(search('e1', 0)).toEqual([]);
  });

  it('reports every kind in rank order', () => {
    const kinds: MatchKind[] = [
      'exactCode',
      'codePrefix',
      'initialsPrefix',
      'zhSubstring',
      'enSubstring',
      'initialsInfix',
    ];
    const all = searchDiagnoses(
      buildDiagnosisIndex([
        row('C05', '红白1', 'x'),
        row('C03', '测', 'vitamin b1'),
        row('C02', '维生素B1缺乏', 'x'),
        row('C01', 'B1型', 'x'),
        row('B10', '乙', 'x'),
        row('B1', '甲', 'x'),
      ]),
      'b1',
    ).map((m) => m.kind);
    expect(all).toEqual(kinds);
  });

  it('is quick on a list the size of the 临床版', () => {
    const many = Array.from({ length: 37_000 }, (_, i) =>
      row(`A${String(i % 100).padStart(2, '0')}.${i}`, `疾病名称${i}`, `Disease ${i}`),
    );
    const big = buildDiagnosisIndex(many);
    const started = performance.now();
    for (const q of ['a1', 'jbmc', '名称12', 'disease 9']) searchDiagnoses(big, q);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
