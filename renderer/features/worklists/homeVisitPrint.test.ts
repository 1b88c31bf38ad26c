import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAuditEvent } from '../../../shared/audit/rules';
import type { AuditEventDoc } from '../../../shared/audit/schema';
import type { PrintPageResult } from '../../../shared/ipc/contract';
import type { Operator } from '../../app/operator';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase } from '../../testing/memoryDb';
import { printHomeVisitList } from './homeVisitPrint';

const doctor: Operator = { id: 'staff-doc01', name: '张建国', role: 'doctor', orgId: 'org-chc-1' };
const sheet = { list: 'overdue' as const, doctorId: 'staff-doc01', rows: 12, title: '入户随访清单：逾期' };

describe('printing a home-visit list', () => {
  let db: ClinicDatabase;
  beforeEach(async () => {
    db = await openMemoryDatabase(['auditEvents']);
  });
  afterEach(async () => {
    await db.close();
  });

  const printWith = (outcome: PrintPageResult['outcome'], answer: boolean) => {
    const askPrinted = vi.fn(async () => answer);
    const printPage = vi.fn(async () => ({ outcome }));
    const done = printHomeVisitList(
      db,
      doctor,
      sheet,
      { printPage, askPrinted },
      () => new Date('2026-12-07T02:00:00Z'),
    );
    return { done, askPrinted, printPage };
  };
  const audited = async () => (await db.auditEvents.find().exec()).map((e) => e.toJSON() as AuditEventDoc);

  it('asks after a browser’s print dialog and records the print once the person says 已打印', async () => {
    const { done, askPrinted, printPage } = printWith('closed', true);
    expect(await done).toBe('recorded');
    expect(printPage).toHaveBeenCalledWith({ pageSize: 'A4', target: 'printer', title: sheet.title });
    expect(askPrinted).toHaveBeenCalledTimes(1);
    const events = await audited();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'worklist.print',
      actorId: 'staff-doc01',
      at: '2026-12-07T02:00:00.000Z',
      details: { list: 'overdue', doctorId: 'staff-doc01', rows: 12, pageSize: 'A4', target: 'browser' },
    });
    // The platform takes the event: a print of a list names no single record.
    expect(checkAuditEvent(events[0]!)).toEqual([]);
  });

  it('records nothing when the person says 未打印 (a PDF, a cancel, nothing came out)', async () => {
    const { done, askPrinted } = printWith('closed', false);
    expect(await done).toBe('notRecorded');
    expect(askPrinted).toHaveBeenCalledTimes(1);
    expect(await audited()).toEqual([]);
  });

  it('neither asks nor records after a cancelled print', async () => {
    const { done, askPrinted } = printWith('cancelled', true);
    expect(await done).toBe('cancelled');
    expect(askPrinted).not.toHaveBeenCalled();
    expect(await audited()).toEqual([]);
  });

  it('records a print the desk’s printer reported without asking; the centre’s list says so', async () => {
    const askPrinted = vi.fn(async () => false);
    const outcome = await printHomeVisitList(
      db,
      doctor,
      { ...sheet, doctorId: null },
      { printPage: async () => ({ outcome: 'printed' }), askPrinted },
    );
    expect(outcome).toBe('recorded');
    expect(askPrinted).not.toHaveBeenCalled();
    expect((await audited())[0]?.details).toMatchObject({ doctorId: 'centre', target: 'printer' });
  });
});
