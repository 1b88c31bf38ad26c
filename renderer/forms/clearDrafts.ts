/**
 * A person's form drafts go when they sign out (from the header or the lock screen), so the next
 * person at a shared desk never meets them. A reload or a crash is no sign-out: the drafts wait
 * for the same person to sign in again.
 */
import { useEffect, useRef } from 'react';
import type { SessionState } from '../auth/session';
import { logFailure } from '../app/failure';
import { databaseNameFor } from '../app/Workspace';
import { draftsOf } from './draftStore';

/** Who was signed in or locked at the desk, by the ids their drafts are kept under. */
export interface Person {
  orgId: string;
  staffId: string;
}

export function personOf(state: SessionState): Person | null {
  if (state.status === 'signedOut') return null;
  const { organisation, staff } = state.status === 'active' ? state.session : state.profile;
  return { orgId: organisation.id, staffId: staff.id };
}

/** Forgets every form draft of `person` on this desk. */
export async function clearDraftsOf({ orgId, staffId }: Person): Promise<void> {
  await draftsOf(databaseNameFor(orgId)).clearUser(staffId);
}

/**
 * Who signed out when the desk moved to `state` from a state of `previous` (null: nobody was
 * there, as after a reload, which signs nobody out).
 */
export function whoSignedOut(previous: Person | null, state: SessionState): Person | null {
  return state.status === 'signedOut' ? previous : null;
}

/** Watches the desk's session: when the person at it signs out, their drafts are cleared. */
export function useDraftsClearedAtSignOut(state: SessionState): void {
  const last = useRef<Person | null>(null);
  useEffect(() => {
    const leaving = whoSignedOut(last.current, state);
    last.current = personOf(state);
    if (leaving)
      clearDraftsOf(leaving).catch((error: unknown) => logFailure('Form drafts not cleared', error));
  }, [state]);
}
