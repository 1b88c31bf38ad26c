/**
 * What a formulary CSV may say, in Chinese or English: column headings and the words used for
 * forms, units, routes, frequencies, control classes and categories. Codes always work; the
 * Chinese display strings of the `prescriptions` namespace work too, plus common synonyms.
 */
import zh from '../i18n/locales/zh-CN/prescriptions.json';
import en from '../i18n/locales/en/prescriptions.json';
import type { FormularyDrug } from './formulary';
import { dispensingUnits, doseUnits } from './vocabulary';

/** A formulary field a CSV column can fill. */
export type CsvField = 'code' | 'zh' | 'en' | keyof Omit<FormularyDrug, 'code' | 'generic'>;

/** Column headings per field (compared trimmed, lower case, without spaces, underscores or brackets). */
export const csvColumnNames: Readonly<Record<CsvField, readonly string[]>> = {
  code: ['code', '编码', '药品编码', '药品代码', '代码', '药品id'],
  zh: [
    '通用名',
    '通用名称',
    '药品通用名',
    '药品通用名称',
    '药品名称',
    '中文名',
    'genericname',
    'generic',
    'genericzh',
    'zhcn',
    'name',
  ],
  en: ['英文名', '英文名称', '英文通用名', 'englishname', 'genericen', 'nameen', 'en'],
  form: ['剂型', 'form', 'dosageform'],
  strength: ['规格', 'strength', 'specification'],
  doseUnit: ['剂量单位', 'doseunit'],
  dosePerUnit: ['每单位剂量', '单位含量', '含量', 'doseperunit'],
  unit: ['单位', '发药单位', '最小单位', '最小包装单位', 'unit', 'dispensingunit'],
  packSize: ['包装数量', '包装量', '每包装数量', '装量', 'packsize'],
  packUnit: ['包装单位', 'packunit'],
  defaultDose: ['常用剂量', '默认剂量', '单次剂量', 'defaultdose', 'dose'],
  maxSingleDose: ['单次最大剂量', '最大单次剂量', '单次极量', 'maxsingledose', 'maxsingle'],
  maxDailyDose: ['每日最大剂量', '日最大剂量', '最大日剂量', '每日极量', 'maxdailydose', 'maxdaily'],
  maxSingleDosePerKg: ['儿童单次最大剂量每公斤', '单次最大剂量每公斤', 'maxsingledoseperkg'],
  maxDailyDosePerKg: ['儿童每日最大剂量每公斤', '每日最大剂量每公斤', 'maxdailydoseperkg'],
  doseLimitSource: ['剂量来源', '最大剂量来源', 'doselimitsource', 'source'],
  brands: ['商品名', '商品名称', 'brand', 'brands', 'brandnames'],
  defaultRoute: ['用法', '给药途径', '默认用法', 'route', 'defaultroute'],
  defaultFrequency: ['频次', '默认频次', '用药频次', 'frequency', 'defaultfrequency'],
  control: ['管理类别', '管制类别', '特殊管理', '特殊管理类别', 'control', 'controlclass'],
  antimicrobial: ['抗菌药物', '抗菌药', 'antimicrobial'],
  allergenGroups: ['过敏分组', '过敏类别', '致敏分组', 'allergengroups', 'allergens'],
  specialStorage: ['特殊储存', '特殊贮藏', '冷藏', 'specialstorage'],
  category: ['分类', '药理分类', '类别', 'category'],
};

/** Normalises a heading or a value for lookup. */
export const csvKey = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_()（）[\]【】-]+/g, '');

/** Builds a lookup from codes, both locales' display strings and extra synonyms to codes. */
function lookup<C extends string>(
  codes: readonly C[],
  labels: readonly Readonly<Record<string, string>>[],
  synonyms: Readonly<Record<string, C>> = {},
): (value: string) => C | null {
  const map = new Map<string, C>();
  for (const code of codes) {
    for (const table of labels) {
      // A counted unit has a label per plural form ("tablet", "tablets"); each names the code.
      for (const key of [code, ...pluralForms.map((form) => `${code}_${form}`)]) {
        const label = table[key];
        if (label && !map.has(csvKey(label))) map.set(csvKey(label), code);
      }
    }
  }
  for (const [word, code] of Object.entries(synonyms)) map.set(csvKey(word), code);
  // Codes win over labels that happen to spell another code.
  for (const code of codes) map.set(csvKey(code), code);
  return (value) => map.get(csvKey(value)) ?? null;
}

