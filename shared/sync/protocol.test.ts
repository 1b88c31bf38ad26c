import { describe, expect, it } from 'vitest';
import {
  changeStreamEventSchema,
  changeStreamPath,
  changeStreamQuerySchema,
  changeStreamUrl,
  pullResponseSchema,
  pushResponseSchema,
  streamEventSchema,
} from './protocol';

const doc = (extra: Record<string, unknown> = {}) => ({ id: 'p-1', _deleted: false, name: '张三', ...extra });

describe('answer schemas', () => {
  it('take documents as loose objects with an id and the deletion flag, and envelopes with more', () => {
    const page = { documents: [doc({ later: { nested: 1 } })], checkpoint: { seq: 4 }, removed: ['p-9'] };
    const parsed = pullResponseSchema.parse(page);
    // Checked in place: the document is the one sent, not a copy.
    expect(parsed.documents[0]).toBe(page.documents[0]);
    expect(parsed).toMatchObject({ checkpoint: { seq: 4 }, removed: ['p-9'] });
    // A marker that a record left the organisation: an id and the flag, no content.
    expect(
      pullResponseSchema.safeParse({ documents: [{ id: 'p-2', _deleted: true }], checkpoint: { seq: 5 } })
        .success,
    ).toBe(true);
  });

  it('refuse documents without id or deletion flag, and broken envelopes', () => {
    for (const page of [
      { documents: [{ _deleted: false }], checkpoint: { seq: 1 } },
      { documents: [{ id: '', _deleted: false }], checkpoint: { seq: 1 } },
      { documents: [{ id: 'p-1', _deleted: 'no' }], checkpoint: { seq: 1 } },
      { documents: [{ id: 'x'.repeat(65), _deleted: false }], checkpoint: { seq: 1 } },
      { documents: [null], checkpoint: { seq: 1 } },
      { documents: [doc()], checkpoint: { seq: -1 } },
      { documents: [doc()] },
      [doc()],
    ])
      expect(pullResponseSchema.safeParse(page).success, JSON.stringify(page)).toBe(false);
  });

  it('check a push answer’s conflicts, refusals and stamped versions', () => {
    const answer = {
      conflicts: [doc()],
      rejected: [{ id: 'p-2', errors: [{ field: 'name', code: 'text.control', index: 3 }] }],
      stamped: [doc({ seal: {} })],
    };
    expect(pushResponseSchema.safeParse(answer).success).toBe(true);
    expect(pushResponseSchema.safeParse({ conflicts: [], rejected: [] }).success).toBe(true);
    for (const broken of [
      { conflicts: [], rejected: [{ id: 'p-2' }] },
      { conflicts: [], rejected: [{ id: 'p-2', errors: [{ field: 'name' }] }] },
      { conflicts: [{ id: 'p-1' }], rejected: [] },
      { conflicts: [], rejected: [], stamped: [{}] },
      { rejected: [] },
    ])
      expect(pushResponseSchema.safeParse(broken).success, JSON.stringify(broken)).toBe(false);
  });

  it('know the stream’s two events', () => {
    expect(streamEventSchema.safeParse({ type: 'resync' }).success).toBe(true);
    expect(
      streamEventSchema.safeParse({ type: 'changes', documents: [doc()], checkpoint: { seq: 2 } }).success,
    ).toBe(true);
    for (const event of [
      { type: 'changes', documents: [{ id: 'p-1' }], checkpoint: { seq: 2 } },
      { type: 'changes', documents: [doc()] },
      { type: 'delete-everything' },
      'resync',
    ])
      expect(streamEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(false);
  });

  it('know the desk’s one stream: each change names its collection, a resync may name one', () => {
    const change = { type: 'changes', collection: 'patients', documents: [doc()], checkpoint: { seq: 2 } };
    expect(changeStreamEventSchema.safeParse(change).success).toBe(true);
    expect(changeStreamEventSchema.safeParse({ type: 'resync' }).success).toBe(true);
    expect(changeStreamEventSchema.safeParse({ type: 'resync', collection: 'patients' }).success).toBe(true);
    for (const event of [
      { ...change, collection: undefined },
      { ...change, collection: '' },
      { ...change, documents: [{ id: 'p-1' }] },
      { type: 'resync', collection: 7 },
    ])
      expect(changeStreamEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(false);
  });

  it('ask for the one stream by collection names, each once, each one that streams', () => {
    const query = changeStreamQuerySchema(['patients', 'directory']);
    const url = new URL(changeStreamUrl(['patients', 'directory']), 'http://platform');
    expect(url.pathname).toBe(changeStreamPath);
    expect(query.parse(Object.fromEntries(url.searchParams))).toEqual({
      collections: ['patients', 'directory'],
    });
    for (const collections of ['', 'patients,', 'patients,patients', 'patients,secrets', 'auditEvents'])
      expect(query.safeParse({ collections }).success, collections).toBe(false);
    expect(query.safeParse({}).success).toBe(false);
  });
});
