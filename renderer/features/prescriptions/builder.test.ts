import { describe, expect, it } from 'vitest';
import { formulary, formularyDrugs } from '../../clinical/formulary';
import {
  emptyBuilder,
  lineFromDrug,
  lineOfPath,
  lineQuantity,
  offFormularyLine,
  pinyinInitials,
  searchDrugs,
  setEmergency,
  toDraft,
} from './builder';

const amlodipine = formulary().get('amlodipine-5mg-tab')!;

describe('drug search', () => {
  it('finds drugs by Chinese and English name, code and pinyin initials, at most eight', () => {
    expect(searchDrugs(formularyDrugs(), '氨氯地平')[0]?.code).toBe('amlodipine-5mg-tab');
    expect(searchDrugs(formularyDrugs(), 'amlodipine').map((d) => d.code)).toContain('amlodipine-5mg-tab');
    expect(searchDrugs(formularyDrugs(), 'amlodipine-5mg').map((d) => d.code)).toContain(
      'amlodipine-5mg-tab',
    );
    expect(pinyinInitials(amlodipine)).toBe('bhsaldpp');
    expect(searchDrugs(formularyDrugs(), 'bhsaldp').map((d) => d.code)).toContain('amlodipine-5mg-tab');
    expect(searchDrugs(formularyDrugs(), '片').length).toBe(8);
    expect(searchDrugs(formularyDrugs(), '  ')).toEqual([]);
  });
});

describe('builder lines', () => {
  it('starts a line with the drug defaults and computes its quantity', () => {
    const line = lineFromDrug(amlodipine, false);
    expect(line).toMatchObject({ dose: '5', doseUnit: 'mg', route: 'po', frequency: 'qd', days: 7 });
    expect(lineQuantity(line, formulary())).toMatchObject({ units: 7, packs: 1 });
    expect(lineQuantity({ ...line, dose: 'x' }, formulary())).toBeNull();
    expect(lineQuantity({ ...line, frequency: 'prn' }, formulary())).toBeNull();
  });

  it('moves lines on the usual supply when emergency is switched', () => {
    const changed = { ...lineFromDrug(amlodipine, false), days: 5 };
    const state = { ...emptyBuilder, lines: [lineFromDrug(amlodipine, false), changed] };
    const emergency = setEmergency(state, true);
    expect(emergency.lines.map((l) => l.days)).toEqual([3, 5]);
    expect(setEmergency(emergency, false).lines.map((l) => l.days)).toEqual([7, 5]);
  });

  it('builds the draft the rules check, with an off-formulary line awaiting confirmation', () => {
    const state = { ...emptyBuilder, lines: [offFormularyLine('自备药', false)] };
    const [drafted] = toDraft(state).items;
    expect(drafted).toMatchObject({ drugCode: '', offFormularyConfirmed: false, unit: null });
    expect(drafted?.offFormularyDrug?.generic['zh-CN']).toBe('自备药');
  });

  it('reads line numbers from rule paths', () => {
    expect(lineOfPath('items.0.dose')).toBe(1);
    expect(lineOfPath('items.4')).toBe(5);
    expect(lineOfPath('longReason')).toBeNull();
  });
});
