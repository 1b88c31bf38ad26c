import { describe, expect, it } from 'vitest';
import { outpatientNoErrors, outpatientNoWriteErrors } from '../patients/outpatientNo';
import { blockOf, needsTopUp, remaining, takeNext, type NumberBlock } from './blocks';
import { formatNumber, parseNumber, seriesMax } from './series';

const block = (first: number, last: number, next = first, extra: Partial<NumberBlock> = {}): NumberBlock => ({
  leaseId: `lease-${first}`,
  series: 'outpatient',
  prefix: 'SQ',
  first,
  last,
  next,
  leasedAt: '2026-11-01T00:00:00.000Z',
  ...extra,
});

describe('number format', () => {
  it.each([
    ['SQ', 1, 'SQ00000001'],
    ['SQ', 99_999_999, 'SQ99999999'],
    ['', 123, '00000123'],
    ['A1B2C3', 42, 'A1B2C300000042'],
  ])('prints %s + %i as %s and reads it back', (prefix, value, printed) => {
    expect(formatNumber('outpatient', prefix, value)).toBe(printed);
    expect(parseNumber('outpatient', printed)).toEqual({ prefix, value });
  });

  it.each(['SQ0000001', 'sq00000001', 'SQ-00000001', 'ABCDEFG00000001', 'SQ00000000', '', 'SQ'])(
    'does not read %j as an outpatient number',
    (text) => expect(parseNumber('outpatient', text)).toBeNull(),
  );

  it('ends each series at its digits', () => {
    expect(seriesMax('outpatient')).toBe(99_999_999);
    expect(seriesMax('ticket')).toBe(999_999);
  });
});

describe('taking numbers from blocks', () => {
  it('takes from the lowest usable block, one value after the other', () => {
    const blocks = [block(201, 300), block(1, 100, 99)];
    const first = takeNext(blocks, 'outpatient')!;
    expect(first.number).toBe('SQ00000099');
    expect(first.block.next).toBe(100);
    const second = takeNext([blocks[0]!, first.block], 'outpatient')!;
    expect(second.number).toBe('SQ00000100');
    const third = takeNext([blocks[0]!, second.block], 'outpatient')!;
    expect(third.number).toBe('SQ00000201');
  });

  it.each([
    ['no blocks', [] as NumberBlock[]],
    ['a used-up block', [block(1, 100, 101)]],
    ['a retired block', [block(1, 100, 50, { retiredAt: '2026-11-02T00:00:00.000Z' })]],
    ['another series only', [block(1, 100, 1, { series: 'ticket' })]],
  ])('gives nothing from %s', (_, blocks) => {
    expect(takeNext(blocks, 'outpatient')).toBeNull();
    expect(remaining(blocks, 'outpatient')).toBe(0);
  });

  // Low water for outpatient numbers is 100: the desk tops up below it.
  it.each([
    [[block(1, 100, 2)], 99, true],
    [[block(1, 100, 1)], 100, false],
    [[block(1, 100, 51), block(101, 200, 151)], 100, false],
    [[block(1, 100, 52), block(101, 200, 151)], 99, true],
  ])('counts what is left and when to top up (%#)', (blocks, left, topUp) => {
    expect(remaining(blocks, 'outpatient')).toBe(left);
    expect(needsTopUp(blocks, 'outpatient')).toBe(topUp);
  });

  it('finds the block a number came from', () => {
    const blocks = [block(1, 100), block(101, 200)];
    expect(blockOf(blocks, 'outpatient', 'SQ00000100')?.first).toBe(1);
    expect(blockOf(blocks, 'outpatient', 'SQ00000101')?.first).toBe(101);
    expect(blockOf(blocks, 'outpatient', 'SQ00000201')).toBeUndefined();
    expect(blockOf(blocks, 'outpatient', 'EY00000001')).toBeUndefined();
  });
});

describe('a resident’s outpatient number', () => {
  it.each([
    [undefined, []],
    ['SQ00000001', []],
    ['SQ0000001', [{ field: 'outpatientNo', code: 'outpatientNoFormat' }]],
  ])('checks the format of %j', (outpatientNo, errors) => {
    expect(outpatientNoErrors(outpatientNo === undefined ? {} : { outpatientNo })).toEqual(errors);
  });

  it.each([
    ['a new record', 'SQ00000001', undefined, []],
    ['a first number on a record without one', 'SQ00000001', {}, []],
    ['the same number again', 'SQ00000001', { outpatientNo: 'SQ00000001' }, []],
    ['another number', 'SQ00000002', { outpatientNo: 'SQ00000001' }, ['outpatientNoChanged']],
    ['no number any more', undefined, { outpatientNo: 'SQ00000001' }, ['outpatientNoChanged']],
  ])('on the platform, allows %s only when the number stays', (_, next, previous, codes) => {
    const errors = outpatientNoWriteErrors(next === undefined ? {} : { outpatientNo: next }, previous);
    expect(errors.map((e) => e.code)).toEqual(codes);
  });
});
