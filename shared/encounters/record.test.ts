import { describe, expect, it } from 'vitest';
import ZSchema from 'z-schema';
import { hasValidSignature, recordHash, signRecord } from '../clinical/signature';
import { samplePatient } from '../testing/patients';
import { amendmentDraft, newEncounterDraft } from './draft';
import {
  isAddendum,
  isLateSigned,
  lateSignature,
  reusableDraft,
  visitTimeOf,
  writerNameOf,
  writerOf,
} from './record';
import { encounterLockPolicy, encounterSchema, type EncounterDoc } from './schema';

const visit = '2026-03-01T09:00:00+08:00';
const author = { id: 'doc-1', name: '李医生' };
const colleague = { id: 'doc-2', name: '赵医生' };
const draft = newEncounterDraft({
  id: 'e1',
  orgId: 'org-chc',
  patient: samplePatient(),
  previous: [],
  appointmentId: null,
  doctor: author,
  department: '全科',
  at: visit,
});
const sign = (doc: EncounterDoc, by: { id: string; name: string }, at: string) =>
  signRecord(doc, { by: by.id, byName: by.name, at }, encounterLockPolicy);
const signed = sign({ ...draft, chiefComplaint: '头晕' }, author, '2026-03-01T09:20:00+08:00');

describe('amendmentDraft', () => {
  const amend = (of: EncounterDoc, by: { id: string; name: string }, at: string, chain = [of]) =>
    amendmentDraft(of, { id: `r${of.revisionNo + 1}`, doctor: by, at, reason: '补充体格检查', chain });

  it('by a second doctor: an addendum in their name, the author and the visit time kept', () => {
    const addendum = amend(signed, colleague, '2026-03-03T15:00:00+08:00');
    expect(addendum).toMatchObject({
      revisionNo: 2,
      supersedes: 'e1',
      doctorId: 'doc-1',
      doctorName: '李医生',
      amendedBy: 'doc-2',
      amendedByName: '赵医生',
      createdBy: 'doc-2',
      createdAt: '2026-03-03T15:00:00+08:00',
      visitAt: visit,
      status: 'draft',
      signature: null,
    });
    expect([writerOf(addendum), writerNameOf(addendum), isAddendum(addendum)]).toEqual([
      'doc-2',
      '赵医生',
      true,
    ]);
    const signedAddendum = sign(addendum, colleague, '2026-03-03T15:05:00+08:00');
    expect(signedAddendum.doctorId).toBe('doc-1');
    expect(signedAddendum.signature?.by).toBe('doc-2');
  });

  it('by the author: no addendum marks, also after a colleague’s addendum', () => {
    const own = amend(signed, author, '2026-03-02T10:00:00+08:00');
    expect(own).not.toHaveProperty('amendedBy');
    expect(own).not.toHaveProperty('amendedByName');
    expect([writerOf(own), isAddendum(own)]).toEqual(['doc-1', false]);

    const byColleague = sign(
      amend(signed, colleague, '2026-03-02T10:00:00+08:00'),
      colleague,
      '2026-03-02T10:05:00+08:00',
    );
    const third = amend(byColleague, author, '2026-03-04T10:00:00+08:00', [signed, byColleague]);
    expect(third).toMatchObject({ revisionNo: 3, doctorId: 'doc-1', visitAt: visit });
    expect(third).not.toHaveProperty('amendedBy');
  });

  it('keeps the visit time of a record written before visitAt existed', () => {
    const { visitAt: _v, ...oldFirst } = signed;
    const oldSecond = {
      ...sign(amend(signed, author, '2026-03-05T08:00:00+08:00'), author, '2026-03-05T08:01:00+08:00'),
    };
    delete oldSecond.visitAt;
    expect(amend(oldSecond, author, '2026-03-06T08:00:00+08:00', [oldFirst, oldSecond]).visitAt).toBe(visit);
  });

  it('does not copy the platform’s seal of the signed revision', () => {
    const sealed = { ...signed, seal: { sealed: true } } as unknown as EncounterDoc;
    expect(amend(sealed, author, '2026-03-02T10:00:00+08:00')).not.toHaveProperty('seal');
  });

  it('refuses a draft', () => {
    expect(() => amend(draft, author, visit)).toThrow('notSigned');
  });
});

