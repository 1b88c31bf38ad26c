import { describe, expect, it } from 'vitest';
import { formulary, formularyDrugs } from '../../clinical/formulary';
import {
  emptyBuilder,
  lineFromDrug,
  lineFromTypedName,
  lineOfPath,
  linesFromItems,
  patchLine,
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

describe('typed names, confirmations and reissues', () => {
  it.each([
    ['吗啡', 'morphine-sr-30mg-tab'],
    ['Oxycodone', 'oxycodone-sr-10mg-tab'],
    ['头孢呋辛酯片', 'cefuroxime-axetil-0-25g-tab'],
    ['阿莫西林胶囊', 'amoxicillin-0-25g-cap'],
  ])('a typed %s becomes the formulary entry %s', (name, code) => {
    const line = lineFromTypedName(name, formulary(), false);
    expect(line.drugCode).toBe(code);
    expect(line.offFormularyDrug).toBeNull();
  });

  it('a name the formulary does not know is an off-formulary line waiting for its classification', () => {
    const line = lineFromTypedName('某进口新药', formulary(), false);
    expect(line.drugCode).toBe('');
    expect(line.offFormularyDrug).toMatchObject({ control: null, antimicrobial: null });
  });

  it('a changed dose or frequency asks for the second signature again', () => {
    const confirmed = {
      ...lineFromDrug(amlodipine, false),
      dose: '50',
      overdoseConfirmation: { by: 'doc-1', at: '2026-11-23T09:00:00Z' },
    };
    expect(patchLine(confirmed, { note: '晨起' }).overdoseConfirmation).not.toBeNull();
    expect(patchLine(confirmed, { overdoseReason: '难治性高血压' }).overdoseConfirmation).not.toBeNull();
    expect(patchLine(confirmed, { dose: '50' }).overdoseConfirmation).not.toBeNull();
    expect(patchLine(confirmed, { dose: '60' }).overdoseConfirmation).toBeNull();
    expect(patchLine(confirmed, { frequency: 'bid' }).overdoseConfirmation).toBeNull();
  });

  it('rebuilds lines from a slip for a reissue, without the old second signature', () => {
    const [line] = linesFromItems(
      [
        {
          drugCode: 'amlodipine-5mg-tab',
          generic: { zh: '苯磺酸氨氯地平片', en: 'Amlodipine Besylate Tablets' },
          form: 'tablet',
          strength: '5 mg',
          dose: 15,
          doseUnit: 'mg',
          route: 'po',
          frequency: 'qd',
          days: 14,
          quantity: 42,
          unit: 'tablet',
          offFormulary: false,
          note: '晨起',
          overdose: { reason: '难治性高血压', confirmedBy: 'doc-1', confirmedAt: '2026-11-23T09:00:00Z' },
        },
      ],
      formulary(),
    );
    expect(line).toMatchObject({
      drugCode: 'amlodipine-5mg-tab',
      dose: '15',
      days: 14,
      quantity: '',
      note: '晨起',
      overdoseReason: '难治性高血压',
      overdoseConfirmation: null,
    });
  });
});
