/**
 * What any stored text may hold, whatever the collection: no NUL, no other control characters
 * (line breaks and tabs stay allowed, free text needs them), no lone UTF-16 surrogates, and no
 * date outside the years 0001–9999. PostgreSQL refuses the first in jsonb and text, a lone
 * surrogate cannot be encoded as UTF-8 at all, and a timestamp outside those years cannot be
 * written as an ISO 8601 instant on both ends. One rule for every document, at the desk (so it is
 * refused while typing) and on the platform (so a desk that skipped it cannot jam a push).
 */

/**
 * - `invalidCharacter`: a NUL, another control character or a lone surrogate;
 * - `dateOutOfRange`: a date or instant whose year is not 0001–9999;
 * - `tooDeep`: objects and lists nested deeper than any document is ({@link maxDepth}).
 */
export type TextErrorCode = 'invalidCharacter' | 'dateOutOfRange' | 'tooDeep';

/**
 * How deep a document's objects and lists may nest. The deepest real document is a few levels
 * (a diagnosis name inside a diagnosis inside a record); a hostile one nested thousands deep would
 * overflow the stack of every recursive check after this one.
 */
export const maxDepth = 32;

export interface TextFieldError {
  /** The value's path, dotted (`address.detail`, `diagnoses.1.name.zh`); `(document)` for the root. */
  field: string;
  code: TextErrorCode;
}

/**
 * C0 controls but tab, line feed and carriage return; DEL and the C1 controls; a high surrogate
 * not followed by a low one; a low surrogate not preceded by a high one. Without the `u` flag the
 * expression sees UTF-16 code units, so a lone surrogate is visible to it.
 */
const refusedCharacter =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` holds a character no stored text may hold. */
export function hasRefusedCharacter(text: string): boolean {
  return refusedCharacter.test(text);
}

/**
 * A whole value that is a date or an instant: `YYYY-MM-DD`, optionally `THH:MM…` with an offset,
 * including the expanded years of ISO 8601 (`+010000-01-01`) and years of more than four digits.
 */
const dateLike = /^([+-]\d{6}|\d{4,})-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The first instant and the last millisecond of the years 0001–9999, UTC. */
// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
const earliest = new Date(0).setUTCFullYear(1, 0, 1);
const latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Whether `text` is a date or instant whose year (or, with an offset, UTC year) is not 0001–9999. */
export function isDateOutOfRange(text: string): boolean {
  const match = dateLike.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1 || year > 9999) return true;
  if (!match[5]) return false; // a date, or a local time: its own year is the year
  const time = Date.parse(text);
  return !Number.isNaN(time) && (time < earliest || time > latest);
}

/** The code for one string, or null when it may be stored. */
function stringError(text: string): TextErrorCode | null {
  if (hasRefusedCharacter(text)) return 'invalidCharacter';
  if (isDateOutOfRange(text)) return 'dateOutOfRange';
  return null;
}

const pathOf = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * Every string of `value`, however deep (object keys included), checked by this rule: one error
 * per offending value, with its dotted path, in document order. [] when everything may be
 * stored. Numbers, booleans and null are not text and pass. The walk keeps its own stack, so a
 * hostile document nested a hundred thousand levels deep is walked, not a stack overflow.
 */
export function textErrors(value: unknown, path = ''): TextFieldError[] {
  const errors: TextFieldError[] = [];
  const pending: [unknown, string, number][] = [[value, path, 0]];
  while (pending.length) {
    const [item, at, depth] = pending.pop()!;
    if (typeof item === 'string') {
      const code = stringError(item);
      if (code) errors.push({ field: at || '(document)', code });
    } else if (item && typeof item === 'object' && depth >= maxDepth) {
      errors.push({ field: at || '(document)', code: 'tooDeep' });
    } else if (item && typeof item === 'object') {
      const entries = Array.isArray(item) ? item.map((v, i) => [i, v] as const) : Object.entries(item);
      // Pushed in reverse, so the stack hands them back in document order.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        // A key PostgreSQL cannot store jams the row as surely as a value.
        if (typeof key === 'string' && hasRefusedCharacter(key)) pending.push([key, at, depth]);
        else pending.push([child, pathOf(at, key), depth + 1]);
      }
    }
  }
  return errors;
}

/**
 * {@link textErrors} keyed by the value's top-level field (`address.detail` → `address`), the
 * first code of each: what a form that marks whole fields needs.
 */
export function textErrorsByField(value: object): Map<string, TextErrorCode> {
  const byField = new Map<string, TextErrorCode>();
  for (const { field, code } of textErrors(value)) {
    const top = field.split('.')[0]!;
    if (!byField.has(top)) byField.set(top, code);
  }
  return byField;
}
