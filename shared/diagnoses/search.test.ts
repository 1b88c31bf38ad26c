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
    ['whole initials without the digit first', 'xtnb', ['E11.9:exactInitials', 'E11.2:initialsPrefix']],
    ['whole initials with the digit first', '2xtnb', ['E11.9:exactInitials', 'E11.2:initialsPrefix']],
    ['initials of a name in parentheses', 'kycf', ['Z76.0:initialsPrefix']],
    [
      'Chinese substring, shorter names first',
      '血压',
      ['I10:zhSubstring', 'I15.9:zhSubstring', 'I11.9:zhSubstring'],
    ],
    ['the whole name first', '糖尿病', ['E14.900x001:exactName', 'E11.9:zhSubstring', 'E11.2:zhSubstring']],
    ['English substring, any case', 'BRONCH', ['J20.9:enSubstring']],
    [
      'initials inside a name come last',
      'xy',
      ['I10:initialsInfix', 'I15.9:initialsInfix', 'I11.9:initialsInfix'],
    ],
    ['whole initials before English substring', 'tt', ['R51:exactInitials']],
    ['initials prefix', 'jxz', ['J20.9:initialsPrefix']],
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
      'exactName',
      'exactInitials',
      'codePrefix',
      'initialsPrefix',
      'zhSubstring',
      'enSubstring',
      'initialsInfix',
    ];
    const all = searchDiagnoses(
      buildDiagnosisIndex([
        row('C07', '白1', 'x'),
        row('C06', 'b1', 'x'),
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

describe('ranking the common code first (usage, common names)', () => {
  const ranked = [
    row('I12.9', '高血压性肾病', 'Hypertensive renal disease without renal failure'),
    row('I11.9', '高血压性心脏病', 'Hypertensive heart disease without heart failure'),
    { ...row('I10', '原发性高血压', 'Essential (primary) hypertension'), aliases: ['高血压'] },
    row('I15.9', '继发性高血压', 'Secondary hypertension, unspecified'),
    row('I1', '测试', 'x'),
    row('K29.5', '慢性胃炎', 'Chronic gastritis, unspecified'),
    row('K29.7', '胃炎', 'Gastritis, unspecified'),
    row('K29.1', '急性胃炎', 'Other acute gastritis'),
  ];
  const rankedIndex = buildDiagnosisIndex(ranked);
  const codes = (query: string, usage?: Map<string, number>) =>
    searchDiagnoses(rankedIndex, query, 20, usage).map((m) => m.entry.code);

  it.each<[string, string, Record<string, number>, string[]]>([
    [
      'gxy offers I10 (its common name is gxy) before I12.9, with no usage yet',
      'gxy',
      {},
      ['I10', 'I12.9', 'I11.9', 'I15.9'],
    ],
    [
      'gxy: the exact match stays first however much another code is used',
      'gxy',
      { 'I12.9': 50 },
      ['I10', 'I12.9', 'I11.9', 'I15.9'],
    ],
    ['gxy: then the most used', 'gxy', { 'I15.9': 9, 'I11.9': 3 }, ['I10', 'I15.9', 'I11.9', 'I12.9']],
    ['the common name typed in full', '高血压', {}, ['I10', 'I12.9', 'I15.9', 'I11.9']],
    [
      'an exact code before a more used longer one',
      'i1',
      { I10: 99, 'I12.9': 50 },
      ['I1', 'I10', 'I12.9', 'I11.9', 'I15.9'],
    ],
    [
      'code prefix by usage, then shorter, then list order',
      'k29',
      { 'K29.1': 2 },
      ['K29.1', 'K29.5', 'K29.7'],
    ],
    ['the whole name’s initials first', 'wy', { 'K29.1': 5, 'K29.5': 4 }, ['K29.7', 'K29.1', 'K29.5']],
    ['usage of one is enough to move up', 'wy', { 'K29.5': 1 }, ['K29.7', 'K29.5', 'K29.1']],
    ['no usage: the existing order', 'wy', {}, ['K29.7', 'K29.5', 'K29.1']],
  ])('%s', (_, query, usage, expected) => {
    expect(codes(query, new Map(Object.entries(usage)))).toEqual(expected);
  });
});
