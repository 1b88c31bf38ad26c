import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The renderer's stylesheets: the screens and the printed slip. */
const renderer = join(import.meta.dirname, '..', '..', 'renderer');
const fontsCss = readFileSync(join(renderer, 'ui', 'fonts.css'), 'utf8');

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return stylesheets(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** The faces a custom property of fonts.css lists, unquoted, in order. */
function faces(property: string): string[] {
  const value = new RegExp(`${property}:([^;]+);`).exec(fontsCss)?.[1] ?? '';
  return value.split(',').map((face) => face.trim().replace(/^'|'$/g, ''));
}

describe('one font stack for Latin and Chinese text', () => {
  it('every stylesheet takes its font from the shared variables', () => {
    const paths = stylesheets(renderer);
    expect(paths.map((path) => relative(renderer, path))).toContain(join('print', 'print.css'));
    const ownFonts = paths.flatMap((path) =>
      [
        ...readFileSync(path, 'utf8')
          .replace(/@font-face\s*{[^}]*}/g, '')
          .matchAll(/font-family:([^;]+);/g),
      ]
        .map((match) => match[1]!.trim())
        .filter((value) => !/^var\(--cd-font-(sans|mono|print)\)$/.test(value))
        .map((value) => `${relative(renderer, path)}: ${value}`),
    );
    expect(ownFonts).toEqual([]);
  });

  it('lists a Latin face before the CJK faces, and the bundled face before the generic family', () => {
    const sans = faces('--cd-font-sans');
    expect(sans.indexOf('Segoe UI')).toBeGreaterThanOrEqual(0);
    expect(sans.indexOf('Segoe UI')).toBeLessThan(sans.indexOf('Noto Sans CJK SC'));
    expect(sans.indexOf('Noto Sans CJK SC')).toBeLessThan(sans.indexOf('ClinicDesk CJK'));
    expect(sans.at(-1)).toBe('sans-serif');
  });

  it('prints in the bundled face first, so every PDF embeds the same font', () => {
    expect(faces('--cd-font-print')[0]).toBe('ClinicDesk CJK');
  });
});
