import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const base = join(import.meta.dirname, 'locales');
type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`),
  );
const load = (locale: string, file: string) =>
  JSON.parse(readFileSync(join(base, locale, file), 'utf8')) as Tree;

/** Plural suffixes of i18next (CLDR categories); Chinese has only `other`, English `one` and `other`. */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
/** A key as code asks for it: `units.tablet_one` and `units.tablet_other` are both `units.tablet`. */
const baseKeys = (tree: Tree) => [...new Set(keys(tree).map((k) => k.replace(pluralSuffix, '')))].sort();
/** The plural keys of `tree`, by base key, with the categories present. */
const pluralForms = (tree: Tree) => {
  const forms = new Map<string, string[]>();
  for (const key of keys(tree)) {
    const match = pluralSuffix.exec(key);
    if (match)
      forms.set(key.slice(0, match.index), [...(forms.get(key.slice(0, match.index)) ?? []), match[1]!]);
  }
  return forms;
};

/**
 * A number other than `count` followed by a counted noun ("{{days}} days"): it reads "1 days"
 * because i18next chooses a plural form only for `count`.
 */
const countedNoun =
  /\{\{(?!count\}\})\w+\}\} (seconds|minutes|hours|days|weeks|months|years|times|records|rows|slips|drugs|items|entries|matches|codes|patients|residents|people|desks|tablets|capsules)\b/;

/** Every string of `tree` with its dotted key. */
const strings = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : strings(v, `${prefix}${k}.`),
  );

/**
 * Full-width and ideographic punctuation, which has no place in English: the CJK symbols block
 * (、。「」), the full-width forms of ASCII punctuation (，：；（）！？［］｛｝～) and the
 * half-width CJK forms (｡｢｣､), and the vertical and small forms.
 */
const fullWidth =
  /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufe10-\ufe1f\ufe30-\ufe6f]/u;

describe('translations', () => {
  const files = readdirSync(join(base, 'zh-CN'));
  it('has an English file for every Chinese namespace and no extra one', () => {
    expect(readdirSync(join(base, 'en')).sort()).toEqual([...files].sort());
  });
  for (const file of files) {
    it(`${file}: zh-CN and en carry the same keys`, () => {
      expect(baseKeys(load('en', file))).toEqual(baseKeys(load('zh-CN', file)));
    });
    it(`${file}: every plural has one and other in both languages, and Chinese reads them alike`, () => {
      const zhTree = load('zh-CN', file);
      const zh = pluralForms(zhTree);
      const en = pluralForms(load('en', file));
      // Both files carry the same keys, plural forms included. Chinese has no singular: i18next
      // asks zh-CN for `_other` only, and its `_one` is the same text.
      expect(keys(load('en', file)).sort()).toEqual(keys(zhTree).sort());
      for (const forms of [...zh.values(), ...en.values()]) expect(forms.sort()).toEqual(['one', 'other']);
      const zhText = new Map(strings(zhTree));
      for (const base of zh.keys()) expect(zhText.get(`${base}_one`)).toBe(zhText.get(`${base}_other`));
    });
    it(`${file}: English strings carry no "(s)", no full-width punctuation and no Chinese`, () => {
      const offending = strings(load('en', file)).filter(
        ([, text]) => /\((s|es|ies)\)/i.test(text) || fullWidth.test(text) || /\p{Script=Han}/u.test(text),
      );
      expect(offending).toEqual([]);
    });
    it(`${file}: an English count is worded through the plural rules`, () => {
      const tree = load('en', file);
      const plural = pluralForms(tree);
      // "{{count}} records" outside a plural key reads "1 records"; "{{days}} days" counts
      // without the plural rules at all.
      const offending = strings(tree).filter(
        ([key, text]) =>
          (/\{\{count\}\} \p{L}/u.test(text) && !plural.has(key.replace(pluralSuffix, ''))) ||
          countedNoun.test(text),
      );
      expect(offending).toEqual([]);
    });
    it(`${file}: no empty strings`, () => {
      for (const locale of ['zh-CN', 'en']) {
        const tree = load(locale, file);
        const empty = keys(tree).filter(
          (k) => k.split('.').reduce<Tree | string>((t, p) => (t as Tree)[p] as Tree, tree) === '',
        );
        expect(empty).toEqual([]);
      }
    });
  }
});

/** The non-test sources that translate: the renderer, the main process and shared code. */
function sources(): string[] {
  const root = join(import.meta.dirname, '..', '..');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return /\.tsx?$/.test(entry.name) &&
        !/\.(test|spec)\.tsx?$/.test(entry.name) &&
        !entry.name.endsWith('.d.ts')
        ? [path]
        : [];
    });
  return ['renderer', 'main', 'shared'].flatMap((dir) => walk(join(root, dir)));
}

/** The text of the object literal that opens at `source[start]` (a `{`), braces balanced. */
function objectAt(source: string, start: number): string {
  let depth = 0;
  for (let i = start; i < source.length; i += 1) {
    const c = source[i];
    if (c === '{' || c === '(' || c === '[') depth += 1;
    else if (c === '}' || c === ')' || c === ']') {
      depth -= 1;
      if (depth === 0) return source.slice(start, i + 1);
    }
  }
  return source.slice(start);
}

/** `text` with everything nested deeper than its outermost braces taken out. */
function topLevel(text: string): string {
  let depth = 0;
  let out = '';
  for (const c of text) {
    if ('{(['.includes(c)) depth += 1;
    if (depth <= 1) out += c;
    if ('})]'.includes(c)) depth -= 1;
  }
  return out;
}

/**
 * Every literal key translated with a `count` (`t('list.count', { count: n })`, `ui('x', { count })`),
 * with where it is asked for. Keys built at run time (`units.${unit}`) cannot be read here.
 */
function keysTranslatedWithCount(): { key: string; at: string }[] {
  const root = join(import.meta.dirname, '..', '..');
  const found: { key: string; at: string }[] = [];
  for (const path of sources()) {
    const source = readFileSync(path, 'utf8');
    for (const call of source.matchAll(/\b[A-Za-z_$][\w$]*\(\s*(['"`])([\w.:-]+)\1\s*,\s*\{/g)) {
      const options = topLevel(objectAt(source, call.index + call[0].length - 1));
      if (/[{,\s]count\s*[:,}]/.test(options))
        found.push({
          key: call[2]!,
          at: `${relative(root, path)}:${source.slice(0, call.index).split('\n').length}`,
        });
    }
  }
  return found;
}

describe('counts in code', () => {
  const english = Object.fromEntries(
    readdirSync(join(base, 'en')).map((file) => [file.replace(/\.json$/, ''), load('en', file)]),
  );
  it('finds the translations asked for with a count', () => {
    // The scan itself: the resident list's count is one of them.
    expect(keysTranslatedWithCount().map((k) => k.key)).toContain('list.count');
  });
  it('words every count through a plural key in English (no "1 records")', () => {
    const offending = keysTranslatedWithCount().filter(({ key }) => {
      const [ns, path] = key.includes(':') ? key.split(':', 2) : [undefined, key];
      const holders = Object.entries(english).filter(
        ([name, tree]) => (ns === undefined || name === ns) && baseKeys(tree).includes(path!),
      );
      // A key of no namespace is not a translation (or a namespace's own sub-tree): not counted here.
      return holders.some(([, tree]) => !pluralForms(tree).has(path!));
    });
    expect(offending).toEqual([]);
  });
});
