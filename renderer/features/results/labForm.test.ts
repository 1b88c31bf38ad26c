/**
 * The lab result form's rules: a panel's rows start in the usual unit with the default range for
 * the resident's sex; switching a unit converts what was typed; values are flagged at the range's
 * bounds as the shared rule says; errors name the field; the saved result keeps only measured rows.
 */
import { describe, expect, it } from 'vitest';
import {
  emptyLabDraft,
  itemFlag,
  labErrors,
  parseNumber,
  toLabResult,
  withPanel,
  withUnit,
  type LabDraft,
} from './labForm';

const today = '2026-12-07';
const set = (draft: LabDraft, analyte: string, change: Partial<LabDraft['items'][number]>): LabDraft => ({
  ...draft,
  items: draft.items.map((i) => (i.analyte === analyte ? { ...i, ...change } : i)),
});

describe('lab result form', () => {
  it('starts a blood count with its four analytes, units and the ranges for the resident’s sex', () => {
    const draft = emptyLabDraft(today, 'female');
    expect(draft.items.map((i) => i.analyte)).toEqual(['wbc', 'hb', 'plt', 'neut']);
    const hb = draft.items.find((i) => i.analyte === 'hb');
    expect(hb).toMatchObject({ unit: 'g/L', refLow: '115', refHigh: '150', value: '' });
    expect(emptyLabDraft(today, 'male').items.find((i) => i.analyte === 'hb')).toMatchObject({
      refLow: '130',
      refHigh: '175',
    });
    expect(draft).toMatchObject({ testedOn: today, source: 'here', sourceName: '', enrolmentId: '' });
  });

  it('keeps values typed for analytes that stay when the panel changes', () => {
    const typed = set(withPanel(emptyLabDraft(today, null), 'glucose', null), 'fbg', { value: '7.2' });
    const back = withPanel(typed, 'glucose', null);
    expect(back.items.find((i) => i.analyte === 'fbg')?.value).toBe('7.2');
    const lipids = withPanel(typed, 'lipids', null);
    expect(lipids.items.map((i) => i.analyte)).toEqual(['tc', 'tg', 'ldl', 'hdl']);
  });

  it('converts the value and the range when the unit changes (glucose ×18, creatinine ÷88.4)', () => {
    const glucose = withPanel(emptyLabDraft(today, null), 'glucose', null);
    const fbg = { ...glucose.items[0]!, value: '126' };
    // 126 mg/dL typed in mmol/L by mistake: switching to mg/dL converts the typed value.
    const mg = withUnit({ ...fbg, value: '7.0' }, 'mg/dL');
    expect(mg).toMatchObject({ unit: 'mg/dL', value: '126', refLow: '70', refHigh: '110' });
    expect(withUnit(mg, 'mmol/L')).toMatchObject({ value: '7', refLow: '3.9', refHigh: '6.1' });
    const renal = withPanel(emptyLabDraft(today, 'male'), 'renal', 'male');
    const cr = withUnit(
      { ...renal.items[0]!, value: '1.2', unit: 'mg/dL', refLow: '', refHigh: '' },
      'µmol/L',
    );
    expect(cr.value).toBe('106');
    // Text that is not a number stays as typed.
    expect(withUnit({ ...fbg, value: 'abc' }, 'mg/dL').value).toBe('abc');
  });

  it('flags a value strictly outside its range; the bounds are inside', () => {
    const wbc = emptyLabDraft(today, null).items[0]!;
    expect(itemFlag({ ...wbc, value: '3.4' })).toBe('low');
    expect(itemFlag({ ...wbc, value: '3.5' })).toBeNull();
    expect(itemFlag({ ...wbc, value: '9.5' })).toBeNull();
    expect(itemFlag({ ...wbc, value: '9.6' })).toBe('high');
    expect(itemFlag({ ...wbc, value: '' })).toBeNull();
    expect(itemFlag({ ...wbc, value: '12', refHigh: '' })).toBeNull();
  });

  it('reads full-width digits and refuses what is not a number', () => {
    expect(parseNumber('６．５')).toBe(6.5);
    expect(parseNumber(' 7 ')).toBe(7);
    expect(parseNumber('7.')).toBeNull();
    expect(parseNumber('1e3')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });

  it('says what stops a save, per field', () => {
    const empty = emptyLabDraft(today, null);
    expect(labErrors(empty, today)).toEqual({ items: 'noValues' });
    let draft = set(empty, 'wbc', { value: 'x' });
    draft = set(draft, 'plt', { value: '-1' });
    draft = set(draft, 'hb', { value: '120', refLow: '160', refHigh: '150' });
    draft = { ...draft, testedOn: '2026-12-08', source: 'external', sourceName: ' ' };
    expect(labErrors(draft, today)).toEqual({
      testedOn: 'afterToday',
      sourceName: 'sourceName',
      'items.wbc.value': 'notNumber',
      'items.plt.value': 'negative',
      'items.hb.refHigh': 'rangeOrder',
    });
    expect(labErrors({ ...set(empty, 'wbc', { value: '5' }), testedOn: '' }, today)).toEqual({
      testedOn: 'required',
    });
  });

  it('saves only the measured rows, each with its unit, range and flag', () => {
    let draft = set(emptyLabDraft(today, null, 'enr-1'), 'wbc', { value: '2.1' });
    draft = set(draft, 'plt', { value: '180' });
    draft = { ...draft, source: 'external', sourceName: ' 区第二人民医院 ' };
    expect(toLabResult(draft)).toEqual({
      panel: 'cbc',
      items: [
        { analyte: 'wbc', value: 2.1, unit: '10^9/L', refLow: 3.5, refHigh: 9.5, flag: 'low' },
        { analyte: 'plt', value: 180, unit: '10^9/L', refLow: 125, refHigh: 350, flag: null },
      ],
      testedOn: today,
      source: 'external',
      sourceName: '区第二人民医院',
    });
  });
});
