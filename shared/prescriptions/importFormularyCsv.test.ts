import { describe, expect, it } from 'vitest';
import { formularyDrugSchema } from './formulary';
import { codeFor, importFormularyCsv, parseStrength } from './importFormularyCsv';

const chinese = [
  '\uFEFF药品编码,通用名,英文名,剂型,规格,单位,包装数量,包装单位,常用剂量,用法,频次,管理类别,抗菌药物,过敏分组,特殊储存,分类,剂量单位,单位含量',
  'amlodipine-5mg,苯磺酸氨氯地平片,Amlodipine Besylate Tablets,片剂,5 mg,片,28,盒,5,口服,每日1次,,否,,,心血管,,',
  'amoxicillin-0-25g,阿莫西林胶囊,Amoxicillin Capsules,胶囊,0.25 g,粒,24,盒,0.5,po,tid,普通,是,青霉素,否,抗感染,,',
  'glargine,甘精胰岛素注射液,Insulin Glargine Injection,注射液,100 IU/ml×3 ml,笔,1,盒,10,皮下注射,qd,,否,,是,降糖,IU,300',
  'diazepam,地西泮片,Diazepam Tablets,片,2.5mg,片,100,瓶,2.5,口服,qn,精二,否,,,精神,,',
].join('\r\n');

describe('importFormularyCsv: dose maxima, their source and brand names', () => {
  const sheet = [
    '通用名,剂型,规格,单位,单次最大剂量,每日最大剂量,儿童每日最大剂量每公斤,剂量来源,商品名',
    '苯磺酸氨氯地平片,片剂,5 mg,片,10,10,,说明书 2023 版,络活喜；Norvasc',
    '阿莫西林颗粒,颗粒剂,0.125 g,袋,,4,0.04,说明书,',
    '盐酸二甲双胍片,片剂,0.5 g,片,,,,,',
    '某药片,片剂,5 mg,片,0,abc,,,',
  ].join('\n');

  it.each<[number, object]>([
    [
      0,
      {
        maxSingleDose: 10,
        maxDailyDose: 10,
        doseLimitSource: '说明书 2023 版',
        brands: ['络活喜', 'Norvasc'],
      },
    ],
    [1, { maxDailyDose: 4, maxDailyDosePerKg: 0.04, doseLimitSource: '说明书' }],
  ])('row %i reads its maxima', (index, expected) => {
    expect(importFormularyCsv(sheet).drugs[index]).toMatchObject(expected);
  });

  it('a row without maxima has none (no check), and a wrong maximum is reported', () => {
    const { drugs, errors } = importFormularyCsv(sheet);
    expect(drugs[2]).not.toHaveProperty('maxSingleDose');
    expect(drugs[2]).not.toHaveProperty('maxDailyDose');
    expect(errors).toEqual([
      { row: 5, field: 'maxSingleDose', code: 'maxDoseInvalid' },
      { row: 5, field: 'maxDailyDose', code: 'maxDoseInvalid' },
    ]);
  });

  it('reads the maxima under English headings', () => {
    const { drugs } = importFormularyCsv(
      'generic,form,strength,unit,max single dose,max daily dose,source\nAmlodipine,tablet,5 mg,tablet,10,10,label',
    );
    expect(drugs[0]).toMatchObject({ maxSingleDose: 10, maxDailyDose: 10, doseLimitSource: 'label' });
  });
});

