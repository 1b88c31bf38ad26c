/**
 * Pieces of the RxDB JSON schema literals every collection writes the same way. Each returns a
 * fresh `as const` object, so the schemas (and the hash RxDB keeps of them) are unchanged by
 * being built from these.
 */

/** A string of at most `maxLength` characters. */
export const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** A string of at most `maxLength` characters, or null. */
export const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;

/** At most `maxItems` strings of at most `maxLength` characters each. */
export const stringList = (maxItems: number, maxLength: number) =>
  ({ type: 'array', maxItems, items: { type: 'string', maxLength } }) as const;
