import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prescriptionDraft, prescriptionLine } from '../testing/prescriptions';
import { checkDose, convertDose, withDoseLimits, type DoseLimitEntry } from './doseLimits';
import { indexFormulary, parseFormulary, type FormularyDrug } from './formulary';
import type { PrescriptionItemDraft } from './items';
import { validatePrescription } from './rules';
import type { DoseUnit, Frequency } from './vocabulary';

const read = (file: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/formulary', file), 'utf8'));
const bundled = parseFormulary(read('formulary.json')).drugs;
const limitsFile = read('dose-limits.json') as { reviewed: boolean; entries: DoseLimitEntry[] };
const merged = withDoseLimits(bundled, limitsFile.entries);
const formulary = indexFormulary(merged.drugs);
const drug = (code: string) => formulary.get(code)!;
const adult = { child: false, weightKg: null };

describe('dose limits data (resources/formulary/dose-limits.json)', () => {
  it('names only formulary products, in units that convert, each with a source', () => {
    expect(merged.issues).toEqual([]);
    for (const entry of limitsFile.entries) expect(entry.source.trim().length).toBeGreaterThan(5);
    expect(limitsFile.reviewed).toBe(false);
  });

  it('converts to the product dose unit', () => {
    expect(drug('metformin-0-5g-tab')).toMatchObject({ maxSingleDose: 1, maxDailyDose: 2.55 });
    expect(drug('amlodipine-5mg-tab')).toMatchObject({ maxSingleDose: 10, maxDailyDose: 10 });
    expect(drug('amoxicillin-0-125g-granules')).toMatchObject({ maxDailyDose: 4, maxDailyDosePerKg: 0.04 });
    expect(drug('insulin-glargine-pen').maxDailyDose).toBeUndefined();
  });

  it('reports unknown codes and units that do not convert', () => {
    const result = withDoseLimits(bundled, [
      { codes: ['no-such-drug'], unit: 'mg', maxDaily: 1, source: 'x' },
      { codes: ['amlodipine-5mg-tab'], unit: 'ml', maxDaily: 1, source: 'x' },
    ]);
    expect(result.issues).toEqual([
      { code: 'no-such-drug', issue: 'unknownCode' },
      { code: 'amlodipine-5mg-tab', issue: 'unitMismatch' },
    ]);
  });
});

describe('convertDose', () => {
  it.each<[number, DoseUnit, DoseUnit, number | null]>([
    [1, 'g', 'mg', 1000],
    [500, 'mg', 'g', 0.5],
    [250, 'μg', 'mg', 0.25],
    [5, 'mg', 'mg', 5],
    [5, 'mg', 'ml', null],
    [5, 'IU', 'U', null],
  ])('%s %s in %s → %s', (amount, from, to, expected) => {
    expect(convertDose(amount, from, to)).toBe(expected);
  });
});

describe('checkDose: at, just above and ten times the maximum', () => {
  it.each<[string, string, number, DoseUnit, Frequency, string]>([
    ['amlodipine at the maximum', 'amlodipine-5mg-tab', 10, 'mg', 'qd', 'ok'],
    ['amlodipine just above', 'amlodipine-5mg-tab', 10.5, 'mg', 'qd', 'over:single'],
    ['amlodipine 50 mg qd', 'amlodipine-5mg-tab', 50, 'mg', 'qd', 'over:single'],
    ['amlodipine at ten times', 'amlodipine-5mg-tab', 100, 'mg', 'qd', 'over:single'],
    ['amlodipine above ten times', 'amlodipine-5mg-tab', 100.5, 'mg', 'qd', 'implausible:single'],
    ['amlodipine 5 mg bid: the day is over', 'amlodipine-5mg-tab', 5, 'mg', 'bid', 'ok'],
    ['amlodipine 10 mg bid', 'amlodipine-5mg-tab', 10, 'mg', 'bid', 'over:daily'],
    ['amlodipine 2 tablets', 'amlodipine-5mg-tab', 2, 'tablet', 'qd', 'ok'],
    ['amlodipine 3 tablets', 'amlodipine-5mg-tab', 3, 'tablet', 'qd', 'over:single'],
    ['metformin 0.85 g tid: exactly 2.55 g a day', 'metformin-0-5g-tab', 0.85, 'g', 'tid', 'ok'],
    ['metformin 1 g bid', 'metformin-0-5g-tab', 1, 'g', 'bid', 'ok'],
    ['metformin 1 g tid', 'metformin-0-5g-tab', 1, 'g', 'tid', 'over:daily'],
    ['metformin 1.5 g qd', 'metformin-0-5g-tab', 1.5, 'g', 'qd', 'over:single'],
    ['metformin 5 g tid', 'metformin-0-5g-tab', 5, 'g', 'tid', 'over:single'],
    ['metformin 10 g qd: ten times', 'metformin-0-5g-tab', 10, 'g', 'qd', 'over:single'],
    ['metformin 500 g (mg meant)', 'metformin-0-5g-tab', 500, 'g', 'tid', 'implausible:single'],
    ['metformin 9 g tid: day above ten times', 'metformin-0-5g-tab', 9, 'g', 'tid', 'implausible:daily'],
    ['prn counts the single dose only', 'paracetamol-0-5g-tab', 1, 'g', 'prn', 'ok'],
    ['prn above the single maximum', 'paracetamol-0-5g-tab', 1.5, 'g', 'prn', 'over:single'],
    ['qod counts one dose on a dosing day', 'amlodipine-5mg-tab', 10, 'mg', 'qod', 'ok'],
    ['a drug without maxima', 'insulin-glargine-pen', 200, 'IU', 'qd', 'ok'],
  ])('%s', (_name, code, dose, doseUnit, frequency, expected) => {
    const verdict = checkDose(drug(code), { dose, doseUnit, frequency }, adult);
    expect('limit' in verdict ? `${verdict.status}:${verdict.limit}` : verdict.status).toBe(expected);
  });

  it.each<[string, number | null, number, string]>([
    ['20 kg, 0.25 g tid = 0.75 g a day', 20, 0.25, 'ok'],
    ['20 kg, 0.25 g qid = 1 g, above 0.8 g', 20, 0.25, 'over'],
    ['no weight', null, 0.25, 'weightRequired'],
    ['120 kg: the adult 4 g a day still caps it', 120, 1.5, 'over'],
  ])('a child on amoxicillin granules: %s', (_name, weightKg, dose, expected) => {
    const frequency: Frequency = _name.includes('qid') ? 'qid' : 'tid';
    const verdict = checkDose(
      drug('amoxicillin-0-125g-granules'),
      { dose, doseUnit: 'g', frequency },
      { child: true, weightKg },
    );
    expect(verdict.status).toBe(expected);
  });

  it('a child needs no weight for a drug without per-kg maxima', () => {
    const verdict = checkDose(
      drug('amlodipine-5mg-tab'),
      { dose: 5, doseUnit: 'mg', frequency: 'qd' },
      { child: true, weightKg: null },
    );
    expect(verdict.status).toBe('ok');
  });
});

describe('validatePrescription: a dose above the maximum needs a reason and a second signature', () => {
  const issueDate = '2026-11-23';
  const check = (items: PrescriptionItemDraft[], birthDate = '1960-05-01', weightKg: number | null = null) =>
    validatePrescription(prescriptionDraft(items), {
      formulary,
      patient: { birthDate, allergies: [], weightKg },
      issueDate,
    });
  const line = (code: string, changes: Partial<PrescriptionItemDraft>) =>
    prescriptionLine(formulary, code, changes);
  const errors = (items: PrescriptionItemDraft[], birthDate?: string, weightKg?: number | null) =>
    check(items, birthDate, weightKg).errors.map((e) => `${e.path}:${e.code}`);
  const confirmation = { by: 'doc-1', at: '2026-11-23T09:30:00+08:00' };

  it.each<[string, Partial<PrescriptionItemDraft>, string[]]>([
    ['at the maximum', { dose: 10 }, []],
    ['50 mg with nothing', { dose: 50 }, ['items.0.overdoseReason:overdoseReasonRequired']],
    [
      '50 mg with a reason only',
      { dose: 50, overdoseReason: '难治性高血压' },
      ['items.0.overdoseConfirmation:overdoseConfirmationRequired'],
    ],
    [
      '50 mg with a reason and the second signature',
      { dose: 50, overdoseReason: '难治性高血压', overdoseConfirmation: confirmation },
      [],
    ],
    [
      '500 mg is refused whatever is written',
      { dose: 500, overdoseReason: 'x', overdoseConfirmation: confirmation },
      ['items.0.dose:doseImplausible'],
    ],
  ])('amlodipine %s', (_name, changes, expected) => {
    expect(errors([line('amlodipine-5mg-tab', changes)])).toEqual(expected);
  });

  it('metformin 5 g tid no longer passes silently', () => {
    expect(errors([line('metformin-0-5g-tab', { dose: 5, frequency: 'tid' })])).toEqual([
      'items.0.overdoseReason:overdoseReasonRequired',
    ]);
  });

  it('stores the reason and the confirmation on the slip line', () => {
    const result = check([
      line('amlodipine-5mg-tab', {
        dose: 15,
        overdoseReason: ' 难治性高血压 ',
        overdoseConfirmation: confirmation,
      }),
    ]);
    expect(result.doses[0]).toEqual({ status: 'over', limit: 'single', max: 10 });
    expect(result.lines[0]?.item.overdose).toEqual({
      reason: '难治性高血压',
      confirmedBy: 'doc-1',
      confirmedAt: confirmation.at,
    });
  });

  it("a child's slip needs today's weight for a per-kg maximum", () => {
    const child = '2020-01-01';
    const granules = line('amoxicillin-0-125g-granules', { dose: 0.25, frequency: 'tid' });
    expect(errors([granules], child, null)).toEqual(['items.0.dose:weightRequired']);
    expect(errors([granules], child, 20)).toEqual([]);
    expect(errors([granules], '1960-05-01', null)).toEqual([]);
  });
});

describe('every drug with maxima passes at its usual dose', () => {
  it.each(
    merged.drugs
      .filter((d: FormularyDrug) => d.maxSingleDose !== undefined || d.maxDailyDose !== undefined)
      .map((d) => [d.code, d] as const),
  )('%s', (_code, d) => {
    expect(
      checkDose(d, { dose: d.defaultDose, doseUnit: d.doseUnit, frequency: d.defaultFrequency }, adult),
    ).toEqual({
      status: 'ok',
    });
  });
});
