import { describe, expect, it } from 'vitest';
import type { PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { printableSlips, reissueDraft } from './printable';

const item = { drugCode: 'a' } as PrescriptionDoc['items'][number];
const slip = (id: string, changes: Partial<PrescriptionDoc> = {}) =>
  ({
    id,
    status: 'signed',
    voided: null,
    type: 'ordinary',
    longReason: '',
    items: [item],
    ...changes,
  }) as PrescriptionDoc;
const voided = { at: 'x', by: 'd', byName: 'D', reason: '开错' };

describe('printableSlips: a slip never prints against an amended diagnosis', () => {
  it.each<[string, PrescriptionDoc[], boolean, string[], string | null]>([
    ['signed slips print', [slip('a'), slip('b')], false, ['a', 'b'], null],
    [
      'drafts and voided slips do not',
      [slip('a', { status: 'draft' }), slip('b', { voided })],
      false,
      [],
      null,
    ],
    ['nothing prints once the diagnosis was amended', [slip('a'), slip('b')], true, [], 'diagnosisRevised'],
    ['after the void there is nothing left to hold back', [slip('a', { voided })], true, [], null],
  ])('%s', (_name, slips, revised, ids, blocked) => {
    const result = printableSlips(slips, revised);
    expect(result.slips.map((s) => s.id)).toEqual(ids);
    expect(result.blocked).toBe(blocked);
  });
});

describe('reissueDraft', () => {
  it('takes the lines of the live slips, their reason and the emergency flag', () => {
    const other = { ...item, drugCode: 'b' };
    expect(
      reissueDraft([
        slip('a', { longReason: '高血压稳定期' }),
        slip('b', { items: [other] }),
        slip('c', { voided, items: [{ ...item, drugCode: 'c' }] }),
      ]),
    ).toEqual({ items: [item, other], longReason: '高血压稳定期', emergency: false });
  });
});
