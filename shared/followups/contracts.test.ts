import { describe, expect, it } from 'vitest';
import {
  activeContractOf,
  contractCollisions,
  contractStatusOn,
  defaultContractEnd,
  expiringWithin,
  formatAgreementNo,
  inForceOn,
  panelOf,
  renewalStart,
} from './contracts';
import { sampleContract } from './testing';

describe('a contract’s status on a day', () => {
  const contract = sampleContract('c1', 'p1').contract;
  it.each([
    ['the first day', '2026-01-01', 'active', true],
    ['the last day', '2026-12-31', 'active', true],
    ['the day after the last day', '2027-01-01', 'expired', false],
    ['the day before it starts', '2025-12-31', 'active', false],
  ])('on %s (%s) it is %s, in force: %s', (_, day, status, inForce) => {
    expect(contractStatusOn(contract, day)).toBe(status);
    expect(inForceOn(contract, day)).toBe(inForce);
  });
  it.each([
    ['renewed', '2027-06-01'],
    ['terminated', '2026-06-01'],
  ] as const)('stays %s whatever the day', (status, day) => {
    expect(contractStatusOn({ ...contract, status }, day)).toBe(status);
    expect(inForceOn({ ...contract, status }, '2026-03-01')).toBe(false);
  });
});

describe('terms and numbers', () => {
  it.each([
    ['2026-12-07', '2027-12-06'],
    ['2026-01-01', '2026-12-31'],
    ['2028-02-29', '2029-02-28'],
  ])('a term starting %s ends %s', (start, end) => {
    expect(defaultContractEnd(start)).toBe(end);
  });
  it('renews from the day after the last day, or from today once it has expired', () => {
    expect(renewalStart({ endDate: '2026-12-31' }, '2026-12-10')).toBe('2027-01-01');
    expect(renewalStart({ endDate: '2026-12-31' }, '2027-02-03')).toBe('2027-02-03');
  });
  it('numbers agreements by day and sequence', () => {
    expect(formatAgreementNo('2026-12-07', 1)).toBe('QY-20261207-0001');
  });
});

describe('contracts expiring within 30 days', () => {
  const c = sampleContract('c1', 'p1', { endDate: '2026-12-31' });
  it.each([
    ['31 days before the end', '2026-11-30', false],
    ['30 days before the end', '2026-12-01', true],
    ['on the last day', '2026-12-31', true],
    ['the day after the last day', '2027-01-01', false],
  ])('%s: %s', (_, today, expiring) => {
    expect(expiringWithin(c, today)).toBe(expiring);
  });
  it('is not listed once renewed, even before the old one is marked renewed', () => {
    const renewal = sampleContract('c2', 'p1', {
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      renewsContractId: 'c1',
    });
    expect(expiringWithin(c, '2026-12-20', 30, [c, renewal])).toBe(false);
  });
});

describe('one active contract per resident', () => {
  it('finds two overlapping active contracts signed on two desks, oldest first', () => {
    const a = sampleContract('c-a', 'p1', {}, { createdAt: '2026-03-01T09:00:00Z' });
    const b = sampleContract(
      'c-b',
      'p1',
      { startDate: '2026-03-01', endDate: '2027-02-28' },
      { createdAt: '2026-03-01T08:00:00Z' },
    );
    const other = sampleContract('c-c', 'p2');
    expect(contractCollisions([a, b, other], '2026-03-02')).toEqual([
      { patientId: 'p1', contractIds: ['c-b', 'c-a'] },
    ]);
  });
  it('does not count a renewal that follows the old term, a terminated contract or an expired one', () => {
    const old = sampleContract('c1', 'p1');
    const renewal = sampleContract('c2', 'p1', {
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      renewsContractId: 'c1',
    });
    const ended = sampleContract('c3', 'p1', { status: 'terminated', terminationReason: '迁出' });
    expect(contractCollisions([old, renewal, ended], '2026-12-15')).toEqual([]);
    const expired = sampleContract('c4', 'p2', { startDate: '2025-01-01', endDate: '2025-12-31' });
    const current = sampleContract('c5', 'p2');
    expect(contractCollisions([expired, current], '2026-02-01')).toEqual([]);
  });
  it('gives a resident’s contract in force and a doctor’s panel', () => {
    const mine = sampleContract('c1', 'p1');
    const theirs = sampleContract('c2', 'p2', {
      team: { ...mine.contract.team, doctorId: 'staff-doc02', name: '王医生团队' },
    });
    const expired = sampleContract('c3', 'p3', { startDate: '2025-01-01', endDate: '2025-12-31' });
    expect(activeContractOf([mine, theirs], 'p1', '2026-06-01')?.id).toBe('c1');
    expect(activeContractOf([mine], 'p1', '2027-01-01')).toBeNull();
    expect(panelOf([mine, theirs, expired], 'staff-doc01', '2026-06-01')).toEqual(['p1']);
  });
});
