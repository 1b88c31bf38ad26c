/**
 * The paths around the rules that issue 9 closed, case by case: drugs typed by name, truly
 * off-formulary drugs and their classification, allergy matching by class (every synonym of the
 * data file against every group), and chronic-disease supplies of 28 against 29 days.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prescriptionDraft } from '../testing/prescriptions';
import { allergenGroupsOf, allergenSynonyms, drugAllergenGroups, matchingAllergies } from './allergy';
import { indexFormulary, parseFormulary } from './formulary';
import type { OffFormularyDrug, PrescriptionItemDraft } from './items';
import { resolveTypedDrug } from './nameMatch';
import { validatePrescription, type PrescriptionDraft } from './rules';
import { buildSlips } from './slips';
import { allergenGroups, type AllergenGroup } from './vocabulary';

const formulary = indexFormulary(
  parseFormulary(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/formulary/formulary.json'), 'utf8')),
  ).drugs,
);
const issueDate = '2026-11-23';
const context = (allergies: string[] = []) => ({
  formulary,
  patient: { birthDate: '1960-05-01', allergies },
  issueDate,
});
const errorsOf = (d: PrescriptionDraft, allergies: string[] = []) =>
  validatePrescription(d, context(allergies)).errors.map((e) => `${e.path}:${e.code}`);

/** A line typed by hand: name, classification and usage, confirmed as off-formulary. */
const typed = (
  name: string,
  classification: Pick<OffFormularyDrug, 'control' | 'antimicrobial'> = {
    control: 'none',
    antimicrobial: false,
  },
  changes: Partial<PrescriptionItemDraft> = {},
): PrescriptionItemDraft => ({
  drugCode: '',
  offFormularyConfirmed: true,
  offFormularyDrug: {
    generic: { 'zh-CN': name, en: '' },
    form: 'tablet',
    strength: '10 mg',
    unit: 'tablet',
    ...classification,
  },
  dose: 10,
  doseUnit: 'mg',
  route: 'po',
  frequency: 'qd',
  days: 7,
  quantity: 7,
  ...changes,
});
const long = { longReason: '慢性病稳定期', longAcknowledged: true };

describe('a drug typed by name is judged as the formulary drug it names', () => {
  it.each<[string, PrescriptionDraft, string[], string[]]>([
    [
      '吗啡 for 84 days is refused as a narcotic',
      prescriptionDraft([typed('吗啡', undefined, { days: 84, quantity: 84 })], long),
      [],
      ['items.0.offFormularyDrug:inFormulary', 'items.0.drugCode:specialSlipRequired'],
    ],
    [
      'morphine typed in English, classified as not controlled',
      prescriptionDraft([typed('Morphine', undefined, { days: 84, quantity: 84 })], long),
      [],
      ['items.0.offFormularyDrug:inFormulary', 'items.0.drugCode:specialSlipRequired'],
    ],
    [
      '羟考酮 is refused',
      prescriptionDraft([typed('羟考酮', undefined, { days: 84, quantity: 84 })], long),
      [],
      ['items.0.offFormularyDrug:inFormulary', 'items.0.drugCode:specialSlipRequired'],
    ],
    [
      'oxycodone typed in English is refused',
      prescriptionDraft([typed('oxycodone hydrochloride')], long),
      [],
      ['items.0.offFormularyDrug:inFormulary', 'items.0.drugCode:specialSlipRequired'],
    ],
    [
      '头孢呋辛 for 84 days stays an antimicrobial',
      prescriptionDraft([typed('头孢呋辛', undefined, { days: 84, quantity: 84 })], long),
      [],
      ['items.0.offFormularyDrug:inFormulary', 'items.0.days:longPrescriptionExcluded'],
    ],
    [
      'cefuroxime for 8 days stays an antimicrobial',
      prescriptionDraft([typed('Cefuroxime', undefined, { days: 8, quantity: 8 })], long),
      [],
      ['items.0.offFormularyDrug:inFormulary', 'items.0.days:longPrescriptionExcluded'],
    ],
    [
      '阿莫西林 against a penicillin allergy',
      prescriptionDraft([typed('阿莫西林')]),
      ['青霉素'],
      ['items.0.offFormularyDrug:inFormulary', 'items.0.allergyOverrideReason:allergyOverrideRequired'],
    ],
    [
      'amoxicillin against PCN',
      prescriptionDraft([typed('amoxicillin')]),
      ['PCN过敏'],
      ['items.0.offFormularyDrug:inFormulary', 'items.0.allergyOverrideReason:allergyOverrideRequired'],
    ],
  ])('%s', (_name, d, allergies, expected) => {
    expect(errorsOf(d, allergies)).toEqual(expected);
  });

  it('the builder adds a typed formulary name as that entry', () => {
    expect(resolveTypedDrug('吗啡', formulary).every((d) => d.control === 'narcotic')).toBe(true);
    expect(resolveTypedDrug('头孢呋辛', formulary).every((d) => d.antimicrobial)).toBe(true);
  });
});

