import { describe, expect, it } from 'vitest';
import { urgentSignCodes, urgentTriggers, type UrgentInput } from './urgent';

const at = (changes: Partial<UrgentInput> = {}): UrgentInput => ({
  programme: 'hypertension',
  systolic: 130,
  diastolic: 80,
  heartRate: 72,
  temperature: 36.6,
  glucose: [],
  signs: [],
  ...changes,
});

describe('urgent-referral triggers', () => {
  it.each([
    ['hypertension', 179, 109, []],
    ['hypertension', 180, 109, ['systolicHigh']],
    ['hypertension', 179, 110, ['diastolicHigh']],
    ['hypertension', 180, 110, ['systolicHigh', 'diastolicHigh']],
    ['hypertension', 182, 100, ['systolicHigh']],
    ['diabetes', 179, 109, []],
    ['diabetes', 180, 110, ['systolicHigh', 'diastolicHigh']],
    ['elderly', 185, 95, ['systolicHigh']],
    ['child', 185, 115, []],
  ] as const)('%s at %d/%d fires %j', (programme, systolic, diastolic, fired) => {
    expect(urgentTriggers(at({ programme, systolic, diastolic }))).toEqual(fired);
  });
  it.each([
    [16.6, []],
    [16.7, ['glucoseHigh']],
    [3.9, ['glucoseLow']],
    [4.0, []],
  ] as const)('diabetes glucose %d fires %j', (glucose, fired) => {
    expect(urgentTriggers(at({ programme: 'diabetes', glucose: [null, glucose] }))).toEqual(fired);
  });
  it('does not judge a hypertension patient’s glucose, pulse or temperature', () => {
    expect(urgentTriggers(at({ glucose: [20], heartRate: 120, temperature: 39.5 }))).toEqual([]);
  });
  it.each([
    [100, 39, []],
    [101, 39, ['tachycardia']],
    [100, 39.1, ['fever']],
  ] as const)('diabetes heart rate %d, temperature %d fires %j', (heartRate, temperature, fired) => {
    expect(urgentTriggers(at({ programme: 'diabetes', heartRate, temperature }))).toEqual(fired);
  });
  it('adds the danger signs ticked from the programme’s list, after the measured ones', () => {
    expect(
      urgentTriggers(at({ systolic: 190, signs: ['chestTightness', 'acetoneBreath', 'orthopnoea'] })),
    ).toEqual(['systolicHigh', 'chestTightness', 'orthopnoea']);
    expect(urgentTriggers(at({ programme: 'diabetes', signs: ['acetoneBreath'] }))).toEqual([
      'acetoneBreath',
    ]);
  });
  it('lists the national danger signs per programme', () => {
    expect(urgentSignCodes.hypertension).toContain('pregnancyLactation');
    expect(urgentSignCodes.diabetes).toContain('deepBreathing');
    expect(urgentSignCodes.transplant).toEqual(['beyondCapability']);
  });
});
