/**
 * Lock on reload: a page reloaded while someone is signed in opens on the lock screen of that
 * person (their name shown, only the password typed), not on the full sign-in, and returns to the
 * page that was open (the route is in the URL's hash, which a reload keeps).
 *
 * What is kept, and where: in the tab's sessionStorage, a MARK naming who is signed in here
 * (`{ username, staffId, orgId }`), written on every change of the session and removed at sign-out.
 * No token, no password, no key: the session's tokens and the opened desk credential live in
 * memory only and die with the page, as before. Why sessionStorage: it belongs to one tab, survives
 * a reload (and a crash of the page, whose reload is a reload too), and is gone when the tab
 * closes; localStorage would be shared with every other tab and kept for good.
 *
 * Why this gives nobody anything: the mark opens nothing. The lock screen shows the name from the
 * person's offline verifier (./verifier.ts), which must exist and belong to the marked staff
 * member and organisation, and unlocking is the lock screen's own unlock
 * ({@link SessionController.unlock}): the password checked against that verifier (counting towards
 * its lockout), then a fresh platform sign-in, or, when the platform cannot be reached, an offline
 * session that reconnects with the desk credential the password unsealed. Someone who edits the mark
 * to name another person only gets that person's lock screen, which wants that person's password;
 * another person at the desk signs the marked one out from the lock screen and signs in.
 *
 * Only a load the browser reports as a reload resumes (Navigation Timing's `type`). A new tab, the
 * address typed again, or a tab brought back after it was closed (some browsers copy or restore a
 * tab's sessionStorage with it) gets the full sign-in, and the mark goes.
 *
 * Electron alike: its window's sessionStorage also survives `webContents.reload()` (the menu's
 * reload) and goes with the window, so the renderer needs nothing of main.
 */
import { z } from 'zod';
import type { SessionState } from './session';
import { normaliseUsername, profileOf, type Profile, type VerifierStore } from './verifier';

const markKey = 'clinicdesk.auth.reloadLock';

const markSchema = z
  .object({
    version: z.literal(1),
    username: z.string().min(1).max(64),
    staffId: z.string().min(1).max(200),
    orgId: z.string().min(1).max(200),
  })
  .strict();
export type ReloadMark = z.infer<typeof markSchema>;

/** The mark for `state`: who is signed in (active or locked); null when nobody is. */
export function markOf(state: SessionState): ReloadMark | null {
  if (state.status === 'signedOut') return null;
  const { username, staff, organisation } = state.status === 'active' ? state.session : state.profile;
  return { version: 1, username, staffId: staff.id, orgId: organisation.id };
}

/**
 * Whether this page was loaded by a reload: Navigation Timing's type of the document's navigation
 * (`reload`; not `navigate`, `back_forward` or `prerender`). False where the browser does not say.
 */
export function pageWasReloaded(
  timing: Pick<Performance, 'getEntriesByType'> | undefined = globalThis.performance,
): boolean {
  const [entry] = (timing?.getEntriesByType('navigation') ?? []) as PerformanceNavigationTiming[];
  return entry?.type === 'reload';
}

/** The tab's mark of who is signed in, and the lock a reload opens on. */
export class ReloadLock {
  /**
   * @param storage the tab's sessionStorage (any Storage in tests)
   * @param reloaded whether this page was loaded by a reload ({@link pageWasReloaded})
   */
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly reloaded: boolean,
  ) {}

  /**
   * Keeps the mark of `state`, or removes it when nobody is signed in. Storage that refuses (full,
   * blocked) costs only the lock on the next reload: a full sign-in instead.
   */
  remember(state: SessionState): void {
    const mark = markOf(state);
    try {
      if (mark) this.storage.setItem(markKey, JSON.stringify(mark));
      else this.storage.removeItem(markKey);
    } catch (error) {
      console.warn('The lock-on-reload mark could not be kept:', error);
    }
  }

  /**
   * Who the reloaded tab locks for: the profile in their verifier, when the page was reloaded,
   * the mark is well formed and the verifier there is of the marked staff member and organisation.
   * Otherwise null (the full sign-in), and the mark is removed.
   */
  resume(verifiers: Pick<VerifierStore, 'get'>): Profile | null {
    const mark = this.read();
    const record = mark && this.reloaded ? verifiers.get(mark.username) : undefined;
    if (
      mark &&
      record &&
      record.username === normaliseUsername(mark.username) &&
      record.staff.id === mark.staffId &&
      record.organisation.id === mark.orgId
    )
      return profileOf(record);
    this.remember({ status: 'signedOut' });
    return null;
  }

  private read(): ReloadMark | null {
    try {
      const parsed = markSchema.safeParse(JSON.parse(this.storage.getItem(markKey) ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
