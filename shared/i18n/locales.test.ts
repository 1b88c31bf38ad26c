import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('translations', () => {
  const files = readdirSync(join(base, 'zh-CN'));
  it('has an English file for every Chinese namespace and no extra one', () => {
    expect(readdirSync(join(base, 'en')).sort()).toEqual([...files].sort());
  });
  for (const file of files) {
    it(`${file}: zh-CN and en carry the same keys`, () => {
      expect(baseKeys(load('en', file))).toEqual(baseKeys(load('zh-CN', file)));
    });
    it(`${file}: every plural has the forms of each language (zh-CN other; en one and other)`, () => {
      const zh = pluralForms(load('zh-CN', file));
      const en = pluralForms(load('en', file));
      expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
      for (const forms of zh.values()) expect(forms.sort()).toEqual(['other']);
      for (const forms of en.values()) expect(forms.sort()).toEqual(['one', 'other']);
    });
    it(`${file}: English words no plural with "(s)" and uses half-width punctuation`, () => {
      const english = JSON.stringify(load('en', file));
      expect(english).not.toMatch(/\w\((s|es|ies)\)/);
      expect(english).not.toMatch(/[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]/);
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
