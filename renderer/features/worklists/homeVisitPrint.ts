/**
 * Printing a home-visit list through the desk's print path, as prescription slips print: the
 * host prints the page; a browser's dialog cannot tell a print from Save as PDF or a cancel, so
 * the person is asked whether the list came out of the printer, and the print is recorded in the
 * audit trail (`worklist.print`) only when it did. A cancel, a PDF or 未打印 records nothing.
 */
import type { PrintPageOptions, PrintPageResult } from '../../../shared/ipc/contract';
import { paperTargetOf, printRecordFor } from '../../../shared/prescriptions/prints';
import type { Operator } from '../../app/operator';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase } from '../../db/database';
import type { ListKey } from './rows';

/** What a print of the list came to, for the notice the page shows. */
export type HomeVisitPrintOutcome = 'cancelled' | 'notRecorded' | 'recorded';

export interface HomeVisitSheet {
  list: ListKey;
  /** The family doctor whose list it is; null for the centre's. */
  doctorId: string | null;
  /** Residents on the sheet. */
  rows: number;
  title: string;
}

export async function printHomeVisitList(
  db: ClinicDatabase,
  operator: Operator,
  sheet: HomeVisitSheet,
  deps: {
    printPage: (options: PrintPageOptions) => Promise<PrintPageResult>;
    /** The print question (是否已打印出来？): true only for 已打印. */
    askPrinted: () => Promise<boolean>;
  },
  now: () => Date = () => new Date(),
): Promise<HomeVisitPrintOutcome> {
  const result = await deps.printPage({ pageSize: 'A4', target: 'printer', title: sheet.title });
  const record = printRecordFor('printer', result.outcome);
  if (record === 'nothing') return 'cancelled';
  if (record === 'export') return 'notRecorded';
  if (record === 'ask' && !(await deps.askPrinted())) return 'notRecorded';
  await recordAuditEvent(
    db,
    operator,
    'worklist.print',
    undefined,
    {
      list: sheet.list,
      doctorId: sheet.doctorId ?? 'centre',
      rows: sheet.rows,
      pageSize: 'A4',
      target: paperTargetOf(result.outcome),
    },
    now(),
  );
  return 'recorded';
}
