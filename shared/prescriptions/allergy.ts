/**
 * Matching a patient's allergy history (free text such as "青霉素", "头孢类", "penicillin") against
 * a drug: by the drug's generic name in either language, and by allergen group through a table of
 * the words people write for each group. A match is a warning for the doctor, never a refusal.
 */
import type { LocalizedName } from './formulary';
import type { AllergenGroup } from './vocabulary';

/** What an allergy is matched against. */
export interface AllergyTarget {
  generic: LocalizedName;
  allergenGroups: readonly AllergenGroup[];
}

/**
 * Words (lower case) that name each allergen group in an allergy history. A history entry that
 * contains one of them is an allergy to the whole group; β-lactam names both penicillins and
 * cephalosporins.
 */
const groupWords: Readonly<Record<AllergenGroup, readonly string[]>> = {
  penicillin: [
    '青霉素',
    '青霉素类',
    'penicillin',
    'β-内酰胺',
    'beta-lactam',
    'β-lactam',
    '阿莫西林',
    'amoxicillin',
  ],
  cephalosporin: ['头孢', 'cephalosporin', 'β-内酰胺', 'beta-lactam', 'β-lactam', '先锋'],
  sulfonamide: ['磺胺', 'sulfa', 'sulpha', 'sulfonamide', 'sulphonamide', '复方新诺明', 'co-trimoxazole'],
  'aspirin-nsaid': [
    '阿司匹林',
    'aspirin',
    '非甾体',
    'nsaid',
    '解热镇痛',
    '布洛芬',
    'ibuprofen',
    '双氯芬酸',
    'diclofenac',
  ],
  macrolide: ['大环内酯', 'macrolide', '红霉素', 'erythromycin', '阿奇霉素', 'azithromycin'],
  quinolone: ['喹诺酮', 'quinolone', '沙星', 'floxacin'],
  tetracycline: ['四环素', 'tetracycline', '环素', 'cycline'],
  aminoglycoside: ['氨基糖苷', 'aminoglycoside', '庆大霉素', 'gentamicin', '链霉素', 'streptomycin'],
  lincosamide: ['林可霉素', '克林霉素', 'lincomycin', 'clindamycin', 'lincosamide'],
  nitroimidazole: ['硝唑', 'nidazole', 'nitroimidazole'],
  opioid: ['阿片', 'opioid', 'opiate', '吗啡', 'morphine', '可待因', 'codeine'],
  iodine: ['碘', 'iodine', 'iodide'],
};

/** Filler words people add around an allergen ("青霉素过敏", "头孢类药物"). */
const filler = /(过敏史?|类药物|药物|类药|类|allerg(y|ic)( to)?|drugs?)/gu;

const normalize = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The core of an allergy entry: normalised, with filler words removed. */
export function allergyCore(allergy: string): string {
  return normalize(allergy).replace(filler, '').replace(/\s+/g, ' ').trim();
}

/** The allergen groups an allergy history entry names ("头孢类" → cephalosporin). */
export function allergenGroupsOf(allergy: string): AllergenGroup[] {
  const text = normalize(allergy);
  if (!text) return [];
  return (Object.keys(groupWords) as AllergenGroup[]).filter((group) =>
    groupWords[group].some((word) => text.includes(normalize(word))),
  );
}

/**
 * Shortest entry matched against a drug name by containment, so that noise ("酒", "tab") does not
 * match: two characters of Chinese, four letters otherwise.
 */
const longEnough = (core: string) => [...core].length >= (/[\u3400-\u9fff]/u.test(core) ? 2 : 4);

/**
 * The patient's allergy entries that concern `drug`, in the order given: the entry names the
 * drug (either language, by containment either way: "阿莫西林" matches 阿莫西林胶囊, and
 * "阿莫西林胶囊过敏" does too) or one of its allergen groups.
 */
export function matchingAllergies(allergies: readonly string[], drug: AllergyTarget): string[] {
  const names = [normalize(drug.generic['zh-CN']), normalize(drug.generic.en)].filter(Boolean);
  return allergies.filter((allergy) => {
    const core = allergyCore(allergy);
    if (core && names.some((name) => core.includes(name))) return true;
    if (longEnough(core) && names.some((name) => name.includes(core))) return true;
    return allergenGroupsOf(allergy).some((group) => drug.allergenGroups.includes(group));
  });
}
