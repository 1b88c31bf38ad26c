/**
 * Who is signed in at this desk, kept in memory (only a mark of who, no secret, outlives a
 * reload). A small observable state machine (CONVENTIONS §8: state in a class, React reads it
 * through context):
 *
 *   signedOut ──signIn──▶ active ──lock (idle, button, session ended)──▶ locked
 *       ▲                   │  ▲                                          │
 *       └─────signOut───────┘  └──────────────unlock (password)───────────┘
 *
 * Sign-in asks the platform first. When it answers, that answer stands (wrong password, locked,
 * outdated client…); on success the desk stores an offline verifier (./verifier.ts). When it
 * cannot be reached, the verifier decides, and the session is marked offline: no client, no tokens.
 *
 * Locking and signing out drop the session object and its tokens (the refresh token is revoked on
 * the platform when it can be reached). The lock state keeps only the profile (who, which
 * organisation) so the lock screen can say whose desk it is; unlocking checks the password
 * against the verifier locally, then signs in to the platform again for fresh tokens, falling back
 * to an offline session when the platform cannot be reached.
 *
 * An offline session reconnects by itself: an online sign-in leaves the person's desk credential
 * sealed in the verifier (./verifier.ts), the offline sign-in or unlock that opens the verifier
 * hands it to the controller (memory only), and the controller tries to exchange it for a platform
 * session, backing off with jitter, until the platform answers; the session then turns online and
 * sync starts. Signing out or locking stops the tries; a refusal (credential revoked, account
 * disabled, password changed) drops the sealed credential and leaves 连接平台 with the password.
 *
 * A reloaded page starts locked (reason `reload`) for the person the tab's mark names, and unlocks
 * the same way (./reloadLock.ts says what the mark holds and why it is safe).
 */
import type { PlatformKey } from '../../shared/clinical/seal';
import type { LoginResponse, OrganisationSummary, StaffSummary } from '../../shared/platform/auth';
import { logFailure } from '../app/failure';
import { operatorOf, type Operator } from '../app/operator';
import { isOffline, PlatformClient, PlatformError } from '../platform/client';
import type { ReloadLock } from './reloadLock';
import {
  createVerifier,
  normaliseUsername,
  type DeskCredential,
  type Profile,
  type VerifierStore,
} from './verifier';

/** A signed-in person at this desk. Immutable: every change makes a new object. */
export interface Session {
  username: string;
  staff: StaffSummary;
  organisation: OrganisationSummary;
  /** The staff member as the screens stamp records with. */
  operator: Operator;
  /** True when signed in against the platform (the client holds tokens). */
  online: boolean;
  /** The platform connection, null when signed in offline. */
  client: PlatformClient | null;
  /** The platform this desk talks to, null when none is configured. */
  platformUrl: string | null;
  /**
   * The platform's public keys, to verify its seals on signed records: from the sign-in answer,
   * or from the verifier when signed in offline ([] when the platform never sent any).
   */
  platformKeys: PlatformKey[];
}

/** Why the desk is locked; `reload`: the page was reloaded while someone was signed in (./reloadLock.ts). */
export type LockReason = 'idle' | 'manual' | 'sessionEnded' | 'reload';

export type SessionState =
  | { status: 'signedOut' }
  | { status: 'active'; session: Session }
  | { status: 'locked'; profile: Profile; reason: LockReason };

/**
 * Why a sign-in or unlock failed: a platform or client code (`auth.invalidCredentials`,
 * `auth.locked`, `request.rateLimited`, `client.outdated`, `network.offline`, …), an offline one
 * (`offline.wrongPassword`, `offline.locked`, `offline.noVerifier`, `platform.notConfigured`), or
 * an unlock one (`unlock.wrongPassword`; `unlock.passwordChanged`: the verifier took the password,
 * the platform did not).
 */
export class SignInError extends Error {
  constructor(
    readonly code: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
    this.name = 'SignInError';
  }
}