describe('visitTimeOf', () => {
  const base = { recordId: 'e1', visitAt: undefined };
  const first = { ...base, revisionNo: 1, createdAt: visit };
  const second = { ...base, revisionNo: 2, createdAt: '2026-03-05T08:00:00+08:00' };
  it.each<[string, Parameters<typeof visitTimeOf>[0], Parameters<typeof visitTimeOf>[1], string]>([
    [
      'visitAt when set',
      { ...second, visitAt: '2026-03-01T08:00:00+08:00' },
      [],
      '2026-03-01T08:00:00+08:00',
    ],
    ['revision 1 without visitAt: its creation', first, [], visit],
    ['an old amendment: revision 1’s creation', second, [first, second], visit],
    ['an old amendment without revision 1 at hand: its own creation', second, [second], second.createdAt],
  ])('%s', (_name, doc, chain, expected) => {
    expect(visitTimeOf(doc, chain)).toBe(expected);
  });
});

describe('补签 (late signing)', () => {
  it.each<[string, string, boolean]>([
    ['signed 20 minutes after', '2026-03-01T09:20:00+08:00', false],
    ['exactly 24 h after', '2026-03-02T09:00:00+08:00', false],
    ['24 h and a second after', '2026-03-02T09:00:01+08:00', true],
    ['three days after', '2026-03-04T09:00:00+08:00', true],
    ['the same instant written in UTC, 24 h after', '2026-03-02T01:00:00Z', false],
    ['an unreadable time', 'not a time', false],
  ])('%s → %s', (_name, signedAt, late) => {
    expect(isLateSigned(visit, signedAt)).toBe(late);
  });

  it('looks at revision 1’s signature only', () => {
    const late = sign({ ...draft, chiefComplaint: '头晕' }, author, '2026-03-03T09:00:00+08:00');
    const amendment = sign(
      amendmentDraft(signed, {
        id: 'e2',
        doctor: author,
        at: '2026-03-09T09:00:00+08:00',
        reason: 'x',
        chain: [],
      }),
      author,
      '2026-03-09T09:00:00+08:00',
    );
    expect(lateSignature([late])).toEqual({ visitAt: visit, signedAt: '2026-03-03T09:00:00+08:00' });
    expect(lateSignature([signed, amendment])).toBeNull();
    expect(lateSignature([draft])).toBeNull();
  });
});

describe('reusableDraft', () => {
  const dayOf = (iso: string) => iso.slice(0, 10);
  const query = {
    patientId: draft.patientId,
    doctorId: 'doc-1',
    appointmentId: null as string | null,
    today: '2026-03-01',
    dayOf,
  };
  const d = (over: Partial<EncounterDoc>): EncounterDoc => ({ ...draft, ...over });
  it.each<[string, EncounterDoc[], Partial<typeof query>, string | undefined]>([
    ['today’s draft from the chart', [d({})], {}, 'e1'],
    ['today’s draft of a queue entry, opened from the chart', [d({ appointmentId: 'a1' })], {}, 'e1'],
    ['yesterday’s draft is left alone', [d({ visitAt: '2026-02-28T16:00:00+08:00' })], {}, undefined],
    ['another doctor’s draft', [d({ doctorId: 'doc-2' })], {}, undefined],
    ['another resident’s draft', [d({ patientId: 'p-2' })], {}, undefined],
    ['a signed record', [signed], {}, undefined],
    ['an amendment draft', [d({ revisionNo: 2, supersedes: 'e0' })], {}, undefined],
    [
      'the same queue entry, any day',
      [d({ appointmentId: 'a1', visitAt: '2026-02-20T09:00:00+08:00' })],
      { appointmentId: 'a1' },
      'e1',
    ],
    [
      'another queue entry is another visit',
      [d({ appointmentId: 'a2' })],
      { appointmentId: 'a1' },
      undefined,
    ],
    ['a queue entry adopts today’s chart draft', [d({})], { appointmentId: 'a1' }, 'e1'],
    [
      'the most recently edited of two',
      [
        d({ id: 'e1', updatedAt: '2026-03-01T09:05:00+08:00' }),
        d({ id: 'e2', updatedAt: '2026-03-01T09:10:00+08:00' }),
      ],
      {},
      'e2',
    ],
  ])('%s', (_name, previous, over, expected) => {
    expect(reusableDraft(previous, { ...query, ...over })?.id).toBe(expected);
  });
});

describe('records signed before these fields existed', () => {
  it('keep their hash and pass the schema', () => {
    const { physicalExam: _p, auxiliaryExams: _a, visitAt: _v, rulesVersion: _r, ...old } = draft;
    const oldSigned = sign({ ...old, chiefComplaint: '咳嗽' } as EncounterDoc, author, visit);
    const hash = oldSigned.signature?.hash;
    expect(recordHash(oldSigned, encounterLockPolicy)).toBe(hash);
    expect(hasValidSignature(oldSigned, encounterLockPolicy)).toBe(true);
    const validator = ZSchema.create({ strictMode: false });
    expect(
      validator.validateSafe(
        oldSigned,
        encounterSchema as unknown as Parameters<typeof validator.validateSafe>[1],
      ).valid,
    ).toBe(true);
  });
});
