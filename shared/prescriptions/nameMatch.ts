/**
 * Typed drug names against the formulary. A doctor who types "吗啡", "amlodipine", "络活喜" or
 * "头孢呋辛" by hand means a drug the formulary already knows, with its control class, its
 * antimicrobial flag and its allergy groups; such a name must become that entry, never a plain
 * off-formulary drug that escapes the rules. Names are compared without case, spaces or
 * punctuation, without dosage-form words (片, 胶囊, 缓释片, tablets, capsules …) and, failing an
 * exact match, also without salt words (盐酸, 硫酸, 苯磺酸 …, hydrochloride, besylate …).
 */
import type { Formulary, FormularyDrug } from './formulary';

/** Dosage-form and packaging words, longest first so that 缓释片 goes before 片. */
const chineseFormWords = [
  '缓释胶囊',
  '肠溶胶囊',
  '控释胶囊',
  '缓释片',
  '控释片',
  '肠溶片',
  '分散片',
  '咀嚼片',
  '泡腾片',
  '口崩片',
  '含片',
  '薄膜衣片',
  '软胶囊',
  '胶囊',
  '颗粒',
  '干混悬剂',
  '混悬液',
  '口服溶液',
  '口服液',
  '糖浆',
  '滴丸',
  '注射液',
  '注射剂',
  '气雾剂',
  '喷雾剂',
  '吸入剂',
  '滴眼液',
  '滴鼻液',
  '滴耳液',
  '软膏',
  '乳膏',
  '凝胶',
  '贴剂',
  '贴膏',
  '栓',
  '散',
  '片',
  '丸',
];
const chineseFormPrefixes = ['注射用', '吸入用'];

/** Acid and salt words before the Chinese name (盐酸二甲双胍 → 二甲双胍). */
const chineseSaltPrefixes = [
  '苯磺酸',
  '甲磺酸',
  '马来酸',
  '酒石酸',
  '琥珀酸',
  '富马酸',
  '枸橼酸',
  '盐酸',
  '硫酸',
  '磷酸',
  '醋酸',
  '乳酸',
  '硝酸',
  '氢溴酸',
  '硫酸氢',
];
/** Cation or ester words after the Chinese name (头孢呋辛钠, 头孢呋辛酯); see {@link chineseCore}. */
const chineseSaltSuffixes = ['钠', '钾', '钙', '镁', '酯'];

const englishFormWords = [
  'sustained-release',
  'extended-release',
  'prolonged-release',
  'controlled-release',
  'modified-release',
  'enteric-coated',
  'dispersible',
  'chewable',
  'effervescent',
  'film-coated',
  'tablets',
  'tablet',
  'capsules',
  'capsule',
  'granules',
  'injection',
  'for',
  'oral',
  'solution',
  'suspension',
  'syrup',
  'drops',
  'powder',
  'soft',
  'and',
  'sr',
  'xr',
  'er',
  'tab',
  'tabs',
  'cap',
  'caps',
  'inj',
];
const englishSaltWords = [
  'hydrochloride',
  'hcl',
  'besylate',
  'besilate',
  'maleate',
  'tartrate',
  'succinate',
  'fumarate',
  'citrate',
  'sulfate',
  'sulphate',
  'phosphate',
  'acetate',
  'mesylate',
  'mesilate',
  'sodium',
  'potassium',
  'calcium',
  'magnesium',
  'axetil',
  'lactate',
];

const base = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, ' ');