describe('importFormularyCsv', () => {
  it('reads Chinese headings and values, with a byte-order mark', () => {
    const { drugs, errors } = importFormularyCsv(chinese);
    expect(errors).toEqual([]);
    expect(drugs.map((d) => d.code)).toEqual(['amlodipine-5mg', 'amoxicillin-0-25g', 'glargine', 'diazepam']);
    expect(drugs[0]).toEqual({
      code: 'amlodipine-5mg',
      generic: { 'zh-CN': '苯磺酸氨氯地平片', en: 'Amlodipine Besylate Tablets' },
      form: 'tablet',
      strength: '5 mg',
      doseUnit: 'mg',
      dosePerUnit: 5,
      unit: 'tablet',
      packSize: 28,
      packUnit: 'box',
      defaultDose: 5,
      defaultRoute: 'po',
      defaultFrequency: 'qd',
      control: 'none',
      antimicrobial: false,
      allergenGroups: [],
      category: 'cardiovascular',
    });
    expect(drugs[1]).toMatchObject({
      doseUnit: 'g',
      dosePerUnit: 0.25,
      antimicrobial: true,
      allergenGroups: ['penicillin'],
    });
    expect(drugs[3]).toMatchObject({
      control: 'psychotropic2',
      doseUnit: 'mg',
      dosePerUnit: 2.5,
      packUnit: 'bottle',
    });
    for (const drug of drugs) expect(formularyDrugSchema.safeParse(drug).success).toBe(true);
  });

  it('takes the dose unit and content from their columns when the strength is not simple', () => {
    const glargine = importFormularyCsv(chinese).drugs.find((d) => d.code === 'glargine');
    expect(glargine).toMatchObject({
      unit: 'pen',
      doseUnit: 'IU',
      dosePerUnit: 300,
      defaultRoute: 'ih',
      specialStorage: true,
      category: 'antidiabetic',
    });
  });

  it('reads English headings in any order, tab separated, deriving what it can', () => {
    const csv = [
      'generic name\tenglish name\tstrength\tform\tunit\tpack size\tdose unit\tdose per unit',
      '二甲双胍片\tMetformin Hydrochloride Tablets\t0.5 g\ttablet\ttablet\t20\t\t',
      '玻璃酸钠滴眼液\tSodium Hyaluronate Eye Drops\t0.1%×5 ml\teyeDrops\tbottle\t\tdrop\t100',
      '连花清瘟胶囊\t\t0.35 g\t胶囊\t粒\t24\t\t',
    ].join('\n');
    const { drugs, errors } = importFormularyCsv(csv);
    expect(errors).toEqual([]);
    expect(drugs[0]).toMatchObject({
      code: 'metformin-hydrochloride-tablets-0-5-g',
      doseUnit: 'g',
      dosePerUnit: 0.5,
      packSize: 20,
      packUnit: 'box',
      defaultDose: 0.5,
      defaultRoute: 'po',
      defaultFrequency: 'qd',
    });
    expect(drugs[0]).not.toHaveProperty('category');
    expect(drugs[1]).toMatchObject({
      doseUnit: 'drop',
      dosePerUnit: 100,
      defaultRoute: 'eye',
      packSize: 1,
      packUnit: 'bottle',
    });
    expect(drugs[2]).toMatchObject({
      code: 'lian-hua-qing-wen-jiao-nang-0-35-g',
      generic: { 'zh-CN': '连花清瘟胶囊', en: '连花清瘟胶囊' },
      doseUnit: 'g',
      dosePerUnit: 0.35,
    });
  });

  it('refuses a code that is not a slug', () => {
    const { drugs, errors } = importFormularyCsv(
      '编码,通用名,剂型,规格,单位\nAmlo 5,苯磺酸氨氯地平片,片剂,5 mg,片',
    );
    expect(drugs).toEqual([]);
    expect(errors).toEqual([{ row: 2, code: 'codeInvalid', field: 'code' }]);
  });

  it('reports each unusable row and field, keeping the good rows', () => {
    const csv = [
      '通用名,剂型,规格,单位,包装数量,频次,抗菌药物,过敏分组,分类,用法',
      '好药片,片剂,10 mg,片,10,qd,否,,,',
      ',片剂,10 mg,片,10,qd,否,,,',
      '坏剂型,糊剂,10 mg,片,10,qd,否,,,',
      '无规格,片剂,,片,10,qd,否,,,',
      '坏单位,片剂,10 mg,桶,10,qd,否,,,',
      '坏包装,片剂,10 mg,片,1.5,qd,否,,,',
      '坏频次,片剂,10 mg,片,10,daily,否,,,',
      '坏布尔,片剂,10 mg,片,10,qd,也许,,,',
      '坏过敏,片剂,10 mg,片,10,qd,否,花粉,,',
      '坏分类,片剂,10 mg,片,10,qd,否,,神奇,',
      '注射无用法,注射液,1 ml:10 mg,支,10,st,否,,,',
      '坏用法,片剂,10 mg,片,10,qd,否,,,口嚼',
      '好药片,片剂,10 mg,片,10,qd,否,,,',
    ].join('\n');
    const { drugs, errors } = importFormularyCsv(csv);
    expect(drugs.map((d) => d.generic['zh-CN'])).toEqual(['好药片']);
    expect(errors).toEqual([
      { row: 3, code: 'genericRequired', field: 'zh' },
      { row: 4, code: 'unknownForm', field: 'form' },
      { row: 5, code: 'strengthRequired', field: 'strength' },
      { row: 6, code: 'unknownUnit', field: 'unit' },
      { row: 7, code: 'packSizeInvalid', field: 'packSize' },
      { row: 8, code: 'unknownFrequency', field: 'defaultFrequency' },
      { row: 9, code: 'booleanInvalid', field: 'antimicrobial' },
      { row: 10, code: 'unknownAllergenGroup', field: 'allergenGroups' },
      { row: 11, code: 'unknownCategory', field: 'category' },
      { row: 12, code: 'unknownDoseUnit', field: 'doseUnit' },
      { row: 12, code: 'routeRequired', field: 'defaultRoute' },
      { row: 13, code: 'unknownRoute', field: 'defaultRoute' },
      { row: 14, code: 'duplicateCode', field: 'code' },
    ]);
  });

  it.each([
    ['', [{ row: 1, code: 'missingColumns', field: 'zh' }]],
    ['剂型,规格\n片剂,5 mg', [{ row: 1, code: 'missingColumns', field: 'zh' }]],
  ])('reports a sheet without a generic-name column: %j', (csv, expected) => {
    expect(importFormularyCsv(csv)).toEqual({ drugs: [], errors: expected });
  });

  it('skips title rows above the headings and blank rows, numbering rows as a spreadsheet does', () => {
    const csv = [
      '某社区卫生服务中心药品目录',
      '',
      '通用名,剂型,规格,单位',
      '',
      '维生素C片,片剂,0.1 g,片',
    ].join('\n');
    const { drugs, errors } = importFormularyCsv(csv);
    expect(errors).toEqual([]);
    expect(drugs).toHaveLength(1);
  });

  it('reports a broken quote as a parse error', () => {
    const csv = '通用名,剂型,规格,单位\n维生素C片,片剂,0.1 g,片\n"未闭合,片剂,0.1 g,片\n';
    expect(importFormularyCsv(csv).errors[0]).toMatchObject({ code: 'parseError' });
  });
});

