/**
 * Diagnosis look-up as the doctor types (DOMAIN.md §6): by code (`i10`, `e11.9`, `e119`), by the
 * pinyin initials of the Chinese name (原发性高血压 → yfxgxy, as residents are found by 张三 → zs,
 * §5.5) or by part of the name in either language. The index is built once per code list (the GP
 * favourites, or an imported 临床版 sheet of ~37,000 rows) and searched per keystroke.
 */
import { termInitials } from '../search/termInitials';
import type { DiagnosisEntry } from './codes';

/** How an entry matched, best first; results are ranked in this order. */
export const matchKinds = [
  'exactCode',
  'codePrefix',
  'initialsPrefix',
  'zhSubstring',
  'enSubstring',
  'initialsInfix',
] as const;
export type MatchKind = (typeof matchKinds)[number];

interface IndexedEntry {
  entry: DiagnosisEntry;
  order: number;
  /** Upper-case code, and the same without its dot (E11.9 → E119). */
  code: string;
  compactCode: string;
  /** Initials of the Chinese name: with the digits and Latin letters it contains, and letters only. */
  initials: string[];
  zh: string;
  en: string;
}

/** A prepared code list; build it with {@link buildDiagnosisIndex}. */
export interface DiagnosisIndex {
  readonly entries: readonly IndexedEntry[];
}

export interface DiagnosisMatch {
  entry: DiagnosisEntry;
  kind: MatchKind;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Pinyin initials of a diagnosis name (see {@link termInitials}). */
export const diagnosisInitials = termInitials;

/** Prepares `entries` for {@link searchDiagnoses}; their order breaks ties in the results. */
export function buildDiagnosisIndex(entries: readonly DiagnosisEntry[]): DiagnosisIndex {
  return {
    entries: entries.map((entry, order) => {
      const code = entry.code.toUpperCase();
      return {
        entry,
        order,
        code,
        compactCode: code.replace('.', ''),
        initials: diagnosisInitials(entry['zh-CN']),
        zh: fold(entry['zh-CN']),
        en: fold(entry.en),
      };
    }),
  };
}

const looksLikeCode = /^[a-z]\d/i;

/** The best way `e` matches the prepared query, with the length of what matched (shorter first). */
function matchOf(
  e: IndexedEntry,
  q: { text: string; code: string | null; compact: string | null; letters: string | null },
): { kind: MatchKind; length: number } | null {
  if (q.code !== null && q.compact !== null) {
    if (e.code === q.code || e.compactCode === q.compact) return { kind: 'exactCode', length: 0 };
    if (e.code.startsWith(q.code) || e.compactCode.startsWith(q.compact))
      return { kind: 'codePrefix', length: e.code.length };
  }
  if (q.letters !== null) {
    const prefix = e.initials.find((i) => i.startsWith(q.letters!));
    if (prefix) return { kind: 'initialsPrefix', length: prefix.length };
  }
  if (e.zh.includes(q.text)) return { kind: 'zhSubstring', length: e.zh.length };
  if (e.en.includes(q.text)) return { kind: 'enSubstring', length: e.en.length };
  if (q.letters !== null) {
    const infix = e.initials.find((i) => i.includes(q.letters!));
    if (infix) return { kind: 'initialsInfix', length: infix.length };
  }
  return null;
}

/**
 * Entries matching `query`, best first, at most `limit`:
 * 1. `exactCode`: the code, case-insensitive, dot optional (`i10` → I10, `e119` → E11.9);
 * 2. `codePrefix`: codes starting with the query (`e11` → E11.2, E11.9 …), when the query is a
 *    letter followed by a digit;
 * 3. `initialsPrefix`: pinyin initials starting with the query, when it is letters and digits
 *    (`gxy` → 高血压…, `yfx` → 原发性高血压);
 * 4. `zhSubstring`, 5. `enSubstring`: the Chinese or English name contains the query;
 * 6. `initialsInfix`: the initials contain it (`gxy` → 原发性高血压).
 * Within a kind, shorter codes, initials or names come first (the general before the specific),
 * then the list's own order. An empty query gives nothing.
 */
export function searchDiagnoses(index: DiagnosisIndex, query: string, limit = 20): DiagnosisMatch[] {
  const text = fold(query);
  if (!text || limit <= 0) return [];
  const compactQuery = text.replace(/\s+/g, '');
  const isCode = looksLikeCode.test(compactQuery) && /^[a-z0-9.x]+$/i.test(compactQuery);
  const upper = compactQuery.toUpperCase();
  const q = {
    text,
    code: isCode ? upper : null,
    compact: isCode ? upper.replace('.', '') : null,
    letters: /^[a-z0-9]+$/.test(compactQuery) ? compactQuery : null,
  };
  const found: { e: IndexedEntry; rank: number; length: number }[] = [];
  for (const e of index.entries) {
    const match = matchOf(e, q);
    if (match) found.push({ e, rank: matchKinds.indexOf(match.kind), length: match.length });
  }
  found.sort((a, b) => a.rank - b.rank || a.length - b.length || a.e.order - b.e.order);
  return found.slice(0, limit).map(({ e, rank }) => ({ entry: e.entry, kind: matchKinds[rank]! }));
}