export interface SessionControllerOptions {
  platformUrl: string | null;
  verifiers: VerifierStore;
  /** Builds the platform client of a session (tests pass one over a fake fetch). */
  createClient?: (options: ConstructorParameters<typeof PlatformClient>[0]) => PlatformClient;
  /** PBKDF2 iterations of new verifiers (tests lower it). */
  verifierIterations?: number;
  /** The desk's clock (tests and e2e move it); the re-authentication window is measured by it. */
  now?: () => Date;
  /** This desk's own random id, sent at sign-in (see {@link deskIdOf}). */
  deskId?: string;
  /**
   * Back-off of an offline session's tries to reconnect with its desk credential, in milliseconds
   * (default 2 s doubling to 60 s; each wait is drawn between half and all of it).
   */
  reconnectBackoff?: { initialMs: number; maxMs: number };
  /**
   * The tab's mark of who is signed in (./reloadLock.ts): kept on every change, and a reloaded
   * page starts locked for the person it names.
   */
  reloadLock?: ReloadLock;
}

const deskIdKey = 'clinicdesk.deskId';

/**
 * This desk's one identity, made once (random) and kept in `storage` (localStorage in the app).
 * It is sent at sign-in and bound into the session's token: the platform tracks each desk's last
 * contact per person with it, to judge the times of acts made offline, and records the desk's
 * number leases under it (renderer/numbers/deskNumbers.ts takes it from the session).
 *
 * Why localStorage and not beside the data in IndexedDB: the id is needed, synchronously, before
 * anyone signs in and before any organisation's database is open, and it names the desk, not one
 * organisation's data on it. Wiping IndexedDB alone keeps the id, and the platform rightly goes on
 * treating it as the same desk: numbers stay unique regardless (the platform never re-issues a
 * leased value, whichever id asks), and its contact record stays strict. A desk whose id is lost
 * gets a new random one; ids are never derived from anything two desks could share.
 */
