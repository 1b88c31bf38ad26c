import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n/resources';
import { globalShortcuts, listKeys } from './shortcuts';
import { ShortcutsList } from './ShortcutsHelp';

/** Tags dropped, entities decoded: what a reader sees. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: ['common'],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
  });
});

describe('the shortcut overlay', () => {
  it.each([
    ['zh-CN', ['查找居民', '新建居民档案', '呼叫下一位患者', '在结果中上下移动']],
    [
      'en',
      ['Find a resident', 'Register a new resident', 'call the next patient', 'Move through the results'],
    ],
  ])('lists every shortcut of the table with its keys in %s', async (lng, phrases) => {
    await i18next.changeLanguage(lng);
    const text = textOf(renderToStaticMarkup(<ShortcutsList />));
    const common = resources[lng as 'en'].common.shortcuts;
    for (const s of globalShortcuts) {
      expect(text).toContain(common.actions[s.id]);
      for (const key of s.keys) expect(text).toContain(` ${key} `);
    }
    for (const s of listKeys) expect(text).toContain(common.listActions[s.id]);
    for (const label of ['↑', '↓', 'Enter', 'Esc']) expect(text).toContain(label);
    for (const phrase of phrases) expect(text).toContain(phrase);
    // Nothing falls through untranslated.
    expect(text).not.toMatch(/shortcuts\./);
  });
});
