/**
 * Search keys for the resident registry (DOMAIN.md §5.5). Every resident is indexed under a few
 * prefix-searchable strings, each tagged with its kind: the name, every reading of the name's
 * pinyin initials (polyphonic characters give several: 曾 → z|c), and the identity and mobile
 * numbers reversed, so that "ends with" becomes a prefix scan. What the user types is turned into
 * the matching prefixes by {@link searchPrefixes}; both sides share the normalisation here.
 */
import { pinyin } from 'pinyin-pro';
import { normalizeMobile } from '../identity/phone';

export type SearchKind = 'name' | 'pinyin' | 'idSuffix' | 'mobileSuffix';

/** Key prefixes per kind; a key is `<tag><value>`. */
const tags: Record<SearchKind, string> = { name: 'n:', pinyin: 'p:', idSuffix: 'i:', mobileSuffix: 'm:' };

/** The most initials combinations one name is indexed under. */
const maxCombinations = 16;

const han = /\p{Script=Han}/u;
const letter = /[\p{L}\p{M}]/u;
const initial = /^[a-z]$/;

/** Han character → its distinct initials, the default reading first. */
const readingCache = new Map<string, readonly string[]>();
/** Leading one or two Han characters → their initials in pinyin-pro's surname mode. */
const surnameCache = new Map<string, readonly string[]>();
/** Bounds the surname cache (keyed by character pairs) in a long-running renderer. */
const surnameCacheLimit = 50_000;

function readingsOf(char: string): readonly string[] {
  let readings = readingCache.get(char);
  if (!readings) {
    const all = pinyin(char, { pattern: 'first', toneType: 'none', type: 'array', multiple: true });
    readings = [...new Set(all.map((r) => r.toLowerCase()))].filter((r) => initial.test(r));
    readingCache.set(char, readings);
  }
  return readings;
}

function surnameReadings(head: string): readonly string[] {
  let readings = surnameCache.get(head);
  if (!readings) {
    readings = pinyin(head, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).map((r) =>
      r.toLowerCase(),
    );
    if (surnameCache.size >= surnameCacheLimit) surnameCache.clear();
    surnameCache.set(head, readings);
  }
  return readings;
}

/** Moves `preferred` to the front of `readings` (adding it if pinyin-pro's lists disagree). */
function preferring(readings: readonly string[], preferred: string | undefined): readonly string[] {
  if (!preferred || !initial.test(preferred) || readings[0] === preferred) return readings;
  return [preferred, ...readings.filter((r) => r !== preferred)];
}

/**
 * Splits a name into units, each with its candidate initials (preferred first): one per Han
 * character (characters pinyin-pro does not know are skipped) and one per word of other letters,
 * which contributes its own lower-cased first letter. Anything else separates words.
 */
function initialsUnits(name: string): (readonly string[])[] {
  const units: (readonly string[])[] = [];
  const hanUnits: { index: number; char: string }[] = [];
  let inWord = false;
  for (const char of name.normalize('NFKC')) {
    if (han.test(char)) {
      inWord = false;
      const readings = readingsOf(char);
      if (readings.length) {
        hanUnits.push({ index: units.length, char });
        units.push(readings);
      }
    } else if (letter.test(char)) {
      if (!inWord) units.push([char.toLowerCase()]);
      inWord = true;
    } else inWord = false;
  }
  // Surname mode for a name that starts with Han characters: the first one (or a compound
  // surname such as 尉迟) gets its surname reading first, 曾 → z before c.
  const first = hanUnits[0];
  if (first?.index === 0) {
    const second = hanUnits[1]?.index === 1 ? hanUnits[1] : undefined;
    const surname = surnameReadings(first.char + (second?.char ?? ''));
    units[0] = preferring(units[0]!, surname[0]);
    if (second) units[1] = preferring(units[1]!, surname[1]);
  }
  return units;
}

/**
 * Every initials combination of `units`, fewest non-preferred readings first (so the surname-mode
 * reading comes first, then each single polyphonic alternative, the surname's first), stopping at
 * `cap`.
 */
function combinations(units: (readonly string[])[], cap: number): string[] {
  if (units.every((u) => u.length === 1)) return [units.map((u) => u[0]).join('')];
  // polyphonicAfter[i]: how many units from i on have alternatives.
  const polyphonicAfter = new Array<number>(units.length + 1).fill(0);
  for (let i = units.length - 1; i >= 0; i--)
    polyphonicAfter[i] = polyphonicAfter[i + 1]! + (units[i]!.length > 1 ? 1 : 0);
  const out: string[] = [];
  const emit = (i: number, deviations: number, acc: string): void => {
    if (out.length >= cap || polyphonicAfter[i]! < deviations) return;
    if (i === units.length) {
      out.push(acc);
      return;
    }
    const readings = units[i]!;
    // Alternatives here before the preferred reading: within a level, earlier characters (the
    // surname) vary first.
    if (deviations > 0)
      for (let r = 1; r < readings.length; r++) emit(i + 1, deviations - 1, acc + readings[r]);
    emit(i + 1, deviations, acc + readings[0]);
  };
  for (let deviations = 0; deviations <= polyphonicAfter[0]! && out.length < cap; deviations++)
    emit(0, deviations, '');
  return out;
}

