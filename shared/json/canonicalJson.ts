/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, arrays in order,
 * `undefined` members dropped as JSON.stringify does. Two values are equal exactly when their
 * canonical texts are, whatever order their keys were written or read back in (PostgreSQL's jsonb
 * reorders them): the audit chain hashes this text, and sync compares versions with it.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The canonical text of `value`. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // Dates and other objects with toJSON are turned into what JSON would store first.
  const plain = value as { toJSON?: () => unknown } & Record<string, unknown>;
  if (typeof plain.toJSON === 'function') return sortKeys(plain.toJSON());
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(plain).sort()) {
    if (plain[key] !== undefined) sorted[key] = sortKeys(plain[key]);
  }
  return sorted;
}
