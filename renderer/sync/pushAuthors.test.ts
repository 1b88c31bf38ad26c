import { describe, expect, it } from 'vitest';
import { mayPush, namesInRecord, pushAuthorsFor } from './pushAuthors';

const signature = (by: string) => ({ by, byName: by === 'doc-a' ? '张医生' : '刘医生', at: 't', hash: 'h' });
const draft = {
  id: 'e1',
  doctorId: 'doc-a',
  doctorName: '张医生',
  status: 'draft',
  signature: null,
  updatedAt: 't',
};
const signed = { ...draft, status: 'signed', signature: signature('doc-a') };
const slip = { ...signed, voided: null, prints: [] as { by: string; at: string }[] };

describe('which rows wait for their author', () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown> | undefined, string[]]>([
    ['a draft: its writer', 'encounters', draft, undefined, ['doc-a']],
    [
      'an addendum draft: the colleague writing it',
      'encounters',
      { ...draft, amendedBy: 'doc-b' },
      undefined,
      ['doc-b'],
    ],
    ['a signature: the signer', 'encounters', signed, draft, ['doc-a']],
    ['a signed record already on the platform, unchanged: nobody', 'encounters', signed, signed, []],
    [
      'a print: the person who printed',
      'prescriptions',
      { ...slip, prints: [{ by: 'nurse-c', at: 't2' }] },
      slip,
      ['nurse-c'],
    ],
    [
      'a slip signed and printed offline by two people: both',
      'prescriptions',
      { ...slip, prints: [{ by: 'nurse-c', at: 't2' }] },
      undefined,
      ['doc-a', 'nurse-c'],
    ],
    [
      'a void: the person voiding',
      'prescriptions',
      { ...slip, voided: { by: 'doc-a', at: 't3' } },
      slip,
      ['doc-a'],
    ],
    ['an audit event: its actor', 'auditEvents', { id: 'a1', actorId: 'doc-b' }, undefined, ['doc-b']],
    ['a resident: anyone', 'patients', { id: 'p1', updatedBy: 'doc-b' }, undefined, []],
  ])('%s', (_case, collection, next, assumed, authors) => {
    expect(pushAuthorsFor(collection, next, assumed).sort()).toEqual(authors);
  });

  it.each<[string[], string | undefined, boolean]>([
    [[], 'doc-a', true],
    [['doc-a'], 'doc-a', true],
    [['doc-b'], 'doc-a', false],
    [['doc-a', 'nurse-c'], 'doc-a', false],
    [['doc-b'], undefined, true],
  ])('authors %j, signed in %s: pushed now %s', (authors, me, expected) => {
    expect(mayPush(authors, me)).toBe(expected);
  });

  it('names the people from the record itself', () => {
    expect(
      namesInRecord({
        ...slip,
        amendedBy: 'doc-b',
        amendedByName: '刘医生',
        voided: { by: 'doc-a', byName: '张医生' },
      }),
    ).toEqual(
      new Map([
        ['doc-a', '张医生'],
        ['doc-b', '刘医生'],
      ]),
    );
  });
});

describe('care plans', () => {
  const enrolment = { id: 'c1', createdBy: 'doc-a', createdByName: '张医生', kind: 'enrolment' };
  it('are created under their creator, and changed under any colleague who may', () => {
    expect(pushAuthorsFor('carePlans', enrolment, undefined)).toEqual(['doc-a']);
    expect(pushAuthorsFor('carePlans', { ...enrolment, updatedAt: 'later' }, enrolment)).toEqual([]);
    expect(namesInRecord(enrolment)).toEqual(new Map([['doc-a', '张医生']]));
  });
});
