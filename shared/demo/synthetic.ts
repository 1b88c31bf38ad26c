/**
 * Deterministic synthetic residents of Tianjin's central districts, for demos and benchmarks.
 * Nothing here describes a real person: names are drawn from common surnames and given-name
 * characters, identity numbers are built to be valid (checksum, birth date and sex consistent)
 * but random, and mobile numbers are random within real carrier prefixes.
 *
 * The same `seed` and `count` always give the same residents, on any machine and any day: the
 * generator uses its own PRNG (mulberry32) and computes ages on a fixed reference date.
 */
import { checkCharacter } from '../identity/idNumber';

export interface SyntheticResident {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idType: 'resident';
  idNumber: string;
  mobile: string;
  address: {
    provinceCode: string;
    cityCode: string;
    districtCode: string;
    streetCode: string;
    province: string;
    city: string;
    district: string;
    street: string;
    community: string;
    detail: string;
  };
  tags: string[];
  allergies: string[];
}

/**
 * mulberry32: a tiny, fast 32-bit seeded PRNG, good enough for test data (not for secrets).
 * Returns a function giving numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ages (and so the age-based tags) are computed on this date, not today, to stay deterministic. */
const referenceYear = 2025; // 2025-01-01

/** Surnames with rough relative frequencies (per mille), polyphonic and compound ones included. */
const surnames: readonly { value: string; weight: number }[] = (
  '王72 李72 张68 刘54 陈45 杨31 黄22 赵20 吴19 周19 徐14 孙14 马12 朱12 胡11 郭11 何10 高10 林10 罗9 ' +
  '郑9 梁8 谢7 宋6 唐6 许6 韩6 冯6 邓6 曹5 彭5 曾5 肖5 田5 董5 袁4 潘4 于4 蒋4 蔡4 余4 杜4 叶4 程4 ' +
  '苏3 魏3 吕3 丁3 任3 沈3 姚3 卢3 姜3 崔3 钟2 谭2 陆2 汪2 范2 金2 石2 廖2 贾2 夏2 韦2 付2 方2 白2 ' +
  '邹2 孟2 熊2 秦2 邱2 江2 尹2 单1 解1 仇1 区1 查1 朴1 乐1 覃1 欧阳1 司马1 诸葛1'
)
  .split(' ')
  .map((entry) => ({ value: entry.replace(/\d+$/, ''), weight: Number(/\d+$/.exec(entry)![0]) }));
const surnameTotal = surnames.reduce((sum, s) => sum + s.weight, 0);

const maleGiven = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志文春海东峰成亮兵振永胜德庆福生宏晨博睿子轩然天',
];
const femaleGiven = [
  ...'芳娜敏静丽艳娟霞秀英玲桂兰萍红梅琳燕雪莉洁琴云倩婷慧颖佳欣怡悦晶媛月璐露菲瑶涵萱琪诗雨思梦雅妍淑珍凤',
];
/** Used for both sexes; several are polyphonic (乐 长 重 朝 行 和 少 单). */
const neutralGiven = [...'小晓丹一乐长重朝行和少家新嘉立安心清玉金秋艺单'];

interface District {
  code: string;
  name: string;
  weight: number;
  streets: readonly (readonly [string, string])[];
}

/**
 * Central Tianjin districts (code, name, weight) with a few of their streets (9-digit code, name),
 * codes from resources/areas/pcas-code.json.
 */
const districts: readonly District[] = [
  '120101 和平区 4: 001 劝业场街道, 002 小白楼街道, 003 五大道街道, 004 新兴街道',
  '120102 河东区 7: 001 大王庄街道, 002 大直沽街道, 003 中山门街道, 006 春华街道',
  '120103 河西区 8: 001 大营门街道, 002 下瓦房街道, 003 桃园街道, 006 越秀路街道',
  '120104 南开区 9: 001 长虹街道, 002 鼓楼街道, 004 广开街道, 006 学府街道',
  '120105 河北区 6: 001 光复道街道, 002 望海楼街道, 003 鸿顺里街道, 004 新开河街道',
  '120106 红桥区 4: 001 西于庄街道, 004 丁字沽街道, 005 西沽街道, 006 三条石街道',
  '120116 滨海新区 12: 001 塘沽街道, 005 杭州道街道, 006 新河街道, 009 北塘街道',
].map((line) => {
  const [head, list] = line.split(': ') as [string, string];
  const [code, name, weight] = head.split(' ') as [string, string, string];
  const streets = list.split(', ').map((s) => {
    const [suffix, street] = s.split(' ') as [string, string];
    return [code + suffix, street] as const;
  });
  return { code, name, weight: Number(weight), streets };
});
const districtTotal = districts.reduce((sum, d) => sum + d.weight, 0);

/** Birth-place codes of people registered elsewhere: other Tianjin districts and other provinces. */
const otherAreaCodes =
  '120110 120111 120112 120113 120114 120115 110105 130102 130203 370102 410105 230102 210102 320102'.split(
    ' ',
  );
/** 塘沽, 汉沽, 大港: merged into 滨海新区 in 2009, still on older residents' IDs. */
const formerBinhaiCodes = ['120107', '120108', '120109'];

const communityStems = (
  '朝阳里 春华里 文化里 新兴 福安 育红 丽园 华苑 长江道 嘉园 万德庄 南楼 体院北 中心街 金湾 盛达园 ' +
  '天明园 芳水园 鑫苑 阳光 和平里 平山道 宜宾里 河畔'
).split(' ');

/** Real carrier prefixes (China Mobile, Unicom, Telecom). */
const mobilePrefixes = (
  '130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 176 177 178 ' +
  '180 181 182 183 185 186 187 188 189 191 198 199'
).split(' ');

