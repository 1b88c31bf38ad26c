import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PatientDoc, PatientField } from '../patients/schema';
import { samplePatient } from '../testing/patients';
import { mergePatients, samePatient } from './patientMerge';

const base = samplePatient({
  address: {
    provinceCode: '12',
    province: '天津市',
    cityCode: '1201',
    city: '市辖区',
    districtCode: '120101',
    district: '和平区',
    streetCode: '',
    street: '',
    community: '',
    detail: '3号楼',
  },
});

const at = '2026-11-23T10:00:00.000Z';

function edit(doc: PatientDoc, by: string, when: string, changes: Partial<PatientDoc>): PatientDoc {
  const fields = Object.keys(changes) as PatientField[];
  return {
    ...doc,
    ...changes,
    updatedAt: when,
    collisions: doc.collisions.filter((c) => !fields.includes(c.field)),
    history: [
      ...doc.history,
      {
        at: when,
        byId: by,
        byName: by,
        changes: fields.map((f) => ({
          field: f,
          from: JSON.stringify(doc[f]),
          to: JSON.stringify(changes[f]),
        })),
      },
    ],
  };
}

describe('merging two versions of a resident', () => {
  it('takes each side’s change to different fields', () => {
    const ours = edit(base, 'desk-a', '2026-11-02T00:00:00.000Z', { mobile: '13600001111' });
    const theirs = edit(base, 'desk-b', '2026-11-03T00:00:00.000Z', { familyDoctor: '刘医生' });
    const merged = mergePatients(base, ours, theirs, at);
    expect(merged.mobile).toBe('13600001111');
    expect(merged.familyDoctor).toBe('刘医生');
    expect(merged.collisions).toEqual([]);
    expect(merged.history.map((h) => h.byId)).toEqual(['desk-a', 'desk-b']);
  });

  it('keeps both values of a field changed differently on each side, showing the platform’s', () => {
    const ours = edit(base, 'desk-a', '2026-11-02T00:00:00.000Z', { mobile: '13600001111' });
    const theirs = edit(base, 'desk-b', '2026-11-03T00:00:00.000Z', { mobile: '13900002222' });
    const merged = mergePatients(base, ours, theirs, at);
    expect(merged.mobile).toBe('13900002222');
    expect(merged.collisions).toEqual([
      { field: 'mobile', base: '"13812345678"', values: ['"13900002222"', '"13600001111"'], detectedAt: at },
    ]);
  });

  it('sees no collision when both sides made the same change', () => {
    const ours = edit(base, 'desk-a', '2026-11-02T00:00:00.000Z', { allergies: ['青霉素'] });
    const theirs = edit(base, 'desk-b', '2026-11-03T00:00:00.000Z', { allergies: ['青霉素'] });
    expect(mergePatients(base, ours, theirs, at).collisions).toEqual([]);
  });

  it('lets a resolution on one side close the collision', () => {
    const ours = edit(base, 'desk-a', '2026-11-02T00:00:00.000Z', { mobile: '13600001111' });
    const theirs = edit(base, 'desk-b', '2026-11-03T00:00:00.000Z', { mobile: '13900002222' });
    const conflicted = mergePatients(base, ours, theirs, at);
    const resolved = edit(conflicted, 'desk-a', '2026-11-04T00:00:00.000Z', { mobile: '13600001111' });
    const other = edit(conflicted, 'desk-b', '2026-11-04T01:00:00.000Z', { familyDoctor: '刘医生' });
    const merged = mergePatients(conflicted, resolved, other, at);
    expect(merged.mobile).toBe('13600001111');
    expect(merged.familyDoctor).toBe('刘医生');
    expect(merged.collisions).toEqual([]);
  });

  it('is equal to itself whatever the storage bookkeeping says', () => {
    expect(samePatient(base, { ...base, _rev: '2-x' } as PatientDoc)).toBe(true);
    expect(samePatient(base, { ...base, mobile: '13600001111' })).toBe(false);
    expect(samePatient(base, { ...base, outpatientNo: 'SQ00000001' })).toBe(false);
  });

  // The outpatient number is set once: whichever side had one keeps it, the platform's when both.
  it.each([
    ['neither side has one', undefined, undefined, undefined],
    ['only this desk drew one', 'SQ00000101', undefined, 'SQ00000101'],
    ['only the platform has one', undefined, 'SQ00000007', 'SQ00000007'],
    ['both drew one apart: the platform’s stays', 'SQ00000101', 'SQ00000007', 'SQ00000007'],
    ['both the same', 'SQ00000007', 'SQ00000007', 'SQ00000007'],
  ])('keeps the outpatient number when %s', (_, mine, platforms, kept) => {
    const ours = edit(mine ? { ...base, outpatientNo: mine } : base, 'desk-a', '2026-11-02T00:00:00.000Z', {
      mobile: '13600001111',
    });
    const theirs = edit(
      platforms ? { ...base, outpatientNo: platforms } : base,
      'desk-b',
      '2026-11-03T00:00:00.000Z',
      { familyDoctor: '刘医生' },
    );
    const merged = mergePatients(base, ours, theirs, at);
    expect(merged.outpatientNo).toBe(kept);
    expect('outpatientNo' in merged).toBe(kept !== undefined);
    expect(merged.mobile).toBe('13600001111');
  });
});

