import { describe, expect, it } from 'vitest';
import { paperTargetOf, printCounts, printEntry, printRecordFor, printedBefore } from './prints';
import type { PrescriptionPrint } from './schema';

const entry = (target: PrescriptionPrint['target'], copy = false): PrescriptionPrint => ({
  at: '2024-05-01T09:30:00.000+08:00',
  by: 'doc01',
  copy,
  pageSize: 'A5',
  target,
});
const next = { at: '2024-05-01T10:00:00.000+08:00', by: 'doc01', pageSize: 'A5', target: 'printer' } as const;

describe('what counts as a print', () => {
  it('the first paper print is an original and every later one a copy', () => {
    expect(printedBefore([])).toBe(false);
    expect(printEntry([], next)).toEqual({ ...next, copy: false });
    expect(printEntry([entry('browser')], next).copy).toBe(true);
    expect(printEntry([entry('printer'), entry('printer', true)], next).copy).toBe(true);
  });

  it('a PDF logged by an older desk is an export: it neither counts nor makes the next print a copy', () => {
    const log = [entry('pdf'), entry('pdf')];
    expect(printedBefore(log)).toBe(false);
    expect(printEntry(log, { ...next, target: 'browser' }).copy).toBe(false);
    expect(printCounts(log)).toEqual({ printed: 0, exported: 2 });
    expect(printCounts([...log, entry('browser'), entry('printer', true)])).toEqual({
      printed: 2,
      exported: 2,
    });
  });
});

describe('printRecordFor', () => {
  it('records a print only when the printer reported one, and asks after a browser dialog', () => {
    expect(printRecordFor('printer', 'printed')).toBe('print');
    expect(printRecordFor('printer', 'closed')).toBe('ask');
    expect(printRecordFor('printer', 'cancelled')).toBe('nothing');
  });

  it('a PDF, saved by the host or through the browser dialog, is an export; backing out is nothing', () => {
    expect(printRecordFor('pdf', 'saved')).toBe('export');
    expect(printRecordFor('pdf', 'closed')).toBe('export');
    expect(printRecordFor('pdf', 'cancelled')).toBe('nothing');
  });

  it('names where a recorded print went', () => {
    expect(paperTargetOf('printed')).toBe('printer');
    expect(paperTargetOf('closed')).toBe('browser');
  });
});
