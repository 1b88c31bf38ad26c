import { describe, expect, it, vi } from 'vitest';
import { emptyFollowUpForm } from '../../../shared/encounters/followUp';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { emptyVitals } from '../../../shared/encounters/vitals';
import { followUpVisitsOf } from '../../../shared/followups/worklist';
import { projectFollowUpVisits } from './visitProjection';

const encounter = (id: string, changes: Partial<EncounterDoc> = {}): EncounterDoc =>
  ({
    id,
    recordId: id,
    revisionNo: 1,
    patientId: 'p1',
    status: 'signed',
    kind: 'followUp',
    vitals: emptyVitals,
    createdAt: '2026-01-07T02:00:00.000Z',
    visitAt: '2026-01-07T02:00:00.000Z',
    followUp: emptyFollowUpForm({
      programme: 'hypertension',
      enrolmentId: 'e1',
      windowKey: 'v1',
      nextDate: '2026-04-07',
    }),
    ...changes,
  }) as EncounterDoc;

/** A stand-in for a database document: an object holding its data, kept while unchanged. */
const docOf = (data: EncounterDoc) => ({ data });

describe('the follow-up visits the worklists read', () => {
  const first = encounter('enc-1');
  const amended = encounter('enc-1b', { recordId: 'enc-1', revisionNo: 2 });
  const other = encounter('enc-2', { visitAt: '2026-02-03T02:00:00.000Z' });
  const draft = encounter('enc-3', { status: 'draft' });

  it('are the signed visits, current revisions only, as from the encounters themselves', () => {
    const docs = [first, amended, other, draft].map(docOf);
    const visits = projectFollowUpVisits(docs, (d) => d.data);
    expect(visits).toEqual(followUpVisitsOf([first, amended, other, draft]));
    expect(visits.map((v) => [v.id, v.date])).toEqual([
      ['enc-1b', '2026-01-07'],
      ['enc-2', '2026-02-03'],
    ]);
  });

  it('project only new or changed documents when the query gives its documents again', () => {
    const docs = [first, other].map(docOf);
    const read = vi.fn((d: { data: EncounterDoc }) => d.data);
    const before = projectFollowUpVisits(docs, read);
    expect(read).toHaveBeenCalledTimes(2);
    // A visit signed since: the query emits the unchanged documents (the same objects) and the new one.
    const added = docOf(encounter('enc-4', { visitAt: '2026-03-03T02:00:00.000Z' }));
    const after = projectFollowUpVisits([...docs, added], read);
    expect(read).toHaveBeenCalledTimes(3);
    expect(after.map((v) => v.id)).toEqual(['enc-1', 'enc-2', 'enc-4']);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });
});
