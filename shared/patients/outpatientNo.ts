/**
 * Rules of a resident's outpatient number (门诊号, shared/numbers/series.ts): optional (records
 * registered before numbers existed get theirs when next saved or opened), in the series' printed
 * format, and set once: a number on the platform never changes (slips and cards carry it). That a
 * number is held by one resident only is checked by the platform against all of the organisation's
 * residents (platform/numbers).
 */
import { numberChangedCode, numberFormatCode } from '../numbers/protocol';
import { parseNumber } from '../numbers/series';

/** The longest outpatient number: a 6-character code and 8 digits. */
export const maxOutpatientNoLength = 14;

/** Field errors of the number a record carries ([] without one). */
export function outpatientNoErrors(doc: { outpatientNo?: string }): { field: string; code: string }[] {
  if (doc.outpatientNo === undefined) return [];
  return parseNumber('outpatient', doc.outpatientNo)
    ? []
    : [{ field: 'outpatientNo', code: numberFormatCode }];
}

/** Field errors of writing `next` over the platform's `previous`: a set number stays as it is. */
export function outpatientNoWriteErrors(
  next: { outpatientNo?: string },
  previous: { outpatientNo?: string } | undefined,
): { field: string; code: string }[] {
  if (previous?.outpatientNo === undefined || next.outpatientNo === previous.outpatientNo) return [];
  return [{ field: 'outpatientNo', code: numberChangedCode }];
}
