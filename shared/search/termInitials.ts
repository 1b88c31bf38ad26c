/** Pinyin initials of catalogue terms, for search (people's names: patients/searchKeys.ts). */
import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials of a Chinese term (a diagnosis, a drug), read in context (重复 → cf, 体重 → tz):
 * one string keeping the Latin letters and digits of the term (2型糖尿病 → 2xtnb, 维生素B12缺乏性
 * 贫血 → wssb12qfxpx) and, when different, one of the letters alone (xtnb).
 */
export function termInitials(name: string): string[] {
  const text = name.normalize('NFKC');
  if (!text.trim()) return [];
  const full = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const letters = full.replace(/[0-9]/g, '');
  return [...new Set([full, letters])].filter(Boolean);
}