describe('a truly off-formulary drug is judged by its classification', () => {
  it.each<[string, PrescriptionItemDraft, Partial<PrescriptionDraft>, string[], string[]]>([
    [
      'unclassified',
      typed('某进口降压药', { control: null, antimicrobial: null }),
      {},
      [],
      ['items.0.offFormularyDrug:classificationRequired'],
    ],
    [
      'control given, antimicrobial not',
      typed('某进口降压药', { control: 'none', antimicrobial: null }),
      {},
      [],
      ['items.0.offFormularyDrug:classificationRequired'],
    ],
    [
      'plain drug, 28 days with a reason',
      typed('某进口降压药', undefined, { days: 28, quantity: 28 }),
      long,
      [],
      [],
    ],
    [
      'plain drug, 8 days without a reason',
      typed('某进口降压药', undefined, { days: 8, quantity: 8 }),
      {},
      [],
      ['longReason:longReasonRequired'],
    ],
    [
      'classified narcotic',
      typed('某镇痛药', { control: 'narcotic', antimicrobial: false }),
      {},
      [],
      ['items.0.drugCode:specialSlipRequired'],
    ],
    [
      'classified psychotropic I',
      typed('某镇静药', { control: 'psychotropic1', antimicrobial: false }),
      {},
      [],
      ['items.0.drugCode:specialSlipRequired'],
    ],
    [
      'classified toxic, 8 days',
      typed('某外用药', { control: 'toxic', antimicrobial: false }, { days: 8, quantity: 8 }),
      long,
      [],
      ['items.0.days:longPrescriptionExcluded'],
    ],
    [
      'classified radioactive, 8 days',
      typed('某核素药', { control: 'radioactive', antimicrobial: false }, { days: 8, quantity: 8 }),
      long,
      [],
      ['items.0.days:longPrescriptionExcluded'],
    ],
    ['antimicrobial, 7 days', typed('某抗菌药', { control: 'none', antimicrobial: true }), {}, [], []],
    [
      'antimicrobial, 8 days',
      typed('某抗菌药', { control: 'none', antimicrobial: true }, { days: 8, quantity: 8 }),
      long,
      [],
      ['items.0.days:longPrescriptionExcluded'],
    ],
    [
      'a …西林 name against a penicillin allergy',
      typed('匹氨西林'),
      {},
      ['青霉素'],
      ['items.0.allergyOverrideReason:allergyOverrideRequired'],
    ],
    [
      '… with an override reason',
      typed('匹氨西林', undefined, { allergyOverrideReason: '皮试阴性' }),
      {},
      ['青霉素'],
      [],
    ],
  ])('%s', (_name, item, changes, allergies, expected) => {
    expect(errorsOf(prescriptionDraft([item], changes), allergies)).toEqual(expected);
  });

  it('stores the classification on the slip line, and a 精二 classification gets its own slip', () => {
    const built = buildSlips(
      prescriptionDraft([
        typed('某进口降压药'),
        typed('某安眠药', { control: 'psychotropic2', antimicrobial: false }),
      ]),
      context(),
      {
        orgId: 'org',
        sharedWith: [],
        patientId: 'p',
        encounterId: 'e',
        diagnosis: '原发性高血压',
        patient: { name: '王', sex: 'male', ageText: '66岁', feeCategory: 'selfPay' },
        department: '全科',
        doctorId: 'd',
        doctorName: '张',
      },
      {
        now: '2026-11-23T09:00:00+08:00',
        newId: (() => {
          let n = 0;
          return () => `id-${++n}`;
        })(),
        random: () => 0.5,
      },
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.slips.map((s) => s.type)).toEqual(['ordinary', 'psychotropic2']);
    expect(built.slips[0]!.items[0]).toMatchObject({
      offFormulary: true,
      control: 'none',
      antimicrobial: false,
    });
    expect(built.slips[1]!.items[0]).toMatchObject({ offFormulary: true, control: 'psychotropic2' });
  });
});

describe('chronic disease supplies: up to 28 days with a reason, long-prescription exclusions beyond', () => {
  const line = (code: string, days: number): PrescriptionItemDraft => {
    const drug = formulary.get(code)!;
    return {
      drugCode: code,
      dose: drug.defaultDose,
      doseUnit: drug.doseUnit,
      route: drug.defaultRoute,
      frequency: drug.defaultFrequency,
      days,
    };
  };
  it.each<[string, number, Partial<PrescriptionDraft>, string[]]>([
    ['insulin-glargine-pen', 14, { longReason: '糖尿病稳定期' }, []],
    ['insulin-glargine-pen', 14, {}, ['longReason:longReasonRequired']],
    ['insulin-glargine-pen', 28, { longReason: '糖尿病稳定期' }, []],
    ['insulin-glargine-pen', 29, long, ['items.0.days:longPrescriptionStorageExcluded']],
    ['amlodipine-5mg-tab', 28, { longReason: '高血压稳定期' }, []],
    [
      'amlodipine-5mg-tab',
      29,
      { longReason: '高血压稳定期' },
      ['longAcknowledged:longAcknowledgementRequired'],
    ],
    ['amlodipine-5mg-tab', 84, long, []],
    ['cefuroxime-axetil-0-25g-tab', 8, long, ['items.0.days:longPrescriptionExcluded']],
    ['diazepam-2-5mg-tab', 28, { longReason: '焦虑障碍' }, []],
    ['diazepam-2-5mg-tab', 29, long, ['items.0.days:psychotropic2DaysExceeded']],
    ['ephedrine-nasal-drops', 8, long, ['items.0.days:longPrescriptionExcluded']],
  ])('%s for %i days', (code, days, changes, expected) => {
    expect(errorsOf(prescriptionDraft([line(code, days)], changes))).toEqual(expected);
  });
});