/** Latin words of an English name, form words dropped (and salt words with `core`). */
function englishKey(name: string, core: boolean): string {
  const words = base(name)
    .replace(/[^a-z0-9-]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const dropped = new Set([...englishFormWords, ...(core ? englishSaltWords : [])]);
  return words
    .flatMap((w) => (dropped.has(w) ? [] : w.split('-')))
    .filter((w) => w && !dropped.has(w))
    .join('');
}

const stripPrefix = (text: string, prefixes: readonly string[]) => {
  const p = prefixes.find((x) => text.startsWith(x) && text.length > x.length + 1);
  return p ? text.slice(p.length) : text;
};
const stripSuffix = (text: string, suffixes: readonly string[]) => {
  const s = suffixes.find((x) => text.endsWith(x) && text.length > x.length + 1);
  return s ? text.slice(0, -s.length) : text;
};

/** A Chinese name without punctuation, brackets or form words (硝苯地平缓释片(Ⅱ) → 硝苯地平). */
function chineseKey(name: string): string {
  let text = base(name).replace(/[^\u3400-\u9fffa-z0-9]+/gu, '');
  text = stripPrefix(text, chineseFormPrefixes);
  for (let i = 0; i < 2; i++) text = stripSuffix(text, chineseFormWords);
  return text;
}

/**
 * The Chinese name without its salt: 盐酸二甲双胍 → 二甲双胍, 注射用头孢呋辛钠 → 头孢呋辛. A
 * trailing cation stays where what is left is only an acid (氯化钾 stays, so it never meets 氯化钠).
 */
function chineseCore(key: string): string {
  const text = stripPrefix(key, chineseSaltPrefixes);
  const stripped = stripSuffix(text, chineseSaltSuffixes);
  return /[化酸氢]$/u.test(stripped) ? text : stripped;
}

/** The keys a name is known by: exact (form words dropped) and core (salts dropped too). */
export function nameKeys(name: string): { exact: string[]; core: string[] } {
  // A name is read as Chinese when it has Chinese characters (维生素B1片), else as English.
  const chinese = /[\u3400-\u9fff]/u.test(name);
  const zh = chinese ? chineseKey(name) : '';
  const en = chinese ? '' : englishKey(name, false);
  const exact = [zh, en].filter((k) => k.length >= 2);
  const core = [chinese ? chineseCore(zh) : englishKey(name, true)].filter((k) => k.length >= 2);
  return { exact: [...new Set(exact)], core: [...new Set(core)] };
}

interface NameIndex {
  exact: Map<string, FormularyDrug[]>;
  core: Map<string, FormularyDrug[]>;
}

const indexes = new WeakMap<object, NameIndex>();

function indexOf(drugs: Iterable<FormularyDrug>, cacheKey: object): NameIndex {
  let index = indexes.get(cacheKey);
  if (index) return index;
  index = { exact: new Map(), core: new Map() };
  const add = (map: Map<string, FormularyDrug[]>, key: string, drug: FormularyDrug) => {
    const list = map.get(key) ?? [];
    if (!list.includes(drug)) list.push(drug);
    map.set(key, list);
  };
  for (const drug of drugs)
    for (const name of [drug.generic['zh-CN'], drug.generic.en, ...(drug.brands ?? [])]) {
      const keys = nameKeys(name);
      for (const key of keys.exact) add(index.exact, key, drug);
      for (const key of keys.core) add(index.core, key, drug);
    }
  indexes.set(cacheKey, index);
  return index;
}

/**
 * The formulary entries a typed name stands for (generic or brand name, either language), in
 * formulary order; [] when the name is truly off the formulary. An exact match of the name
 * without form words wins; otherwise the name is compared without salt words too, so "吗啡"
 * finds both 硫酸吗啡缓释片 and 盐酸吗啡注射液.
 */
export function resolveTypedDrug(name: string, formulary: Formulary): FormularyDrug[] {
  const keys = nameKeys(name);
  if (keys.exact.length === 0 && keys.core.length === 0) return [];
  const index = indexOf(formulary.values(), formulary);
  const found = (map: Map<string, FormularyDrug[]>, list: string[]) => [
    ...new Set(list.flatMap((key) => map.get(key) ?? [])),
  ];
  const exact = found(index.exact, keys.exact);
  const matches = narrow(name, exact.length > 0 ? exact : found(index.core, keys.core));
  const order = [...formulary.keys()];
  return matches.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}

/** Release and form words a name may carry, each with the token it stands for. */
const qualifierWords: readonly [string, string][] = [
  ['缓释', 'sr'],
  ['sustained-release', 'sr'],
  ['extended-release', 'sr'],
  ['prolonged-release', 'sr'],
  ['控释', 'cr'],
  ['controlled-release', 'cr'],
  ['肠溶', 'ec'],
  ['enteric', 'ec'],
  ['注射', 'inj'],
  ['injection', 'inj'],
  ['胶囊', 'cap'],
  ['capsule', 'cap'],
  ['片', 'tab'],
  ['tablet', 'tab'],
  ['颗粒', 'gran'],
  ['granule', 'gran'],
];
const releaseTokens = new Set(['sr', 'cr', 'ec']);

function qualifiers(name: string): Set<string> {
  const text = name.normalize('NFKC').toLowerCase();
  return new Set(qualifierWords.filter(([word]) => text.includes(word)).map(([, token]) => token));
}

/**
 * Narrows matches by what the typed name says about release and form: "二甲双胍缓释片" keeps the
 * sustained-release product, "盐酸二甲双胍片" the plain one, "阿莫西林胶囊" the capsules. A
 * qualifier no match carries narrows nothing.
 */
function narrow(name: string, matches: FormularyDrug[]): FormularyDrug[] {
  if (matches.length < 2) return matches;
  const typed = qualifiers(name);
  const release = (q: Set<string>) =>
    [...q]
      .filter((t) => releaseTokens.has(t))
      .sort()
      .join();
  let kept = matches;
  const sameRelease = kept.filter(
    (drug) => release(qualifiers(`${drug.generic['zh-CN']} ${drug.generic.en}`)) === release(typed),
  );
  // A bare name ("二甲双胍") says nothing about release: all products stay.
  if (typed.size > 0 && sameRelease.length > 0) kept = sameRelease;
  for (const token of typed) {
    if (releaseTokens.has(token)) continue;
    const having = kept.filter((drug) =>
      qualifiers(`${drug.generic['zh-CN']} ${drug.generic.en}`).has(token),
    );
    if (having.length > 0) kept = having;
  }
  return kept;
}
