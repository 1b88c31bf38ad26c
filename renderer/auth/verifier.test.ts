import { describe, expect, it } from 'vitest';
import { fakeAccount } from '../platform/testing';
import { memoryStorage } from './memoryStorage';
import {
  checkVerifier,
  createVerifier,
  defaultIterations,
  lockMinutes,
  maxFailedAttempts,
  minIterations,
  VerifierStore,
  type Profile,
} from './verifier';

const profile: Profile = {
  username: ' REG01 ',
  staff: fakeAccount.staff,
  organisation: fakeAccount.organisation,
};
const password = fakeAccount.password;

describe('createVerifier / checkVerifier', () => {
  it('accepts the password it was made from and nothing else', async () => {
    const record = await createVerifier(profile, password);
    expect(record.iterations).toBe(defaultIterations);
    expect(defaultIterations).toBeGreaterThanOrEqual(210_000);
    expect(record.username).toBe('reg01');
    expect(await checkVerifier(record, password)).toBe(true);
    expect(await checkVerifier(record, 'Demo@2025')).toBe(false);
    expect(await checkVerifier(record, '')).toBe(false);
  });

  it('holds no password, and a new salt every time', async () => {
    const a = await createVerifier(profile, password, { iterations: minIterations });
    const b = await createVerifier(profile, password, { iterations: minIterations });
    expect(JSON.stringify(a)).not.toContain(password);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('refuses a summary edited after the fact (a registrar made admin)', async () => {
    const record = await createVerifier(profile, password, { iterations: minIterations });
    const forged = { ...record, staff: { ...record.staff, role: 'admin' as const } };
    expect(await checkVerifier(forged, password)).toBe(false);
  });
});

describe('VerifierStore', () => {
  const make = async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    const storage = memoryStorage();
    const store = new VerifierStore(storage, () => now);
    store.save(await createVerifier(profile, password, { iterations: minIterations }));
    return { store, storage, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
  };

  it('finds a verifier by username as the platform matches it', async () => {
    const { store } = await make();
    expect(store.get('Reg01')?.staff.displayName).toBe('王丽华');
    expect(await store.check(' reg01', password)).toEqual({
      ok: true,
      profile: { username: 'reg01', staff: fakeAccount.staff, organisation: fakeAccount.organisation },
    });
    expect(await store.check('doc01', password)).toEqual({ ok: false, reason: 'noVerifier' });
    store.remove('REG01');
    expect(store.get('reg01')).toBeUndefined();
  });

  it(`locks for ${lockMinutes} minutes after ${maxFailedAttempts} wrong passwords in a row`, async () => {
    const { store, advance } = await make();
    for (let i = 1; i < maxFailedAttempts; i++)
      expect(await store.check('reg01', `wrong${i}`)).toEqual({ ok: false, reason: 'wrongPassword' });
    expect(await store.check('reg01', 'wrong')).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: lockMinutes * 60,
    });
    // Even the right password waits out the lock.
    advance(60_000);
    expect(await store.check('reg01', password)).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: (lockMinutes - 1) * 60,
    });
    advance(lockMinutes * 60_000);
    expect((await store.check('reg01', password)).ok).toBe(true);
  });

  it('clears the failure count on success', async () => {
    const { store } = await make();
    for (let i = 1; i < maxFailedAttempts; i++) await store.check('reg01', 'wrong');
    expect((await store.check('reg01', password)).ok).toBe(true);
    expect(store.get('reg01')?.failedAttempts).toBe(0);
    expect(await store.check('reg01', 'wrong')).toEqual({ ok: false, reason: 'wrongPassword' });
  });

  it('ignores damaged and weak records', async () => {
    const storage = memoryStorage();
    const weak = await createVerifier(profile, password, { iterations: 1000 });
    storage.setItem('clinicdesk.auth.verifiers', JSON.stringify({ reg01: weak, doc01: { version: 1 } }));
    expect(new VerifierStore(storage).get('reg01')).toBeUndefined();
    storage.setItem('clinicdesk.auth.verifiers', 'not json');
    expect(new VerifierStore(storage).get('reg01')).toBeUndefined();
  });
});