const allergens = ['青霉素', '头孢类', '磺胺类', '阿司匹林', '花粉', '海鲜'];

const firstBirthDay = Date.UTC(1930, 0, 1);
const birthDaySpan = (Date.UTC(2024, 11, 31) - firstBirthDay) / 86_400_000 + 1;

/** Picks from weighted items with `r` uniform in [0, 1). */
function weighted<T extends { weight: number }>(items: readonly T[], total: number, r: number): T {
  let left = r * total;
  for (const item of items) if ((left -= item.weight) < 0) return item;
  return items[items.length - 1]!;
}

/** Per-age-band yearly prevalence of the chronic-disease tags among adults (≥ 18). */
function chronicRates(age: number): { hypertension: number; diabetes: number } {
  if (age < 45) return { hypertension: 0.04, diabetes: 0.02 };
  if (age < 65) return { hypertension: 0.18, diabetes: 0.08 };
  return { hypertension: 0.32, diabetes: 0.14 };
}

/**
 * Yields `count` synthetic residents for `seed` (default 1): realistic names (1–2 given
 * characters), valid 18-digit resident IDs consistent with birth date (1930–2024) and sex and
 * unique within one run, unique valid mobiles, Tianjin addresses, key-population tags at
 * realistic rates (elderly ≥ 65 and child ≤ 6 by age on 2025-01-01; hypertension ≈ 18 % and
 * diabetes ≈ 8 % of adults, rising with age; pregnancy for some women 20–40; post-transplant
 * ≈ 0.2 %; severe mental disorder ≈ 0.5 %) and allergies for ≈ 8 %.
 */
export function* syntheticResidents(count: number, seed = 1): Generator<SyntheticResident> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const usedIds = new Set<number>();
  const usedMobiles = new Set<number>();

  for (let i = 0; i < count; i++) {
    const sex = random() < 0.5 ? 'male' : 'female';

    const surname = weighted(surnames, surnameTotal, random());
    const givenPool = random() < 0.25 ? neutralGiven : sex === 'male' ? maleGiven : femaleGiven;
    const given = pick(givenPool) + (random() < 0.65 ? pick(random() < 0.2 ? neutralGiven : givenPool) : '');
    const name = surname.value + given;

    const dayIndex = int(birthDaySpan);
    const birth = new Date(firstBirthDay + dayIndex * 86_400_000);
    const birthYear = birth.getUTCFullYear();
    const birthMonth = birth.getUTCMonth() + 1;
    const birthDay = birth.getUTCDate();
    const mm = birthMonth < 10 ? `0${birthMonth}` : String(birthMonth);
    const dd = birthDay < 10 ? `0${birthDay}` : String(birthDay);
    const birthDate = `${birthYear}-${mm}-${dd}`;
    const age = referenceYear - birthYear - (birthMonth === 1 && birthDay === 1 ? 0 : 1);

    const district = weighted(districts, districtTotal, random());
    const [streetCode, street] = pick(district.streets);

    let area = random() < 0.85 ? district.code : pick(otherAreaCodes);
    if (area === '120116' && birthYear < 2005 && random() < 0.7) area = pick(formerBinhaiCodes);
    // Uniqueness is tracked on numbers (area, day, sequence), much cheaper than hashing strings.
    const areaKey = Number(area) * birthDaySpan + dayIndex;
    let sequence: number;
    do {
      sequence = 10 * int(100) + 2 * int(5) + (sex === 'male' ? 1 : 0);
      if (sequence === 0) sequence = 2;
    } while (usedIds.has(areaKey * 1000 + sequence));
    usedIds.add(areaKey * 1000 + sequence);
    const body = `${area}${birthYear}${mm}${dd}${String(sequence).padStart(3, '0')}`;
    const idNumber = body + checkCharacter(body);

    let prefix: number;
    let subscriber: number;
    do {
      prefix = int(mobilePrefixes.length);
      subscriber = int(100_000_000);
    } while (usedMobiles.has(prefix * 100_000_000 + subscriber));
    usedMobiles.add(prefix * 100_000_000 + subscriber);
    const mobile = mobilePrefixes[prefix]! + String(subscriber).padStart(8, '0');

    const tags: string[] = [];
    if (age >= 18) {
      const rates = chronicRates(age);
      if (random() < rates.hypertension) tags.push('hypertension');
      if (random() < rates.diabetes) tags.push('diabetes');
    }
    if (random() < 0.002) tags.push('postTransplant');
    if (age >= 65) tags.push('elderly');
    if (sex === 'female' && age >= 20 && age <= 40 && random() < 0.06) tags.push('pregnancy');
    if (age <= 6) tags.push('child');
    if (age >= 15 && random() < 0.005) tags.push('severeMental');

    const allergies: string[] = [];
    if (random() < 0.08) {
      allergies.push(pick(allergens));
      if (random() < 0.2) {
        const second = pick(allergens);
        if (second !== allergies[0]) allergies.push(second);
      }
    }

    const floor = 1 + int(18);
    yield {
      name,
      sex,
      birthDate,
      idType: 'resident',
      idNumber,
      mobile,
      address: {
        provinceCode: '12',
        cityCode: '1201',
        districtCode: district.code,
        streetCode,
        province: '天津市',
        city: '市辖区',
        district: district.name,
        street,
        community: `${pick(communityStems)}社区居委会`,
        detail: `${1 + int(30)}号楼${1 + int(6)}单元${floor}0${1 + int(4)}`,
      },
      tags,
      allergies,
    };
  }
}