/**
 * Several desks and the platform, through random interleavings of edits, offline periods, lost
 * and duplicated requests: afterwards every desk holds exactly the platform's record, and for every
 * field the last value anybody typed is still there, on the record or among its collision's values.
 */
describe('sync convergence (property)', () => {
  const fields = ['mobile', 'familyDoctor', 'allergies', 'tags', 'name'] as const;
  const pools: Record<(typeof fields)[number], unknown[]> = {
    mobile: ['13600001111', '13900002222', '13700003333'],
    familyDoctor: ['刘医生', '陈医生', ''],
    allergies: [[], ['青霉素'], ['青霉素', '磺胺类']],
    tags: [[], ['hypertension'], ['diabetes', 'elderly']],
    name: ['张三', '张叁', '章三'],
  };
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      desk: fc.nat(2),
      field: fc.constantFrom(...fields),
      pick: fc.nat(2),
    }),
    fc.record({
      kind: fc.constant('sync' as const),
      desk: fc.nat(2),
      lost: fc.boolean(),
      duplicated: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('network' as const), desk: fc.nat(2) }),
  );

  it('converges with no lost field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.array(op, { maxLength: 60 }), (deskCount, ops) => {
        let master = base;
        const desks = Array.from({ length: deskCount }, () => ({ local: base, assumed: base, online: true }));
        const lastTyped = new Map<string, string>();
        let tick = 0;
        const stamp = () => new Date(Date.UTC(2026, 10, 2, 0, 0, tick++)).toISOString();

        /** The platform's side of a push: accept if the desk saw the current version, else report it. */
        const push = (doc: PatientDoc, assumed: PatientDoc) => {
          if (samePatient(master, assumed)) {
            master = doc;
            return undefined;
          }
          return master;
        };
        const sync = (d: (typeof desks)[number], lost: boolean, duplicated: boolean) => {
          if (!d.online) return;
          if (!samePatient(d.local, d.assumed)) {
            let conflict = push(d.local, d.assumed);
            if (duplicated) conflict = push(d.local, d.assumed);
            if (lost) return;
            if (conflict) {
              d.local = mergePatients(d.assumed, d.local, conflict, stamp());
              d.assumed = conflict;
            } else d.assumed = d.local;
          }
          if (samePatient(d.local, d.assumed)) d.local = d.assumed = master;
        };

        for (const o of ops) {
          const d = desks[o.desk % deskCount]!;
          if (o.kind === 'edit') {
            const value = pools[o.field][o.pick];
            d.local = edit(d.local, `desk-${o.desk % deskCount}`, stamp(), { [o.field]: value });
            lastTyped.set(o.field, JSON.stringify(value));
          } else if (o.kind === 'sync') sync(d, o.lost, o.duplicated);
          else d.online = !d.online;
        }
        for (const d of desks) d.online = true;
        for (let round = 0; round < 10; round++) for (const d of desks) sync(d, false, false);

        for (const d of desks) expect(samePatient(d.local, master)).toBe(true);
        for (const [field, value] of lastTyped) {
          const kept = [
            JSON.stringify(master[field as PatientField]),
            ...(master.collisions.find((c) => c.field === field)?.values ?? []),
          ];
          expect(kept).toContain(value);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    );
  });
});
