import { describe, expect, it } from 'vitest';
import { newEncounterDraft } from '../encounters/draft';
import { validateEncounterDraft } from '../encounters/rules';
import { validatePatient } from '../patients/rules';
import * as testing from '../testing/patients';
import { hasRefusedCharacter, isDateOutOfRange, textErrors, textErrorsByField } from './text';

describe('the shared text rule', () => {
  it('refuses NUL, other control characters and lone surrogates, in any position', () => {
    for (const bad of [
      'a\u0000b',
      '\u0001',
      'x\u001b[31m',
      '\u007f',
      '\u0085',
      'end\uD800',
      '\uDC00start',
      '\uDBFFx',
    ])
      expect(hasRefusedCharacter(bad), JSON.stringify(bad)).toBe(true);
  });

  it('keeps line breaks, tabs, Chinese text and characters outside the BMP', () => {
    for (const good of ['第一行\n第二行\r\n', 'a\tb', '张三·阿布都', '𠮷野家 😀', '', '—“”'])
      expect(hasRefusedCharacter(good), JSON.stringify(good)).toBe(false);
  });

  it('refuses dates and instants outside the years 0001–9999, and only those', () => {
    for (const bad of [
      '0000-01-01',
      '0000-01-01T00:00:00.000Z',
      '10000-01-01T00:00:00.000Z',
      '+010000-01-01T00:00:00.000Z',
      '-000001-01-01T00:00:00Z',
      '9999-12-31T23:30:00-02:00',
      '0001-01-01T00:30:00+08:00',
    ])
      expect(isDateOutOfRange(bad), bad).toBe(true);
    for (const good of [
      '0001-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2026-11-23',
      '2026-11-23T09:30:00+08:00',
      '血压 2026-11-23 复查',
      '120101198001010012',
    ])
      expect(isDateOutOfRange(good), good).toBe(false);
  });

  it('walks every string of a document, keys included, and names each offending path', () => {
    const doc = {
      id: 'a',
      name: '张三',
      address: { detail: '幸福路\u0000 1 号', community: 'ok' },
      diagnoses: [{ name: { zh: '高血压', en: 'x\uD800' } }],
      details: { ['k\u0000']: 1 },
      at: '0000-01-01T00:00:00Z',
      count: 3,
      flag: null,
    };
    expect(textErrors(doc)).toEqual([
      { field: 'address.detail', code: 'invalidCharacter' },
      { field: 'diagnoses.0.name.en', code: 'invalidCharacter' },
      { field: 'details', code: 'invalidCharacter' },
      { field: 'at', code: 'dateOutOfRange' },
    ]);
    expect(textErrors({ plan: '一行\n二行\t三' })).toEqual([]);
    expect(textErrors('\u0000')).toEqual([{ field: '(document)', code: 'invalidCharacter' }]);
  });

  it('groups errors by top-level field for forms', () => {
    expect(textErrorsByField({ address: { community: '\u0007', detail: '\uD800' }, name: 'ok' })).toEqual(
      new Map([['address', 'invalidCharacter']]),
    );
  });
});

describe('the shared text rule on hostile shapes', () => {
  it('refuses a document nested far deeper than the call stack, without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(textErrors({ x: deep })).toEqual([{ field: `x${'.0'.repeat(31)}`, code: 'tooDeep' }]);
  });

  it('accepts the nesting real documents have', () => {
    let nested: unknown = '\u0000';
    for (let i = 0; i < 31; i++) nested = [nested];
    expect(textErrors({ x: nested })).toEqual([{ field: `x${'.0'.repeat(31)}`, code: 'invalidCharacter' }]);
  });
});

describe('the forms’ shared checks run the rule', () => {
  const now = new Date('2026-11-23T02:00:00.000Z');

  it('refuses a lone surrogate in a resident’s address and a NUL in their allergies', () => {
    const { samplePatient, emptyAddress } = testing;
    const result = validatePatient(
      {
        ...samplePatient(),
        address: { ...emptyAddress, detail: '幸福路\uD800' },
        allergies: ['青霉素\u0000'],
      },
      now,
    );
    expect(result).toEqual({
      ok: false,
      errors: { address: 'invalidCharacter', allergies: 'invalidCharacter' },
    });
    // Line breaks in the address are still fine.
    expect(
      validatePatient({ ...samplePatient(), address: { ...emptyAddress, detail: '幸福路\n1 号' } }, now).ok,
    ).toBe(true);
  });

  it('refuses a control character in a consultation plan, by its field', () => {
    const draft = newEncounterDraft({
      id: '0190d9a0-0000-7000-8000-00000000e001',
      orgId: 'org-chc',
      patient: testing.samplePatient(),
      previous: [],
      appointmentId: null,
      doctor: { id: 'staff-doc01', name: '张建国' },
      department: '全科',
      at: now.toISOString(),
    });
    expect(validateEncounterDraft({ ...draft, plan: '监测血压\u001b[31m', amendReason: '' })).toEqual([
      { field: 'plan', code: 'invalidCharacter' },
    ]);
    expect(validateEncounterDraft({ ...draft, plan: '监测血压\n\t一周后复诊', amendReason: '' })).toEqual([]);
  });
});
