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

  // A push the platform stored whose answer was lost: the desk still assumes the older version.
  it('takes this desk’s newer version without a collision when the platform holds its earlier one', () => {
    const stored = edit(base, 'desk-a', '2026-11-02T00:00:00.000Z', { mobile: '13614866272' });
    const ours = edit(stored, 'desk-a', '2026-11-02T00:01:00.000Z', { mobile: '13900000082' });
    const merged = mergePatients(base, ours, stored, at);
    expect(merged.mobile).toBe('13900000082');
    expect(merged.collisions).toEqual([]);
    expect(merged.history).toEqual(ours.history);
  });

  it('takes an edit of a registration whose answer was lost without a collision', () => {
    const registered = samplePatient({ history: [] });
    const ours = edit(registered, 'desk-a', '2026-11-02T00:00:00.000Z', { mobile: '13900000082' });
    const merged = mergePatients(undefined, ours, registered, at);
    expect(merged.mobile).toBe('13900000082');
    expect(merged.collisions).toEqual([]);
  });

  it('takes this desk’s newer edit without a collision when its earlier one is stored beside another desk’s', () => {
    const stored = edit(base, 'desk-a', '2026-11-02T00:00:00.000Z', { mobile: '13614866272' });
    const ours = edit(stored, 'desk-a', '2026-11-02T00:01:00.000Z', { mobile: '13900000082' });
    const theirs = edit(stored, 'desk-b', '2026-11-02T00:02:00.000Z', { familyDoctor: '刘医生' });
    const merged = mergePatients(base, ours, theirs, at);
    expect(merged.mobile).toBe('13900000082');
    expect(merged.familyDoctor).toBe('刘医生');
    expect(merged.collisions).toEqual([]);
  });

  it('still sees a collision when another desk changed the field after this desk’s stored push', () => {
    const stored = edit(base, 'desk-a', '2026-11-02T00:00:00.000Z', { mobile: '13614866272' });
    const ours = edit(stored, 'desk-a', '2026-11-02T00:01:00.000Z', { mobile: '13900000082' });
    const theirs = edit(stored, 'desk-b', '2026-11-02T00:02:00.000Z', { mobile: '13700003333' });
    const merged = mergePatients(base, ours, theirs, at);
    expect(merged.mobile).toBe('13700003333');
    expect(merged.collisions.map((c) => [c.field, c.values])).toEqual([
      ['mobile', ['"13700003333"', '"13900000082"']],
    ]);
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

  type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

  /**
   * Runs `ops` and then syncs every desk until settled. With `ownFields`, each desk edits only its
   * own field (desk i the i-th), so no two desks ever change the same field.
   */
  function simulate(deskCount: number, ops: Op[], ownFields: boolean) {
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
        const field = ownFields ? fields[o.desk % deskCount]! : o.field;
        const value = pools[field][o.pick];
        d.local = edit(d.local, `desk-${o.desk % deskCount}`, stamp(), { [field]: value });
        lastTyped.set(field, JSON.stringify(value));
      } else if (o.kind === 'sync') sync(d, o.lost, o.duplicated);
      else d.online = !d.online;
    }
    for (const d of desks) d.online = true;
    for (let round = 0; round < 10; round++) for (const d of desks) sync(d, false, false);
    return { master, desks, lastTyped };
  }

  it('converges with no lost field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.array(op, { maxLength: 60 }), (deskCount, ops) => {
        const { master, desks, lastTyped } = simulate(deskCount, ops, false);
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

  // A desk whose push was stored but whose answer was lost pushes again from an older version.
  it('never shows a collision when each field is edited at one desk only, lost answers included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.array(op, { maxLength: 60 }), (deskCount, ops) => {
        const { master, desks, lastTyped } = simulate(deskCount, ops, true);
        for (const d of desks) expect(samePatient(d.local, master)).toBe(true);
        expect(master.collisions).toEqual([]);
        for (const [field, value] of lastTyped)
          expect(JSON.stringify(master[field as PatientField])).toBe(value);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    );
  });
});