export function deskIdOf(storage: Pick<Storage, 'getItem' | 'setItem'>): string {
  const known = storage.getItem(deskIdKey);
  if (known && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
  const made = `desk-${crypto.randomUUID()}`;
  storage.setItem(deskIdKey, made);
  return made;
}

type Listener = (state: SessionState) => void;

/** Platform answers that keep a locked desk locked rather than unlocking it offline. */
const lockedOut = new Set(['auth.locked', 'auth.accountDisabled']);

export class SessionController {
  private current: SessionState = { status: 'signedOut' };
  private readonly listeners = new Set<Listener>();
  /**
   * When the signed-in person last proved their password at this desk (sign-in, unlock,
   * reconnect or a confirmation before signing), by {@link now}. Kept outside the session object
   * so a confirmation does not look like a new sign-in to the screens.
   */
  private confirmed: { staffId: string; at: string } | null = null;
  /** Stops the running reconnect tries of an offline session (see {@link autoReconnect}). */
  private stopReconnecting: (() => void) | null = null;

  constructor(private readonly options: SessionControllerOptions) {
    const profile = options.reloadLock?.resume(options.verifiers);
    if (profile) this.current = { status: 'locked', profile, reason: 'reload' };
  }

  /** The desk's verifiers: who has signed in here, and for which organisation. */
  get verifiers(): VerifierStore {
    return this.options.verifiers;
  }

  /** The desk's identity sent at sign-in ({@link deskIdOf}), when it was given one. */
  get deskId(): string | undefined {
    return this.options.deskId;
  }

  /** The desk's clock. */
  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** When the active session's person last confirmed their password here; null when never. */
  get confirmedAt(): string | null {
    const state = this.current;
    if (state.status !== 'active' || this.confirmed?.staffId !== state.session.staff.id) return null;
    return this.confirmed.at;
  }

  /**
   * Checks the signed-in person's password again (before signing, a second signature, a void):
   * against the desk's verifier, offline, counting failures towards its lock as the lock screen
   * does. When the desk has no verifier for them (storage cleared) only the platform can say.
   * Resolves with who confirmed and when.
   * @throws SignInError `unlock.wrongPassword`, `offline.locked`, `offline.noVerifier`,
   *   or the platform's code
   */
  async confirmPassword(password: string): Promise<{ staffId: string; at: string }> {
    const state = this.current;
    if (state.status !== 'active') throw new SignInError('auth.required');
    const { username, staff } = state.session;
    const check = await this.options.verifiers.check(username, password);
    if (!check.ok && check.reason === 'noVerifier') {
      const online = await this.tryOnline(username, password);
      if (!online) throw new SignInError('offline.noVerifier');
      void online.client?.logout();
    } else if (!check.ok) {
      throw check.reason === 'locked'
        ? new SignInError('offline.locked', check.retryAfterSeconds)
        : new SignInError('unlock.wrongPassword');
    }
    if (this.current !== state) throw new SignInError('auth.required');
    return this.markConfirmed(staff.id);
  }

  private markConfirmed(staffId: string): { staffId: string; at: string } {
    this.confirmed = { staffId, at: this.now().toISOString() };
    return this.confirmed;
  }

  get state(): SessionState {
    return this.current;
  }

  /** The platform this desk signs in against, null when none is configured. */
  get platformUrl(): string | null {
    return this.options.platformUrl;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: SessionState): void {
    this.stopReconnecting?.();
    this.stopReconnecting = null;
    this.current = state;
    this.options.reloadLock?.remember(state);
    for (const listener of [...this.listeners]) listener(state);
  }

  /**
   * Signs `username` in: online when the platform answers, offline with the desk's verifier when
   * it cannot be reached.
   * @throws SignInError
   */
  async signIn(username: string, password: string): Promise<void> {
    const name = normaliseUsername(username);
    const online = await this.tryOnline(name, password);
    const { session, deskCredential } = online
      ? { session: online, deskCredential: undefined }
      : await this.offline(name, password);
    this.markConfirmed(session.staff.id);
    this.set({ status: 'active', session });
    if (deskCredential) this.autoReconnect(session, deskCredential);
  }

  /**
   * Unlocks with the password of the person who locked: checked against the verifier here, then
   * signed in to the platform for fresh tokens (offline when it cannot be reached).
   * @throws SignInError
   */
  async unlock(password: string): Promise<void> {
    const state = this.current;
    if (state.status !== 'locked') return;
    const { username } = state.profile;
    const check = await this.options.verifiers.check(username, password);
    if (!check.ok && check.reason === 'noVerifier') {
      // Nothing stored to check against (storage was cleared): only the platform can say.
      const online = await this.tryOnline(username, password);
      if (!online) throw new SignInError('offline.noVerifier');
      if (this.current !== state) return void online.client?.logout();
      this.markConfirmed(online.staff.id);
      return this.set({ status: 'active', session: online });
    }
    if (!check.ok)
      throw check.reason === 'locked'
        ? new SignInError('offline.locked', check.retryAfterSeconds)
        : new SignInError('unlock.wrongPassword');
    if (this.current !== state) return;
    const online = await this.tryOnline(username, password).catch((error: unknown) => {
      // The platform knows better than the verifier: a changed password or a locked account
      // keeps the desk locked, and the stale verifier goes.
      if (error instanceof SignInError && error.code === 'auth.invalidCredentials') {
        this.options.verifiers.remove(username);
        throw new SignInError('unlock.passwordChanged');
      }
      if (error instanceof SignInError && lockedOut.has(error.code)) throw error;
      return null; // outdated client, rate limit, platform error: carry on offline
    });
    if (this.current !== state) return void online?.client?.logout();
    const session = online ?? this.offlineSession(check.profile);
    this.markConfirmed(session.staff.id);
    this.set({ status: 'active', session });
    if (!online && check.deskCredential) this.autoReconnect(session, check.deskCredential);
  }

  /**
   * Turns an offline session into an online one once the platform can be reached again.
   * @throws SignInError (`network.offline` when it still cannot be reached)
   */
  async reconnect(password: string): Promise<void> {
    const state = this.current;
    if (state.status !== 'active' || state.session.online) return;
    const online = await this.tryOnline(state.session.username, password);
    if (!online)
      throw new SignInError(this.options.platformUrl ? 'network.offline' : 'platform.notConfigured');
    if (this.current !== state) return void online.client?.logout();
    this.markConfirmed(online.staff.id);
    this.set({ status: 'active', session: online });
  }

  /** Locks the desk: the session and its tokens are dropped; the profile stays for the lock screen. */
  lock(reason: LockReason = 'manual'): void {
    const state = this.current;
    if (state.status !== 'active') return;
    const { username, staff, organisation, client } = state.session;
    void client?.logout();
    this.confirmed = null;
    this.set({ status: 'locked', profile: { username, staff, organisation }, reason });
  }

  /** Signs out: ends the platform session when it can be reached, and forgets who was here. */
  async signOut(): Promise<void> {
    const state = this.current;
    this.confirmed = null;
    this.set({ status: 'signedOut' });
    if (state.status === 'active') await state.session.client?.logout();
  }

  /**
   * Signs in against the platform. Resolves with the session, or null when the platform cannot
   * be reached (or none is configured).
   * @throws SignInError with the platform's code for any other failure
   */
  private async tryOnline(username: string, password: string): Promise<Session | null> {
    const { platformUrl } = this.options;
    if (!platformUrl) return null;
    const client = this.makeClient(platformUrl);
    let response: LoginResponse;
    try {
      response = await client.login(username, password, this.options.deskId);
    } catch (error) {
      if (isOffline(error)) return null;
      // A disabled account must not go on signing in offline with what this desk remembers.
      if (error instanceof PlatformError && error.code === 'auth.accountDisabled')
        this.options.verifiers.remove(username);
      if (error instanceof PlatformError) throw new SignInError(error.code, error.retryAfterSeconds);
      throw error;
    }
    const profile: Profile = {
      username,
      staff: response.staff,
      organisation: response.organisation,
      ...(response.platformKeys ? { platformKeys: response.platformKeys } : {}),
    };
    const deskCredential = await this.issueDeskCredential(client, response, username, password);
    try {
      this.options.verifiers.save(
        await createVerifier(profile, password, {
          iterations: this.options.verifierIterations,
          ...(deskCredential ? { deskCredential } : {}),
        }),
      );
    } catch (error) {
      // Full or blocked storage: online work goes on; offline sign-in will not be possible.
      console.warn('The offline verifier could not be stored:', error);
    }
    return this.sessionOf(profile, client);
  }

  /**
   * The desk credential of a fresh online session, to seal in the verifier; undefined when the
   * desk has no id or the platform gives none (older platform, refused, unreachable): the desk then
   * reconnects only when someone types the password again. A platform that issues credentials
   * only to password sessions and refuses this one leaves the desk with the credential it has
   * sealed: not an error for anyone.
   */
  private async issueDeskCredential(
    client: PlatformClient,
    response: LoginResponse,
    username: string,
    password: string,
  ): Promise<DeskCredential | undefined> {
    const { deskId } = this.options;
    if (!deskId) return undefined;
    try {
      const { secret, expiresAt } = await client.issueDeskCredential();
      return { secret, expiresAt, deskId, staffId: response.staff.id };
    } catch (error) {
      if (error instanceof PlatformError && error.code === 'auth.deskCredentialNeedsPassword') {
        const sealed = await this.options.verifiers.check(username, password);
        return sealed.ok ? sealed.deskCredential : undefined;
      }
      logFailure('No desk credential: this desk will not reconnect by itself', error);
      return undefined;
    }
  }

  /**
   * Tries, until the platform answers or the session changes, to turn the offline `session` into
   * an online one with `credential`. Waits back off with jitter, so the desks of a district do not
   * all knock at once when their platform comes back; the browser's `online` event cuts a wait
   * short.
   */
  private autoReconnect(session: Session, credential: DeskCredential): void {
    const { platformUrl, deskId } = this.options;
    if (!platformUrl || deskId !== credential.deskId || session.staff.id !== credential.staffId) return;
    const abort = new AbortController();
    this.stopReconnecting = () => abort.abort();
    const { initialMs, maxMs } = this.options.reconnectBackoff ?? { initialMs: 2000, maxMs: 60_000 };
    const isCurrent = () =>
      !abort.signal.aborted && this.current.status === 'active' && this.current.session === session;
    void (async () => {
      for (let attempt = 0; isCurrent(); attempt += 1) {
        const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
        await pause(ceiling / 2 + Math.random() * (ceiling / 2), abort.signal);
        if (!isCurrent()) return;
        const outcome = await this.tryDeskSession(session, credential);
        if (outcome === 'refused') return this.options.verifiers.dropDeskCredential(session.username);
        if (outcome === 'retry') continue;
        if (!isCurrent()) return void outcome.client?.logout();
        this.set({ status: 'active', session: outcome });
        return;
      }
    })();
  }

  /** One exchange of the desk credential: the online session, `retry`, or `refused` for good. */
  private async tryDeskSession(
    session: Session,
    credential: DeskCredential,
  ): Promise<Session | 'retry' | 'refused'> {
    const client = this.makeClient(this.options.platformUrl!);
    try {
      const response = await client.openDeskSession({
        secret: credential.secret,
        staffId: credential.staffId,
        deskId: credential.deskId,
      });
      // The platform speaks for the same person, or the desk keeps what it had.
      if (response.staff.id !== session.staff.id) {
        void client.logout();
        return 'refused';
      }
      return this.sessionOf(
        {
          username: session.username,
          staff: response.staff,
          organisation: response.organisation,
          platformKeys: response.platformKeys ?? session.platformKeys,
        },
        client,
      );
    } catch (error) {
      if (error instanceof PlatformError && error.code === 'auth.deskCredentialInvalid') return 'refused';
      // Unreachable, rate-limited, outdated or failing platform: try again later.
      return 'retry';
    }
  }

  private async offline(
    username: string,
    password: string,
  ): Promise<{ session: Session; deskCredential?: DeskCredential }> {
    const check = await this.options.verifiers.check(username, password);
    if (check.ok)
      return { session: this.offlineSession(check.profile), deskCredential: check.deskCredential };
    if (check.reason === 'noVerifier')
      throw new SignInError(this.options.platformUrl ? 'offline.noVerifier' : 'platform.notConfigured');
    throw offlineFailure(check);
  }

  /** A platform client for a session about to open, wired to this controller. */
  private makeClient(platformUrl: string): PlatformClient {
    const make = this.options.createClient ?? ((options) => new PlatformClient(options));
    const client = make({
      baseUrl: platformUrl,
      onRefresh: (response) => this.refreshed(client, response),
      onSessionEnded: () => {
        if (this.current.status === 'active' && this.current.session.client === client)
          this.lock('sessionEnded');
      },
    });
    return client;
  }

  private offlineSession(profile: Profile): Session {
    return this.sessionOf(profile, null);
  }

  private sessionOf(profile: Profile, client: PlatformClient | null): Session {
    const { platformKeys = [], ...rest } = profile;
    return {
      ...rest,
      platformKeys,
      operator: operatorOf(profile.staff, profile.organisation),
      online: client !== null,
      client,
      platformUrl: this.options.platformUrl,
    };
  }

  /** A refresh may bring a new role or organisation name: the session follows it. */
  private refreshed(client: PlatformClient, response: LoginResponse): void {
    const state = this.current;
    if (state.status !== 'active' || state.session.client !== client) return;
    const { staff, organisation } = response;
    const before = state.session;
    if (JSON.stringify([before.staff, before.organisation]) === JSON.stringify([staff, organisation])) return;
    this.set({
      status: 'active',
      session: this.sessionOf(
        {
          username: before.username,
          staff,
          organisation,
          platformKeys: response.platformKeys ?? before.platformKeys,
        },
        client,
      ),
    });
  }
}

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      globalThis.removeEventListener?.('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
    // The browser saying the network is back cuts the wait short.
    globalThis.addEventListener?.('online', done);
  });
}

function offlineFailure(
  check: { reason: 'wrongPassword' } | { reason: 'locked'; retryAfterSeconds: number },
) {
  return check.reason === 'locked'
    ? new SignInError('offline.locked', check.retryAfterSeconds)
    : new SignInError('offline.wrongPassword');
}
