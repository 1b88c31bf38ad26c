import { describe, expect, it } from 'vitest';
import type { EncounterDiagnosis, EncounterDoc } from '../encounters/schema';
import { diagnosisRevised, latestSignedRevision } from './revisions';

type Revision = Pick<EncounterDoc, 'id' | 'recordId' | 'revisionNo' | 'status' | 'diagnoses'>;
const dx = (code: string, zh: string, primary = false): EncounterDiagnosis => ({
  code,
  name: { zh, en: '' },
  freeText: false,
  primary,
});
const hypertension = dx('I10', '原发性高血压', true);
const diabetes = dx('E11.9', '2型糖尿病');
const revision = (
  revisionNo: number,
  diagnoses: EncounterDiagnosis[],
  status: Revision['status'] = 'signed',
): Revision => ({ id: `r${revisionNo}`, recordId: 'r1', revisionNo, status, diagnoses });

describe('latestSignedRevision', () => {
  it('takes the highest signed revision, never a draft', () => {
    const revisions = [
      revision(1, [hypertension]),
      revision(3, [diabetes], 'draft'),
      revision(2, [diabetes]),
    ];
    expect(latestSignedRevision(revisions)?.id).toBe('r2');
    expect(latestSignedRevision([revision(1, [], 'draft')])).toBeNull();
  });
});

describe('diagnosisRevised', () => {
  const original = revision(1, [hypertension, diabetes]);
  it.each<[string, Revision | null, boolean]>([
    ['no later revision', original, false],
    ['nothing signed', null, false],
    [
      'a later revision with the same diagnoses in another order',
      revision(2, [diabetes, hypertension]),
      false,
    ],
    ['a later revision that drops a diagnosis', revision(2, [hypertension]), true],
    [
      'a later revision that adds one',
      revision(2, [hypertension, diabetes, dx('J06.9', '急性上呼吸道感染')]),
      true,
    ],
    [
      'a later revision that renames one',
      revision(2, [hypertension, dx('E11.9', '2型糖尿病伴并发症')]),
      true,
    ],
    [
      'a later revision that changes the primary',
      revision(2, [
        { ...hypertension, primary: false },
        { ...diabetes, primary: true },
      ]),
      true,
    ],
  ])('%s → %s', (_name, latest, expected) => {
    expect(diagnosisRevised(original, latest)).toBe(expected);
  });
});
