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

describe('translations', () => {
  const files = readdirSync(join(base, 'zh-CN'));
  it('has an English file for every Chinese namespace and no extra one', () => {
    expect(readdirSync(join(base, 'en')).sort()).toEqual([...files].sort());
  });
  for (const file of files) {
    it(`${file}: zh-CN and en carry the same keys`, () => {
      expect(keys(load('en', file)).sort()).toEqual(keys(load('zh-CN', file)).sort());
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
