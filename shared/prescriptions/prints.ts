/**
 * What counts as a print of a slip. A slip printed on paper once is an original; every later
 * paper print is a copy (副本). A saved PDF is an export, not a print: it is audited
 * (`prescription.export`) but never added to the slip's `prints`, so it neither counts as a print
 * nor makes the next print a copy. A print dialog that ends without a confirmed print (cancelled,
 * failed, or a browser dialog the person says printed nothing) records nothing.
 */
import type { PrintPageResult } from '../ipc/contract';
import type { PrescriptionPrint, PrintTarget } from './schema';

/** Where a recorded print went: a printer through the system dialog, or the browser's dialog. */
export type PaperTarget = Exclude<PrintTarget, 'pdf'>;

/**
 * Whether a `prints` entry is a print on paper. Entries with target `pdf` were written by desks
 * that logged saved PDFs as prints; they are exports.
 */
export const isPaperPrint = (print: Pick<PrescriptionPrint, 'target'>): boolean => print.target !== 'pdf';

/** Whether a slip with this print log has been printed on paper: its next print is a copy. */
export const printedBefore = (prints: readonly Pick<PrescriptionPrint, 'target'>[]): boolean =>
  prints.some(isPaperPrint);

/** How many times the slip was printed on paper, and how many PDFs older desks logged with them. */
export function printCounts(prints: readonly Pick<PrescriptionPrint, 'target'>[]): {
  printed: number;
  exported: number;
} {
  const printed = prints.filter(isPaperPrint).length;
  return { printed, exported: prints.length - printed };
}

/** The entry a confirmed paper print appends: a copy when the slip was printed on paper before. */
export function printEntry(
  prints: readonly Pick<PrescriptionPrint, 'target'>[],
  print: { at: string; by: string; pageSize: string; target: PaperTarget },
): PrescriptionPrint {
  return { ...print, copy: printedBefore(prints) };
}

/**
 * What a finished print request means for the record:
 * - `print`: the host says it printed (Electron's print callback reported success);
 * - `ask`: the browser's dialog closed and the page cannot tell how: the person is asked whether
 *   the slip came out, and only a yes records a print;
 * - `export`: a PDF was made (Electron saved the file, or the browser's dialog was opened to save
 *   one): audited as an export;
 * - `nothing`: the person backed out.
 */
export type PrintRecord = 'print' | 'ask' | 'export' | 'nothing';

export function printRecordFor(
  requested: 'printer' | 'pdf',
  outcome: PrintPageResult['outcome'],
): PrintRecord {
  switch (outcome) {
    case 'printed':
      return 'print';
    case 'saved':
      return 'export';
    case 'closed':
      return requested === 'printer' ? 'ask' : 'export';
    case 'cancelled':
      return 'nothing';
  }
}

/** Where a print recorded after `outcome` went: the browser's dialog when the page had to ask. */
export const paperTargetOf = (outcome: PrintPageResult['outcome']): PaperTarget =>
  outcome === 'closed' ? 'browser' : 'printer';
