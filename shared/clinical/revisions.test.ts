import { describe, expect, it } from 'vitest';
import {
  diffRevisions,
  latestRevisions,
  nextRevision,
  revisionChain,
  type AmendableRecord,
} from './revisions';

interface Note extends AmendableRecord {
  text: string;
  vitals: { systolic: number | null; diastolic: number | null };
  diagnoses: { code: string; primary: boolean }[];
  _rev?: string;
}

const base: Note = {
  id: 'a1',
  recordId: 'a1',
  revisionNo: 1,
  supersedes: null,
  amendReason: '',
  status: 'signed',
  signature: { by: 's1', byName: '李医生', at: '2026-01-01T09:00:00Z', hash: 'h' },
  createdBy: 's1',
  createdAt: '2026-01-01T08:00:00Z',
  updatedAt: '2026-01-01T09:00:00Z',
  text: '头晕',
  vitals: { systolic: 150, diastolic: 95 },
  diagnoses: [{ code: 'I10', primary: true }],
};
const rev = (over: Partial<Note>): Note => ({ ...base, ...over });

const a1 = rev({});
const a2 = rev({ id: 'a2', revisionNo: 2, supersedes: 'a1' });
const a3draft = rev({ id: 'a3', revisionNo: 3, supersedes: 'a2', status: 'draft', signature: null });
const b1 = rev({ id: 'b1', recordId: 'b1' });

describe('latestRevisions', () => {
  it.each<[string, Note[], string[]]>([
    ['nothing', [], []],
    ['one record, one revision', [a1], ['a1']],
    ['highest revision wins, whatever the input order', [a2, a1, b1], ['a2', 'b1']],
    ['a pending amendment counts', [a1, a3draft, a2], ['a3']],
    ['two records keep first-seen order', [b1, a1, a2], ['b1', 'a2']],
    [
      'a tie prefers the signed one',
      [rev({ id: 'x', revisionNo: 2, status: 'draft', signature: null }), a2],
      ['a2'],
    ],
    [
      'a tie between drafts takes the greater id',
      [
        rev({ id: 'p', revisionNo: 2, status: 'draft', signature: null }),
        rev({ id: 'q', revisionNo: 2, status: 'draft', signature: null }),
      ],
      ['q'],
    ],
  ])('%s', (_name, docs, ids) => {
    expect(latestRevisions(docs).map((d) => d.id)).toEqual(ids);
  });

  it('can leave pending amendments out', () => {
    expect(latestRevisions([a1, a3draft, a2], { signedOnly: true }).map((d) => d.id)).toEqual(['a2']);
    expect(latestRevisions([a3draft], { signedOnly: true })).toEqual([]);
  });
});

describe('revisionChain', () => {
  it('lists one record oldest first', () => {
    expect(revisionChain([a3draft, b1, a1, a2], 'a1').map((d) => d.id)).toEqual(['a1', 'a2', 'a3']);
    expect(revisionChain([a1], 'zzz')).toEqual([]);
  });
});

describe('diffRevisions', () => {
  const fields = ['text', 'vitals', 'diagnoses'] as const;
  it.each<[string, Partial<Note>, { field: string; before: unknown; after: unknown }[]]>([
    ['no change', {}, []],
    ['a text field', { text: '头痛' }, [{ field: 'text', before: '头晕', after: '头痛' }]],
    [
      'vitals per sub-field',
      { vitals: { systolic: 138, diastolic: 95 } },
      [{ field: 'vitals.systolic', before: 150, after: 138 }],
    ],
    [
      'a vital cleared',
      { vitals: { systolic: 150, diastolic: null } },
      [{ field: 'vitals.diastolic', before: 95, after: null }],
    ],
    [
      'diagnoses as a list',
      {
        diagnoses: [
          { code: 'I10', primary: true },
          { code: 'E11.9', primary: false },
        ],
      },
      [
        {
          field: 'diagnoses',
          before: [{ code: 'I10', primary: true }],
          after: [
            { code: 'I10', primary: true },
            { code: 'E11.9', primary: false },
          ],
        },
      ],
    ],
    [
      'key order alone is no change',
      { diagnoses: [{ primary: true, code: 'I10' }], vitals: { diastolic: 95, systolic: 150 } },
      [],
    ],
  ])('%s', (_name, change, expected) => {
    expect(diffRevisions(a1, rev(change), fields)).toEqual(expected);
  });

  it('only looks at the fields asked for, in that order', () => {
    const changed = rev({ text: 'x', vitals: { systolic: 1, diastolic: 95 }, updatedAt: 'later' });
    expect(diffRevisions(a1, changed, ['vitals', 'text']).map((c) => c.field)).toEqual([
      'vitals.systolic',
      'text',
    ]);
  });
});

describe('nextRevision', () => {
  const amendment = { id: 'a2new', by: 's2', at: '2026-01-03T10:00:00Z', reason: '补充诊断' };

  it('starts a draft that supersedes the signed revision', () => {
    const draft = nextRevision({ ...a1, _rev: '1-abc' }, amendment);
    expect(draft).toEqual({
      ...a1,
      id: 'a2new',
      recordId: 'a1',
      revisionNo: 2,
      supersedes: 'a1',
      amendReason: '补充诊断',
      status: 'draft',
      signature: null,
      createdBy: 's2',
      createdAt: amendment.at,
      updatedAt: amendment.at,
    });
    expect(draft).not.toHaveProperty('_rev');
  });

  it('shares nothing with the signed revision', () => {
    const draft = nextRevision(a1, amendment);
    draft.vitals.systolic = 120;
    draft.diagnoses.push({ code: 'E11.9', primary: false });
    expect(a1.vitals.systolic).toBe(150);
    expect(a1.diagnoses).toHaveLength(1);
  });

  it('chains: revision 3 supersedes revision 2', () => {
    const r3 = nextRevision(a2, { ...amendment, id: 'a3' });
    expect([r3.recordId, r3.revisionNo, r3.supersedes]).toEqual(['a1', 3, 'a2']);
  });

  it('refuses to amend a draft', () => {
    expect(() => nextRevision(a3draft, amendment)).toThrow('notSigned');
  });
});
