/**
 * Mainland mobile numbers (DOMAIN.md §5.3): 11 digits matching `^1[3-9]\d{9}$`, typed with or
 * without a +86 / 0086 / 86 country prefix, spaces and hyphens.
 */

export type MobileResult = { ok: true; value: string } | { ok: false; error: 'required' | 'format' };

const mobile = /^1[3-9]\d{9}$/;

/**
 * Normalises a typed mobile number to its 11 bare digits. Full-width digits from an IME are
 * folded (NFKC); white space and hyphens are removed; a leading +86, 0086 or 86 is dropped when
 * 11 digits follow it. Empty input is `required`, anything else that is not a mobile `format`.
 */
export function normalizeMobile(raw: string): MobileResult {
  const compact = raw.normalize('NFKC').replace(/[\s\-‐‑–—]+/g, '');
  if (!compact) return { ok: false, error: 'required' };
  const value = /^(?:\+86|0086|86)\d{11}$/.test(compact) ? compact.slice(compact.length - 11) : compact;
  return mobile.test(value) ? { ok: true, value } : { ok: false, error: 'format' };
}