/**
 * All initials strings for a Chinese name, covering polyphonic characters (曾 → z|c, 单 → s|d|c,
 * 解 → x|j, 仇 → q|c, 区 → o|q, 查 → z|c, 朴 → p, 乐 → y|l …). Lower-case, deduplicated, capped at
 * 16 combinations; the first is the surname-mode reading (pinyin-pro `surname: 'head'`, compound
 * surnames such as 尉迟 included), then the combinations with one alternative reading, then two, and
 * so on. Non-Chinese words in the name contribute their own lower-case first letters ('Anna Smith'
 * → 'as', '张Anna' → 'za'). Readings are cached per character, so repeated calls are cheap.
 */
export function pinyinInitials(name: string): string[] {
  const units = initialsUnits(name);
  return units.length ? combinations(units, maxCombinations) : [];
}

/** Name as indexed and as searched: NFKC, lower-cased, without white space or interpuncts (·). */
function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·•・‧]+/g, '');
}

const reversed = (value: string) => [...value].reverse().join('');

/** An identity or mobile number as indexed: no white space, upper-cased, reversed. */
const numberKey = (value: string | undefined) => reversed((value ?? '').replace(/\s+/g, '').toUpperCase());

/**
 * Keys to index one patient under, each prefixed with its kind: `n:<name lower-cased, spaces and
 * interpuncts removed>`, `p:<initials>` (each combination), `i:<identity number reversed>`,
 * `m:<mobile reversed>`. Empty values give no key; keys are deduplicated.
 */
export function patientSearchKeys(p: { name: string; idNumber?: string; mobile?: string }): string[] {
  const keys = new Set<string>();
  const name = nameKey(p.name);
  if (name) keys.add(tags.name + name);
  for (const initials of pinyinInitials(p.name)) keys.add(tags.pinyin + initials);
  const id = numberKey(p.idNumber);
  if (id) keys.add(tags.idSuffix + id);
  const mobile = numberKey(p.mobile);
  if (mobile) keys.add(tags.mobileSuffix + mobile);
  return [...keys];
}

/** Shortest digit query matched against identity and mobile numbers. */
const minDigits = 4;

/**
 * Turns what a user typed into the index prefixes to look up (at most one per kind), best kind
 * first; each `prefix` includes the kind's tag, ready for a `startsWith` scan over the keys of
 * {@link patientSearchKeys}.
 *
 * - Digits (spaces and hyphens ignored), optionally ending in x/X, at least 4 of them: idSuffix
 *   (reversed, X upper-cased) and, when only digits, mobileSuffix (reversed; a full number typed
 *   with +86/0086 is normalised first). Fewer than 4 digits give nothing.
 * - ASCII letters only: pinyin initials (lower-cased), then name (for foreign names).
 * - Anything else (Chinese characters, other scripts): name.
 * - Empty or white space: nothing.
 */
export function searchPrefixes(query: string): { kind: SearchKind; prefix: string }[] {
  const text = query.normalize('NFKC').trim();
  if (!text) return [];

  const number = text.replace(/[\s-]+/g, '');
  const plusNumber = /^\+\d+$/.test(number);
  if (/^\d+[xX]?$/.test(number) || plusNumber) {
    const digits = plusNumber ? number.slice(1) : number;
    if (digits.length < minDigits) return [];
    const out: { kind: SearchKind; prefix: string }[] = [];
    if (!plusNumber) out.push({ kind: 'idSuffix', prefix: tags.idSuffix + numberKey(digits) });
    if (/^\d+$/.test(digits)) {
      const mobile = normalizeMobile(number);
      out.push({
        kind: 'mobileSuffix',
        prefix: tags.mobileSuffix + numberKey(mobile.ok ? mobile.value : digits),
      });
    }
    return out;
  }

  const name = nameKey(text);
  if (!name) return [];
  if (/^[a-z]+$/.test(name)) {
    return [
      { kind: 'pinyin', prefix: tags.pinyin + name },
      { kind: 'name', prefix: tags.name + name },
    ];
  }
  return [{ kind: 'name', prefix: tags.name + name }];
}
