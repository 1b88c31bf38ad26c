import { describe, expect, it } from 'vitest';
import { importCodeCsv } from './importCodeCsv';

describe('importCodeCsv', () => {
  it('reads the 临床版 layout with a title row and a byte-order mark', () => {
    const csv = [
      '\uFEFF疾病分类与代码国家临床版2.0,,',
      '序号,主要编码,诊断名称',
      '1,E14.900x001,糖尿病',
      '2,I10.x00x002,高血压',
      '',
      '3,J06.900,急性上呼吸道感染',
    ].join('\r\n');
    expect(importCodeCsv(csv)).toEqual({
      entries: [
        { code: 'E14.900x001', 'zh-CN': '糖尿病', en: '', category: 'imported' },
        { code: 'I10.x00x002', 'zh-CN': '高血压', en: '', category: 'imported' },
        { code: 'J06.900', 'zh-CN': '急性上呼吸道感染', en: '', category: 'imported' },
      ],
      errors: [],
    });
  });

  it('prefers the diagnosis code over chapter and category codes (医保版 layout)', () => {
    const csv = ['类目代码,类目名称,诊断代码,诊断名称', 'I10,特发性高血压,I10.x00x002,高血压'].join('\n');
    expect(importCodeCsv(csv).entries).toEqual([
      { code: 'I10.x00x002', 'zh-CN': '高血压', en: '', category: 'imported' },
    ]);
  });

  it.each([
    ['疾病编码,疾病名称', 'i10,原发性高血压'],
    ['代码,名称', 'I10,原发性高血压'],
    ['诊断编码 , 诊断名称 ', 'I10,原发性高血压'],
    ['编码\t名称', 'I10\t原发性高血压'],
    ['编码;名称', 'I10;原发性高血压'],
  ])('recognises the header %s', (header, line) => {
    expect(importCodeCsv(`${header}\n${line}\n`).entries).toEqual([
      { code: 'I10', 'zh-CN': '原发性高血压', en: '', category: 'imported' },
    ]);
  });

  it('reads English sheets and bilingual ones', () => {
    expect(importCodeCsv('Code,Name\nJ20.9,"Acute bronchitis, unspecified"').entries).toEqual([
      { code: 'J20.9', 'zh-CN': '', en: 'Acute bronchitis, unspecified', category: 'imported' },
    ]);
    expect(
      importCodeCsv('code,名称,英文名称\nJ20.9,急性支气管炎,Acute bronchitis', { category: 'gp' }).entries,
    ).toEqual([{ code: 'J20.9', 'zh-CN': '急性支气管炎', en: 'Acute bronchitis', category: 'gp' }]);
  });

  it('normalises codes', () => {
    const csv = '诊断编码,诊断名称\n e14.900X001 ,糖尿病\n';
    expect(importCodeCsv(csv).entries.map((e) => e.code)).toEqual(['E14.900x001']);
  });

  it('reports the rows it cannot use, by spreadsheet row number', () => {
    const csv = [
      '诊断编码,诊断名称', // row 1
      'I10,原发性高血压', // 2
      ',无编码', // 3
      'X1,编码不对', // 4
      'E11.9,', // 5
      'i10,重复', // 6
      'E11.900x01,扩展码位数不对', // 7
      ',', // 8: blank, skipped
      'J06.9,急性上呼吸道感染', // 9
    ].join('\n');
    const result = importCodeCsv(csv);
    expect(result.entries.map((e) => e.code)).toEqual(['I10', 'J06.9']);
    expect(result.errors).toEqual([
      { row: 3, code: 'codeMissing' },
      { row: 4, code: 'codeFormat' },
      { row: 5, code: 'nameMissing' },
      { row: 6, code: 'duplicate' },
      { row: 7, code: 'codeFormat' },
    ]);
  });

  it('reports a broken quote', () => {
    const result = importCodeCsv('编码,名称\nI10,原发性高血压\nE11.9,"未闭合\n');
    expect(result.entries.map((e) => e.code)).toEqual(['I10']);
    expect(result.errors).toEqual([{ row: 3, code: 'malformed' }]);
  });

  it.each([
    ['an empty file', ''],
    ['no code column', '名称,备注\n高血压,\n'],
    ['no name column', '编码,备注\nI10,\n'],
    ['a header too far down', `${'x\n'.repeat(10)}编码,名称\nI10,高血压\n`],
  ])('finds no header in %s', (_name, csv) => {
    expect(importCodeCsv(csv)).toEqual({ entries: [], errors: [{ row: 0, code: 'noHeader' }] });
  });
});
