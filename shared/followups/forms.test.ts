import { describe, expect, it } from 'vitest';
import { overrideErrors, reasonRequired, symptomCodes, symptomErrors } from './forms';

describe('symptom lists of the national forms', () => {
  it('has nine hypertension and nine diabetes codes with none first', () => {
    expect(symptomCodes.hypertension).toHaveLength(9);
    expect(symptomCodes.diabetes).toHaveLength(9);
    expect(symptomCodes.diabetes[0]).toBe('none');
    expect(symptomCodes.transplant).toContain('diarrhoea');
  });
  it.each([
    ['hypertension', ['none'], []],
    ['hypertension', [], []],
    ['hypertension', ['none', 'nosebleed'], ['noneWithOthers']],
    ['hypertension', ['polyuria'], ['unknownSymptom']],
    ['diabetes', ['polyuria', 'polyuria'], ['duplicate']],
  ] as const)('%s %j → %j', (programme, symptoms, errors) => {
    expect(symptomErrors(programme, symptoms)).toEqual(errors);
  });
});

describe('a changed computed value needs a reason', () => {
  const kept = {
    classification: 'unsatisfactory' as const,
    computedClassification: 'unsatisfactory' as const,
    classificationReason: '',
    nextStep: 'twoWeek' as const,
    computedNextStep: 'twoWeek' as const,
    nextDate: '2026-12-21',
    computedNextDate: '2026-12-21',
    nextReason: '',
  };
  it.each([
    ['everything kept', {}, []],
    [
      'classification changed without a reason',
      { classification: 'satisfactory' as const },
      [{ field: 'classificationReason', code: 'reasonRequired' }],
    ],
    [
      'classification changed with a reason',
      { classification: 'satisfactory' as const, classificationReason: '家庭自测达标' },
      [],
    ],
    [
      'a blank reason',
      { classification: 'satisfactory' as const, classificationReason: '  ' },
      [{ field: 'classificationReason', code: 'reasonRequired' }],
    ],
    ['next date moved', { nextDate: '2026-12-28' }, [{ field: 'nextReason', code: 'reasonRequired' }]],
    ['next step changed', { nextStep: 'referral' as const, nextReason: '患者要求转诊' }, []],
    ['a reason for a kept value', { nextReason: 'x' }, [{ field: 'nextReason', code: 'reasonNotExpected' }]],
  ])('%s', (_, changes, errors) => {
    expect(overrideErrors({ ...kept, ...changes })).toEqual(errors);
  });
  it('needs no reason when nothing was computed', () => {
    expect(reasonRequired(null, 'satisfactory')).toBe(false);
    expect(reasonRequired('satisfactory', 'complication')).toBe(true);
  });
});