describe('parseStrength', () => {
  it.each([
    ['5 mg', { amount: 5, unit: 'mg' }],
    ['0.5g', { amount: 0.5, unit: 'g' }],
    ['50 μg', { amount: 50, unit: 'μg' }],
    ['50 µg', { amount: 50, unit: 'μg' }],
    ['50 mcg', { amount: 50, unit: 'μg' }],
    ['80万单位', { amount: 800000, unit: 'U' }],
    ['400 IU', { amount: 400, unit: 'IU' }],
    ['100 ml', { amount: 100, unit: 'ml' }],
    ['5 mg×28片', null],
    ['100 IU/ml×3 ml', null],
    ['2 片', null],
    ['', null],
  ])('%j → %j', (strength, expected) => {
    expect(parseStrength(strength)).toEqual(expected);
  });
});

describe('codeFor', () => {
  it.each([
    ['苯磺酸氨氯地平片', 'Amlodipine Besylate Tablets', '5 mg', 'amlodipine-besylate-tablets-5-mg'],
    ['苯磺酸氨氯地平片', '', '5 mg', 'ben-huang-suan-an-lu-di-ping-pian-5-mg'],
    ['绿茶', '', '1 g', 'lu-cha-1-g'],
  ])('%s / %j / %s → %s', (zh, en, strength, code) => {
    expect(codeFor(zh, en, strength)).toBe(code);
  });
});