/** i18next's plural suffixes (`units.tablet_one`, `units.tablet_other`). */
const pluralForms = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

const keysOf = <T extends object>(table: T) => Object.keys(table) as (keyof T & string)[];

export const formOf = lookup(keysOf(zh.forms), [zh.forms, en.forms], {
  片: 'tablet',
  素片: 'tablet',
  薄膜衣片: 'tablet',
  糖衣片: 'tablet',
  胶囊: 'capsule',
  颗粒: 'granules',
  散: 'powder',
  丸: 'pill',
  浓缩丸: 'pill',
  水丸: 'pill',
  蜜丸: 'pill',
  糖浆: 'syrup',
  合剂: 'oralLiquid',
  注射剂: 'injection',
  粉针剂: 'powderInjection',
  注射用粉针: 'powderInjection',
  大输液: 'infusion',
  软膏: 'ointment',
  乳膏: 'cream',
  凝胶: 'gel',
  溶液: 'solution',
  外用溶液: 'solution',
  眼用凝胶: 'eyeGel',
  吸入气雾剂: 'inhaler',
  栓: 'suppository',
  贴膏: 'plaster',
  膏药: 'plaster',
  tablets: 'tablet',
  capsules: 'capsule',
});

export const unitOf = lookup(dispensingUnits, [en.units], {
  片: 'tablet',
  粒: 'capsule',
  丸: 'pill',
  袋: 'bag',
  包: 'bag',
  支: 'ampoule',
  安瓿: 'ampoule',
  瓶: 'bottle',
  盒: 'box',
  笔: 'pen',
  笔芯: 'cartridge',
  贴: 'patch',
  枚: 'suppository',
  张: 'piece',
  tablets: 'tablet',
  capsules: 'capsule',
});

export const doseUnitOf = lookup(doseUnits, [en.doseUnits], {
  ug: 'μg',
  mcg: 'μg',
  µg: 'μg',
  微克: 'μg',
  毫克: 'mg',
  克: 'g',
  毫升: 'ml',
  单位: 'U',
  国际单位: 'IU',
  片: 'tablet',
  粒: 'capsule',
  滴: 'drop',
  揿: 'puff',
  喷: 'puff',
  吸: 'puff',
  袋: 'bag',
  丸: 'pill',
  贴: 'piece',
  枚: 'suppository',
  适量: 'application',
});

export const routeOf = lookup(keysOf(zh.routes), [zh.routes, en.routes], {
  口服: 'po',
  肌注: 'im',
  静注: 'iv',
  静滴: 'ivgtt',
  ivdrip: 'ivgtt',
  皮下: 'ih',
  h: 'ih',
  皮内: 'id',
  外用: 'ext',
  外敷: 'ext',
  外涂: 'ext',
  灌肠: 'pr',
  塞肛: 'pr',
  滴鼻: 'nasal',
  喷鼻: 'nasal',
});

export const frequencyOf = lookup(keysOf(zh.frequencies), [zh.frequencies, en.frequencies], {
  一日一次: 'qd',
  一日1次: 'qd',
  一日两次: 'bid',
  一日二次: 'bid',
  一日2次: 'bid',
  一日三次: 'tid',
  一日3次: 'tid',
  一日四次: 'qid',
  一日4次: 'qid',
  每晚: 'qn',
  stat: 'st',
});

export const controlOf = lookup(keysOf(zh.control), [zh.control, en.control], {
  无: 'none',
  普通: 'none',
  麻醉: 'narcotic',
  麻: 'narcotic',
  精一: 'psychotropic1',
  一类精神: 'psychotropic1',
  精二: 'psychotropic2',
  二类精神: 'psychotropic2',
  毒性: 'toxic',
  毒: 'toxic',
  放射性: 'radioactive',
  放射: 'radioactive',
  易制毒: 'precursor',
  含麻黄碱: 'precursor',
});

export const categoryOf = lookup(keysOf(zh.categories), [zh.categories, en.categories]);

const yes = new Set(['是', '有', 'y', 'yes', 'true', '1', '√']);
const no = new Set(['否', '无', 'n', 'no', 'false', '0', '']);

/** Reads yes/no (是/否, y/n, true/false, 1/0; empty is no), or null when it is neither. */
export function booleanOf(value: string): boolean | null {
  const key = csvKey(value);
  if (yes.has(key)) return true;
  if (no.has(key)) return false;
  return null;
}
