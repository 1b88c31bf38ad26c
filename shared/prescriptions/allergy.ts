/**
 * Matching a patient's allergy history (free text such as "青霉素", "头孢类", "PCN") against a
 * drug: by the drug's generic name in either language, and by drug class. The words that name each
 * class, Chinese and English, stems included (…西林, -cillin, 头孢…, cef-, …沙星, -floxacin), are
 * data with their sources (data/allergenSynonyms.json) and serve both ways: an allergy entry that
 * contains one names the class, and a drug whose name contains one belongs to it, whatever its
 * formulary entry says. So 氨苄西林 in the history meets amoxicillin-clavulanate as a penicillin,
 * and 氟哌酸 meets levofloxacin as a quinolone. A match stops signing until the doctor records an
 * override reason (see rules.ts).
 */
import synonymData from './data/allergenSynonyms.json';
import type { LocalizedName } from './formulary';
import { allergenGroups, type AllergenGroup } from './vocabulary';

/** What an allergy is matched against. */
export interface AllergyTarget {
  generic: LocalizedName;
  allergenGroups: readonly AllergenGroup[];
}

export type SynonymMatch = 'contains' | 'wordStart' | 'wordEnd' | 'word';

/** One word of the synonym table. */
export interface AllergenSynonym {
  term: string;
  groups: AllergenGroup[];
  match: SynonymMatch;
  source: string;
  /** Words in which the term does not count ("sulfa" in "sulfate"). */
  exclude?: string[];
}

const isGroup = (value: string): value is AllergenGroup =>
  (allergenGroups as readonly string[]).includes(value);

/** The synonym table as bundled; entries naming an unknown group are dropped. */
export const allergenSynonyms: readonly AllergenSynonym[] = (
  synonymData.synonyms as {
    term: string;
    groups: string[];
    match: string;
    source: string;
    exclude?: string[];
  }[]
)
  .filter((row) => row.groups.every(isGroup))
  .map((row) => ({ ...row, groups: row.groups as AllergenGroup[], match: row.match as SynonymMatch }));

const normalize = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Without spaces and hyphens: "β-内酰胺", "β 内酰胺" and "β内酰胺" read the same. */
const compact = (text: string) => text.replace(/[\s\-‐‑–—_·・]+/g, '');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` (normalised) contains the synonym, as its `match` says. */
function hasSynonym(text: string, synonym: AllergenSynonym): boolean {
  let subject = text;
  for (const word of synonym.exclude ?? []) subject = subject.split(normalize(word)).join(' ');
  const term = normalize(synonym.term);
  if (synonym.match === 'contains') return compact(subject).includes(compact(term));
  const t = escape(term);
  const pattern =
    synonym.match === 'wordStart'
      ? `(^|[^a-z])${t}`
      : synonym.match === 'wordEnd'
        ? `${t}($|[^a-z])`
        : `(^|[^a-z])${t}($|[^a-z])`;
  return new RegExp(pattern, 'u').test(subject);
}

/** The allergen groups a text names: an allergy entry ("头孢类" → cephalosporin) or a drug name. */
export function allergenGroupsOf(text: string): AllergenGroup[] {
  const normalized = normalize(text);
  if (!normalized) return [];
  const found = new Set<AllergenGroup>();
  for (const synonym of allergenSynonyms)
    if (synonym.groups.some((g) => !found.has(g)) && hasSynonym(normalized, synonym))
      for (const group of synonym.groups) found.add(group);
  return allergenGroups.filter((group) => found.has(group));
}

/** A drug's groups: those its formulary entry lists, and those its names imply. */
export function drugAllergenGroups(drug: AllergyTarget): AllergenGroup[] {
  const groups = new Set<AllergenGroup>([
    ...drug.allergenGroups,
    ...allergenGroupsOf(drug.generic['zh-CN']),
    ...allergenGroupsOf(drug.generic.en),
  ]);
  return allergenGroups.filter((group) => groups.has(group));
}

/** Filler words people add around an allergen ("青霉素过敏", "头孢类药物"). */
const filler = /(过敏史?|类药物|药物|类药|类|allerg(y|ic)( to)?|drugs?)/gu;

/** The core of an allergy entry: normalised, with filler words removed. */
export function allergyCore(allergy: string): string {
  return normalize(allergy).replace(filler, '').replace(/\s+/g, ' ').trim();
}

/**
 * Shortest entry matched against a drug name by containment, so that noise ("酒", "tab") does not
 * match: two characters of Chinese, four letters otherwise.
 */
const longEnough = (core: string) => [...core].length >= (/[\u3400-\u9fff]/u.test(core) ? 2 : 4);

/**
 * Whether a drug name contains an allergy entry: anywhere for Chinese, as whole words for Latin
 * ("amoxicillin" is in "amoxicillin capsules", "sulfa" is not in "morphine sulfate").
 */
function containsName(name: string, core: string): boolean {
  if (/[\u3400-\u9fff]/u.test(core)) return name.includes(core);
  return new RegExp(`(^|[^a-z])${escape(core)}($|[^a-z])`, 'u').test(name);
}

/**
 * The patient's allergy entries that concern `drug`, in the order given: the entry names the
 * drug (either language, by containment either way: "阿莫西林" matches 阿莫西林胶囊, and
 * "阿莫西林胶囊过敏" does too) or one of its allergen groups (see {@link drugAllergenGroups}).
 */
export function matchingAllergies(allergies: readonly string[], drug: AllergyTarget): string[] {
  const names = [normalize(drug.generic['zh-CN']), normalize(drug.generic.en)].filter(Boolean);
  const groups = drugAllergenGroups(drug);
  return allergies.filter((allergy) => {
    const core = allergyCore(allergy);
    if (core && names.some((name) => core.includes(name))) return true;
    if (longEnough(core) && names.some((name) => containsName(name, core))) return true;
    return allergenGroupsOf(allergy).some((group) => groups.includes(group));
  });
}
