import { describe, expect, it } from 'vitest';
import {
  agreementNumber,
  contractDraftErrors,
  contractFieldsOf,
  newContractDraft,
  oneYearTermEnd,
  packageTotals,
  packagesOf,
  renewalDraft,
  suggestedPopulationTypes,
  yuan,
  type ContractDraft,
} from './contractForm';

const draft = (patch: Partial<ContractDraft> = {}): ContractDraft => ({
  ...newContractDraft({
    today: '2026-12-07',
    doctorId: 'staff-doc01',
    teamName: '张建国团队',
    householdNo: 'H-001',
    populationTypes: ['hypertension'],
  }),
  ...patch,
});

describe('a one-year term', () => {
  it.each([
    ['2026-12-07', '2027-12-06'],
    ['2026-01-01', '2026-12-31'],
    ['2027-03-01', '2028-02-29'],
    ['2028-02-29', '2029-02-28'],
    ['2026-12-31', '2027-12-30'],
  ])('starting %s ends %s', (start, end) => {
    expect(oneYearTermEnd(start)).toBe(end);
  });

  it('is what a new form starts with, from today', () => {
    const d = draft();
    expect(d.startDate).toBe('2026-12-07');
    expect(d.endDate).toBe('2027-12-06');
    expect(d.packages).toEqual(['basic']);
  });
});

describe('the form checks', () => {
  it('accepts a complete form', () => {
    expect(contractDraftErrors(draft())).toEqual({});
  });

  it('names each missing or wrong field', () => {
    expect(
      contractDraftErrors(
        draft({
          teamName: ' ',
          doctorId: '',
          populationTypes: [],
          packages: [],
          startDate: '',
          endDate: '2026-02-30',
        }),
      ),
    ).toEqual({
      teamName: 'required',
      doctorId: 'doctorRequired',
      populationTypes: 'populationRequired',
      packages: 'packageRequired',
      startDate: 'required',
      endDate: 'dateInvalid',
    });
  });

  it('refuses an end before the start, and takes an end on the start day', () => {
    expect(contractDraftErrors(draft({ endDate: '2026-12-06' }))).toEqual({ endDate: 'endBeforeStart' });
    expect(contractDraftErrors(draft({ endDate: '2026-12-07' }))).toEqual({});
  });

  it('asks for the household number only for a household contract', () => {
    expect(contractDraftErrors(draft({ householdNo: '' }))).toEqual({});
    expect(contractDraftErrors(draft({ scope: 'household', householdNo: '' }))).toEqual({
      householdNo: 'householdRequired',
    });
  });
});

describe('suggested population types', () => {
  it.each([
    [[], 40, ['ordinary']],
    [['hypertension', 'diabetes'], 50, ['hypertension', 'diabetes']],
    [[], 64, ['ordinary']],
    [[], 65, ['elderly']],
    [['pregnancy'], 28, ['pregnant']],
    [[], 6, ['child']],
    [[], 7, ['ordinary']],
    [['severeMental', 'hypertension'], 70, ['elderly', 'hypertension', 'mental']],
  ] as const)('tags %j at age %i give %j', (tags, age, expected) => {
    expect(suggestedPopulationTypes(tags, age)).toEqual(expected);
  });
});

describe('the contract a form becomes', () => {
  const staff = [
    { id: 'staff-doc01', name: '张建国' },
    { id: 'staff-nurse01', name: '李秀梅' },
  ];
  it('names the team, keeps only a household contract’s number, and prices the packages', () => {
    const fields = contractFieldsOf(draft({ nurseId: 'staff-nurse01', packages: ['basic', 'chronic'] }), {
      agreementNo: 'QY-20261207-0001',
      staff,
      packageName: (code) => `pkg:${code}`,
    });
    expect(fields.team).toEqual({
      name: '张建国团队',
      doctorId: 'staff-doc01',
      doctorName: '张建国',
      nurseId: 'staff-nurse01',
      nurseName: '李秀梅',
      publicHealthId: null,
      publicHealthName: '',
    });
    expect(fields.householdNo).toBe('');
    expect(fields.status).toBe('active');
    expect(fields.packages.map((p) => p.name)).toEqual(['pkg:basic', 'pkg:chronic']);
    expect(packageTotals(fields.packages)).toEqual({ priceFen: 12000, selfPayFen: 4000, insuranceFen: 8000 });
    expect(yuan(12000)).toBe('120.00');
    const household = contractFieldsOf(draft({ scope: 'household', householdNo: ' H-001 ' }), {
      agreementNo: 'x',
      staff,
      packageName: String,
    });
    expect(household.householdNo).toBe('H-001');
  });

  it('a renewal keeps team, types and packages, and starts the day after the old term', () => {
    const old = contractFieldsOf(draft({ packages: ['chronic'] }), {
      agreementNo: 'QY-1',
      staff,
      packageName: String,
    });
    const renewal = renewalDraft(old, '2027-11-20');
    expect(renewal.startDate).toBe('2027-12-07');
    expect(renewal.endDate).toBe('2028-12-06');
    expect(renewal.packages).toEqual(['chronic']);
    expect(renewal.doctorId).toBe('staff-doc01');
    // Renewed after it lapsed: from today.
    expect(renewalDraft(old, '2028-01-10').startDate).toBe('2028-01-10');
  });

  it('draws agreement numbers from the date and the document id', () => {
    expect(agreementNumber('2026-12-07', '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBe('QY-20261207-4A5B');
    expect(packagesOf([], String)).toEqual([]);
  });
});
