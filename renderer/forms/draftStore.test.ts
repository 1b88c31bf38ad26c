/**
 * Form drafts on the desk: kept per person and form, never shown to another person at the same
 * desk, gone at that person's sign-out and when the organisation's data is cleared; restoring one
 * over a record that changed meanwhile takes only what the person changed.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../auth/session';
import { VerifierStore } from '../auth/verifier';
import { databaseNameFor } from '../app/Workspace';
import { clearOrganisationData } from '../db/localData';
import { clearDraftsOf, personOf, whoSignedOut } from './clearDrafts';
import {
  differs,
  draftsDatabaseName,
  draftsOf,
  DraftStore,
  restoreDraft,
  type FormDraft,
} from './draftStore';

let run = 0;
const freshName = () => `clinicdesk-drafts-test-${++run}`;

const draft = (values: Record<string, unknown>, base: Record<string, unknown> = {}): FormDraft => ({
  base,
  values,
  savedAt: '2026-03-02T08:00:00.000Z',
});

const databaseNames = async () => (await indexedDB.databases()).map((info) => info.name);

describe('the draft store', () => {
  it('keeps a draft per person and form, and never hands one person another’s', async () => {
    const store = new DraftStore(freshName());
    await store.put('staff-reg01', 'patients.register', draft({ name: '王秀英' }));
    await store.put('staff-reg01', 'patients.edit:p1', draft({ name: '李建国' }));

    expect((await store.get('staff-reg01', 'patients.register'))?.values).toEqual({ name: '王秀英' });
    expect((await store.get('staff-reg01', 'patients.edit:p1'))?.values).toEqual({ name: '李建国' });
    // The next person at the desk opens the same form: nothing of the first person's.
    expect(await store.get('staff-nurse01', 'patients.register')).toBeUndefined();

    // A later keep replaces the last one.
    await store.put('staff-reg01', 'patients.register', draft({ name: '王秀英', mobile: '13800138000' }));
    expect((await store.get('staff-reg01', 'patients.register'))?.values).toEqual({
      name: '王秀英',
      mobile: '13800138000',
    });

    // Saved or discarded: gone.
    await store.remove('staff-reg01', 'patients.register');
    expect(await store.get('staff-reg01', 'patients.register')).toBeUndefined();
    expect(await store.get('staff-reg01', 'patients.edit:p1')).toBeDefined();
    store.close();
  });

  it('clears every draft of one person and only theirs', async () => {
    const store = new DraftStore(freshName());
    await store.put('staff-a', 'patients.register', draft({ name: 'A' }));
    await store.put('staff-a', 'patients.edit:p1', draft({ name: 'A1' }));
    await store.put('staff-b', 'patients.register', draft({ name: 'B' }));

    expect(await store.clearUser('staff-a')).toBe(2);
    expect(await store.get('staff-a', 'patients.register')).toBeUndefined();
    expect(await store.get('staff-a', 'patients.edit:p1')).toBeUndefined();
    expect((await store.get('staff-b', 'patients.register'))?.values).toEqual({ name: 'B' });
    store.close();
  });

  it('keeps each organisation’s drafts in its own database', async () => {
    const [a, b] = [freshName(), freshName()];
    await new DraftStore(a).put('staff-x', 'patients.register', draft({ name: 'A' }));
    expect(await new DraftStore(b).get('staff-x', 'patients.register')).toBeUndefined();
    expect(await databaseNames()).toContain(draftsDatabaseName(a));
  });
});

describe('signing out and clearing the desk', () => {
  const organisation = (id: string) => ({ id, name: id, kind: 'chc' as const });
  const staff = (id: string) => ({ id, displayName: id, role: 'registrar' as const });
  const locked = (staffId: string, orgId: string): SessionState => ({
    status: 'locked',
    profile: { username: staffId, staff: staff(staffId), organisation: organisation(orgId) },
    reason: 'manual',
  });

  it('names the person who signed out, and nobody for a reload, a lock or an unlock', () => {
    const a = personOf(locked('staff-a', 'org-1'));
    expect(a).toEqual({ orgId: 'org-1', staffId: 'staff-a' });
    expect(whoSignedOut(a, { status: 'signedOut' })).toEqual(a);
    // A reload starts signed out (or locked) with nobody before it: nothing is cleared.
    expect(whoSignedOut(null, { status: 'signedOut' })).toBeNull();
    expect(whoSignedOut(a, locked('staff-a', 'org-1'))).toBeNull();
  });

  it('clears the signed-out person’s drafts in their organisation only', async () => {
    const orgId = `org-signout-${++run}`;
    const store = draftsOf(databaseNameFor(orgId));
    await store.put('staff-a', 'patients.register', draft({ name: 'A' }));
    await store.put('staff-b', 'patients.register', draft({ name: 'B' }));

    await clearDraftsOf({ orgId, staffId: 'staff-a' });

    expect(await store.get('staff-a', 'patients.register')).toBeUndefined();
    expect(await store.get('staff-b', 'patients.register')).toBeDefined();
  });

  it('deletes the drafts with the rest of the organisation’s data, even while the store is open', async () => {
    const orgId = `org-clear-${++run}`;
    const name = databaseNameFor(orgId);
    const store = draftsOf(name);
    await store.put('staff-a', 'patients.register', draft({ name: 'A' }));
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
      key: (index: number) => [...items.keys()][index] ?? null,
      get length() {
        return items.size;
      },
    };

    const result = await clearOrganisationData(orgId, name, {
      storage,
      verifiers: new VerifierStore(storage),
    });

    expect(result).toEqual({ cleared: true });
    expect(await databaseNames()).not.toContain(draftsDatabaseName(name));
    // The page's store opens again, empty.
    expect(await store.get('staff-a', 'patients.register')).toBeUndefined();
  }, 30_000);
});

describe('restoring a draft', () => {
  it('takes what the person changed over the record as it is now', () => {
    const base = { name: '王秀英', mobile: '13800138000', community: '一居委' };
    // The person changed the mobile; meanwhile another desk changed the community.
    const kept = draft({ ...base, mobile: '13900139000' }, base);
    const now = { ...base, community: '二居委' };

    expect(restoreDraft(now, kept)).toEqual({ name: '王秀英', mobile: '13900139000', community: '二居委' });
  });

  it('tells a draft with changes from one without (absent equals empty)', () => {
    expect(differs({ name: '', mobile: undefined }, { name: '', mobile: null })).toBe(false);
    expect(differs({ allergies: ['青霉素'] }, { allergies: [] })).toBe(true);
    expect(differs({ birthDate: '1980-01-02' }, { birthDate: null })).toBe(true);
  });
});
