import { describe, expect, it } from 'vitest';
import { outpatientNoErrors, outpatientNoWriteErrors } from '../patients/outpatientNo';
import { blockOf, needsTopUp, remaining, takeNext, type NumberBlock } from './blocks';
import { leaseRequestSchema } from './protocol';
import { dayAfter, formatNumber, isSeriesDay, parseNumber, seriesMax } from './series';

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
    expect(seriesMax('walkInTicket')).toBe(999);
    expect(seriesMax('spareTicket')).toBe(999_999);
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
    ['another series only', [block(1, 100, 1, { series: 'spareTicket' })]],
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

describe('queue tickets from daily blocks', () => {
  const ticketBlock = (day: string, first: number, last: number, next = first): NumberBlock =>
    block(first, last, next, { series: 'walkInTicket', prefix: 'W', day, leaseId: `w-${day}-${first}` });

  it('prints short tickets with the series letter and reads them back', () => {
    expect(formatNumber('walkInTicket', 'W', 1)).toBe('W001');
    expect(formatNumber('bookingTicket', 'A', 12)).toBe('A012');
    expect(formatNumber('spareTicket', 'X', 42)).toBe('X000042');
    expect(parseNumber('walkInTicket', 'W021')).toEqual({ prefix: 'W', value: 21 });
    expect(parseNumber('walkInTicket', 'W000')).toBeNull();
  });

  it('takes only from the block of the day asked for: each day starts again', () => {
    const blocks = [ticketBlock('2026-12-07', 1, 20, 21), ticketBlock('2026-12-08', 1, 20)];
    expect(takeNext(blocks, 'walkInTicket', { day: '2026-12-07' })).toBeNull();
    expect(takeNext(blocks, 'walkInTicket', { day: '2026-12-08' })?.number).toBe('W001');
    expect(takeNext(blocks, 'walkInTicket', { day: '2026-12-09' })).toBeNull();
    expect(takeNext(blocks, 'walkInTicket')).toBeNull();
    expect(remaining(blocks, 'walkInTicket', '2026-12-08')).toBe(20);
    expect(remaining(blocks, 'walkInTicket', '2026-12-07')).toBe(0);
    // Low water for walk-in tickets is 5.
    expect(needsTopUp([ticketBlock('2026-12-08', 1, 20, 16)], 'walkInTicket', '2026-12-08')).toBe(false);
    expect(needsTopUp([ticketBlock('2026-12-08', 1, 20, 17)], 'walkInTicket', '2026-12-08')).toBe(true);
  });

  it('skips tickets already held and moves past them, into the next block when needed', () => {
    const blocks = [ticketBlock('2026-12-08', 41, 43), ticketBlock('2026-12-08', 1, 2)];
    const taken = new Set(['W001', 'W002', 'W041']);
    const first = takeNext(blocks, 'walkInTicket', { day: '2026-12-08', taken })!;
    expect(first.number).toBe('W042');
    expect(first.block).toMatchObject({ first: 41, next: 43 });
  });

  it('finds the block of a ticket only on its day', () => {
    const blocks = [ticketBlock('2026-12-07', 1, 20), ticketBlock('2026-12-08', 21, 40)];
    expect(blockOf(blocks, 'walkInTicket', 'W005', '2026-12-07')?.day).toBe('2026-12-07');
    expect(blockOf(blocks, 'walkInTicket', 'W005', '2026-12-08')).toBeUndefined();
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-07', 3, '2026-12-10'],
  ])('counts days: %s + %i is %s', (day, n, after) => expect(dayAfter(day, n)).toBe(after));

  it.each([
    ['2026-12-07', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['20261207', false],
  ])('reads %s as a day: %s', (day, ok) => expect(isSeriesDay(day)).toBe(ok));

  it.each([
    ['a ticket lease without its day', { series: 'walkInTicket', deskId: 'desk-aaaaaaaa' }, false],
    [
      'a ticket lease for a day',
      { series: 'walkInTicket', deskId: 'desk-aaaaaaaa', day: '2026-12-08' },
      true,
    ],
    [
      'an outpatient lease naming a day',
      { series: 'outpatient', deskId: 'desk-aaaaaaaa', day: '2026-12-08' },
      false,
    ],
    ['a spare ticket lease', { series: 'spareTicket', deskId: 'desk-aaaaaaaa' }, true],
    [
      'a day that does not exist',
      { series: 'bookingTicket', deskId: 'desk-aaaaaaaa', day: '2026-02-30' },
      false,
    ],
  ])('accepts %s: %s', (_, request, ok) => expect(leaseRequestSchema.safeParse(request).success).toBe(ok));
});