/** A formulary drug of each group, to meet every synonym. */
const representative: Record<AllergenGroup, string> = {
  penicillin: 'amoxicillin-clavulanate-0-375g-tab',
  cephalosporin: 'cefuroxime-axetil-0-25g-tab',
  sulfonamide: 'co-trimoxazole-tab',
  'aspirin-nsaid': 'ibuprofen-sr-0-3g-cap',
  macrolide: 'azithromycin-0-25g-tab',
  quinolone: 'levofloxacin-0-5g-tab',
  tetracycline: 'doxycycline-0-1g-tab',
  aminoglycoside: 'gentamicin-80k-inj',
  lincosamide: 'clindamycin-0-15g-cap',
  nitroimidazole: 'metronidazole-0-2g-tab',
  opioid: 'tramadol-sr-0-1g-tab',
  iodine: 'povidone-iodine-solution',
};

/** How a history entry would spell a synonym: a stem inside a whole drug name. */
const asWritten = (term: string, match: string) =>
  match === 'wordStart' ? `${term}alotin` : match === 'wordEnd' ? `pro${term}` : `${term}过敏`;

describe('every allergy synonym against every group', () => {
  const cases = allergenSynonyms.flatMap((synonym) =>
    allergenGroups.map((group) => [synonym.term, group, synonym] as const),
  );
  it.each(cases)('%s × %s', (_term, group, synonym) => {
    const allergy = asWritten(synonym.term, synonym.match);
    const drug = formulary.get(representative[group])!;
    const matched = matchingAllergies([allergy], drug).length > 0;
    expect(matched).toBe(synonym.groups.includes(group));
  });
});

describe('allergy matching by class, from the drug name too', () => {
  it.each<[string, string, boolean]>([
    ['氨苄西林', 'amoxicillin-clavulanate-0-375g-tab', true],
    ['氟哌酸', 'levofloxacin-0-5g-tab', true],
    ['β-内酰胺类', 'cefuroxime-axetil-0-25g-tab', true],
    ['β内酰胺', 'amoxicillin-0-25g-cap', true],
    ['beta-lactam', 'cefaclor-0-25g-cap', true],
    ['Beta Lactam antibiotics', 'penicillin-v-potassium-0-25g-tab', true],
    ['盘尼西林', 'amoxicillin-0-125g-granules', true],
    ['PCN', 'amoxicillin-0-25g-cap', true],
    ['cefaclor', 'ceftriaxone-1g-inj', true],
    ['sulfa drugs', 'co-trimoxazole-tab', true],
    ['布洛芬', 'diclofenac-sr-75mg-tab', true],
    ['aspirin', 'celecoxib-0-2g-cap', true],
    ['青霉素', 'cefuroxime-axetil-0-25g-tab', false],
    ['头孢', 'amoxicillin-0-25g-cap', false],
    ['sulfa', 'morphine-sr-30mg-tab', false],
    ['PCN', 'pantoprazole-40mg-tab', false],
  ])('%s against %s → %s', (allergy, code, expected) => {
    expect(matchingAllergies([allergy], formulary.get(code)!).length > 0).toBe(expected);
  });

  it.each<[string, AllergenGroup[]]>([
    ['Magnesium Sulfate Injection', []],
    ['Salbutamol Sulphate Aerosol', []],
    ['Sulfasalazine Enteric-coated Tablets', ['sulfonamide']],
    ['注射用头孢呋辛钠', ['cephalosporin']],
    ['阿莫西林克拉维酸钾片', ['penicillin']],
    ['乳酸左氧氟沙星氯化钠注射液', ['quinolone']],
    ['Meloxicam Tablets', ['aspirin-nsaid']],
    ['依托考昔片', ['aspirin-nsaid']],
  ])('the name %s implies %j', (name, groups) => {
    expect(allergenGroupsOf(name)).toEqual(groups);
    expect(drugAllergenGroups({ generic: { 'zh-CN': name, en: '' }, allergenGroups: [] })).toEqual(groups);
  });

  it('every synonym names a source', () => {
    for (const synonym of allergenSynonyms) expect(synonym.source.length).toBeGreaterThan(5);
  });
});
