/**
 * Diagnosis look-up as the doctor types (DOMAIN.md §6): by code (`i10`, `e11.9`, `e119`), by the
 * pinyin initials of the Chinese name or of a common name doctors use for it (原发性高血压 →
 * yfxgxy; its common name 高血压 → gxy, as residents are found by 张三 → zs, §5.5) or by part of
 * either name in either language. The index is built once per code list (the GP favourites, or an
 * imported 临床版 sheet of ~37,000 rows) and searched per keystroke.
 *
 * Ranking: an exact match (the whole code, the whole name, or the whole name's initials) first;
 * then the codes this centre uses most (a count map the caller derives from its signed records);
 * then by how the rest matched, shorter first, then the list's own order. So `gxy` offers I10
 * 原发性高血压 (its common name 高血压 is gxy) before I12.9 高血压性肾病 (gxy… is only a prefix).
 */
import { termInitials } from '../search/termInitials';
import type { DiagnosisEntry } from './codes';

/** How an entry matched, best first; results are ranked in this order. */
export const matchKinds = [
  'exactCode',
  'exactName',
  'exactInitials',
  'codePrefix',
  'initialsPrefix',
  'zhSubstring',
  'enSubstring',
  'initialsInfix',
] as const;
export type MatchKind = (typeof matchKinds)[number];

/** The kinds that are a whole match of the query: they rank above every other, usage or not. */
const exactKinds: ReadonlySet<MatchKind> = new Set(['exactCode', 'exactName', 'exactInitials']);

/** How often this centre uses each code (code → count); codes not in it count 0. */
export type DiagnosisUsage = ReadonlyMap<string, number>;

interface IndexedEntry {
  entry: DiagnosisEntry;
  order: number;
  /** Upper-case code, and the same without its dot (E11.9 → E119). */
  code: string;
  compactCode: string;
  /**
   * Initials of the Chinese name and of its common names: with the digits and Latin letters they
   * contain, and letters only.
   */
  initials: string[];
  /** The Chinese name and its common names, folded. */
  names: string[];
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
      const names = [entry['zh-CN'], ...(entry.aliases ?? [])];
      return {
        entry,
        order,
        code,
        compactCode: code.replace('.', ''),
        initials: [...new Set(names.flatMap(diagnosisInitials))],
        names: names.map(fold),
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
  }
  if (e.names.includes(q.text)) return { kind: 'exactName', length: q.text.length };
  if (q.letters !== null && e.initials.includes(q.letters))
    return { kind: 'exactInitials', length: q.letters.length };
  if (q.code !== null && q.compact !== null) {
    if (e.code.startsWith(q.code) || e.compactCode.startsWith(q.compact))
      return { kind: 'codePrefix', length: e.code.length };
  }
  if (q.letters !== null) {
    const prefix = e.initials.find((i) => i.startsWith(q.letters!));
    if (prefix) return { kind: 'initialsPrefix', length: prefix.length };
  }
  const containing = e.names.find((name) => name.includes(q.text));
  if (containing !== undefined) return { kind: 'zhSubstring', length: containing.length };
  if (e.en.includes(q.text)) return { kind: 'enSubstring', length: e.en.length };
  if (q.letters !== null) {
    const infix = e.initials.find((i) => i.includes(q.letters!));
    if (infix) return { kind: 'initialsInfix', length: infix.length };
  }
  return null;
}

/**
 * Entries matching `query`, best first, at most `limit`. How an entry matches, best first:
 * 1. `exactCode`: the code, case-insensitive, dot optional (`i10` → I10, `e119` → E11.9);
 * 2. `exactName`: the whole Chinese name or a common name (`高血压` → I10);
 * 3. `exactInitials`: the whole initials of one of those (`gxy` → I10 by 高血压, `xtnb` → E11.9);
 * 4. `codePrefix`: codes starting with the query (`e11` → E11.2, E11.9 …), when the query is a
 *    letter followed by a digit;
 * 5. `initialsPrefix`: pinyin initials starting with the query, when it is letters and digits
 *    (`gxy` → 高血压性肾病, `yfx` → 原发性高血压);
 * 6. `zhSubstring`, 7. `enSubstring`: the Chinese or English name contains the query;
 * 8. `initialsInfix`: the initials contain it (`gxy` → 继发性高血压).
 * The three exact kinds come first; then entries by `usage` (most used first); then by kind, and
 * within a kind shorter codes, initials or names first (the general before the specific), then the
 * list's own order. An empty query gives nothing.
 */
export function searchDiagnoses(
  index: DiagnosisIndex,
  query: string,
  limit = 20,
  usage: DiagnosisUsage = new Map(),
): DiagnosisMatch[] {
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
  const found: { e: IndexedEntry; exact: number; used: number; rank: number; length: number }[] = [];
  for (const e of index.entries) {
    const match = matchOf(e, q);
    if (match)
      found.push({
        e,
        exact: exactKinds.has(match.kind) ? 0 : 1,
        used: usage.get(e.entry.code) ?? 0,
        rank: matchKinds.indexOf(match.kind),
        length: match.length,
      });
  }
  found.sort(
    (a, b) =>
      a.exact - b.exact || b.used - a.used || a.rank - b.rank || a.length - b.length || a.e.order - b.e.order,
  );
  return found.slice(0, limit).map(({ e, rank }) => ({ entry: e.entry, kind: matchKinds[rank]! }));
}
