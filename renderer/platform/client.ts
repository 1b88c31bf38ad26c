/**
 * The workstation's one door to the platform: JSON over fetch with the protocol header and the
 * session's bearer token, one refresh when the access token has expired, every failure as a
 * {@link PlatformError} with the platform's code, and server-sent event streams read with fetch
 * (EventSource cannot send an Authorization header).
 *
 * Tokens live in this object only, in memory: never in storage. One client belongs to one signed-in
 * session; {@link PlatformClient.logout} or {@link PlatformClient.forget} ends its use.
 */
import {
  authEndpoints,
  loginResponseSchema,
  refreshResponseSchema,
  type LoginResponse,
} from '../../shared/platform/auth';
import {
  deskCredentialEndpoints,
  deskCredentialResponseSchema,
  type DeskCredentialResponse,
  type DeskSessionRequest,
} from '../../shared/platform/deskCredentials';
import { errorBodySchema } from '../../shared/platform/errors';
import { auditHeadHeader } from '../../shared/audit/head';
import { PROTOCOL_VERSION, protocolHeader } from '../../shared/platform/protocol';
import { eventData } from './sse';
import { noteAuditHead } from './auditHead';

/**
 * Codes the client adds to the platform's own (shared/platform/errors.ts, auth.ts, sync):
 * `network.offline` when the platform cannot be reached (no connection, refused, timed out, a
 * gateway that cannot reach it), `response.invalid` when an answer cannot be read.
 */
export type ClientErrorCode = 'network.offline' | 'response.invalid';

/** A request the platform refused, or could not be asked. */
export class PlatformError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came. */
    readonly status: number,
    /** The platform's error code, or a {@link ClientErrorCode}. */
    readonly code: string,
    message: string = code,
    /** On lockouts and rate limits: seconds until a retry can succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** Whether `error` is a {@link PlatformError} meaning "the platform cannot be reached". */
export const isOffline = (error: unknown): boolean =>
  error instanceof PlatformError && error.code === 'network.offline';

export interface RequestOptions {
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

export interface PlatformClientOptions {
  /** The platform's origin, e.g. `http://127.0.0.1:8720`; paths are absolute (`/v1/...`). */
  baseUrl: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Milliseconds to wait for an answer (a stream: for its headers) before giving up (15 s). */
  timeoutMs?: number;
  /** Called with every successful refresh: new tokens, and the staff and organisation as they are now. */
  onRefresh?: (response: LoginResponse) => void;
  /** Called once when the platform refuses the refresh token: the session has ended, sign in again. */
  onSessionEnded?: (error: PlatformError) => void;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** Access-token failures a refresh can cure (a restarted platform with a new key gives `invalidToken`). */
const refreshable = new Set(['auth.expired', 'auth.invalidToken']);
/** Gateways answering for a platform they cannot reach. */
const gatewayStatuses = new Set([502, 503, 504]);

/** The platform connection of one session. */
export class PlatformClient {
  readonly baseUrl: string;
  private tokens: Tokens | null = null;
  private refreshing: Promise<void> | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: PlatformClientOptions) {
    this.baseUrl = options.baseUrl;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Whether the client holds tokens (signed in online). */
  get signedIn(): boolean {
    return this.tokens !== null;
  }

  /**
   * Signs in; on success the client holds the session's tokens.
   * @throws PlatformError `auth.invalidCredentials`, `auth.locked`, `request.rateLimited`,
   *   `client.outdated`, `network.offline`, …
   */
  /** Signs in; `deskId` names this desk to the platform (it tracks each desk's last contact). */
  async login(username: string, password: string, deskId?: string): Promise<LoginResponse> {
    const { method, path } = authEndpoints.login;
    const body = deskId ? { username, password, deskId } : { username, password };
    const answer = await this.send(path, { method, body }, null);
    const parsed = loginResponseSchema.safeParse(readJson(answer));
    if (!parsed.success) throw new PlatformError(answer.response.status, 'response.invalid');
    this.tokens = { accessToken: parsed.data.accessToken, refreshToken: parsed.data.refreshToken };
    return parsed.data;
  }

  /**
   * Opens a session with a desk credential instead of a password (shared/platform/deskCredentials.ts);
   * on success the client holds the session's tokens, as after {@link login}.
   * @throws PlatformError `auth.deskCredentialInvalid`, `network.offline`, …
   */
  async openDeskSession(request: DeskSessionRequest): Promise<LoginResponse> {
    const answer = await this.send(
      deskCredentialEndpoints.session.path,
      { method: 'POST', body: request },
      null,
    );
    const parsed = loginResponseSchema.safeParse(readJson(answer));
    if (!parsed.success) throw new PlatformError(answer.response.status, 'response.invalid');
    this.tokens = { accessToken: parsed.data.accessToken, refreshToken: parsed.data.refreshToken };
    return parsed.data;
  }

  /**
   * Asks the platform for this session's desk credential (the session must name a desk).
   * @throws PlatformError as {@link request}; `response.invalid` for a malformed answer
   */
  async issueDeskCredential(): Promise<DeskCredentialResponse> {
    const answer = await this.request<unknown>(deskCredentialEndpoints.issue.path, { method: 'POST' });
    const parsed = deskCredentialResponseSchema.safeParse(answer);
    if (!parsed.success) throw new PlatformError(200, 'response.invalid');
    return parsed.data;
  }

  /**
   * Ends the session on the platform (best effort: sign-out never fails) and forgets the tokens
   * at once, so nothing sent after this call carries them.
   */
  async logout(timeoutMs = 3000): Promise<void> {
    const tokens = this.tokens;
    this.forget();
    if (!tokens) return;
    const { method, path } = authEndpoints.logout;
    try {
      await this.send(path, { method, body: { refreshToken: tokens.refreshToken } }, null, timeoutMs);
    } catch {
      // Offline, or the session had already ended: the tokens are gone from this desk either way.
    }
  }

  /** Forgets the tokens without telling the platform. */
  forget(): void {
    this.tokens = null;
  }

  /**
   * A JSON request with the session's token; on 401 with an expired token, refreshes once and
   * sends it again. Resolves with the parsed body (undefined for an empty one).
   * @throws PlatformError with the platform's code, `network.offline` or `response.invalid`;
   *   the signal's reason when `signal` aborts
   */
  async request<T>(path: string, init: RequestOptions = {}): Promise<T> {
    return readJson(await this.authorised(path, init)) as T;
  }

  /**
   * The parsed `data:` JSON of every server-sent event on `path`, until the stream ends or
   * `signal` aborts (then it ends quietly). Authenticated and refreshed like {@link request}.
   * @throws PlatformError as {@link request}; `network.offline` when the connection drops,
   *   `response.invalid` for an event that is not JSON
   */
  async *stream(path: string, signal: AbortSignal): AsyncIterable<unknown> {
    let response: Response;
    try {
      ({ response } = await this.authorised(path, { signal }, 'stream'));
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    if (!response.body) throw new PlatformError(response.status, 'response.invalid');
    try {
      for await (const data of eventData(response.body, signal)) {
        try {
          yield JSON.parse(data) as unknown;
        } catch {
          throw new PlatformError(response.status, 'response.invalid', 'An event is not JSON.');
        }
      }
    } catch (error) {
      if (error instanceof PlatformError) throw error;
      throw new PlatformError(0, 'network.offline', 'The change stream was interrupted.');
    }
  }

  /** Sends with the current access token; one refresh and retry when the platform says it expired. */
  private async authorised(path: string, init: RequestOptions, kind?: 'stream'): Promise<Answer> {
    const sentWith = this.tokens?.accessToken ?? null;
    try {
      return await this.send(path, init, sentWith, undefined, kind);
    } catch (error) {
      if (
        !(error instanceof PlatformError) ||
        error.status !== 401 ||
        !refreshable.has(error.code) ||
        sentWith === null
      )
        throw error;
      await this.refresh(sentWith);
      return this.send(path, init, this.tokens?.accessToken ?? null, undefined, kind);
    }
  }

  /**
   * Refreshes the tokens unless that already happened since `staleAccessToken` was sent. Callers
   * that meet an expired token together share one refresh: a refresh token works once, and
   * presenting it twice ends the whole session.
   */
  private refresh(staleAccessToken: string): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const tokens = this.tokens;
    if (!tokens) return Promise.reject(new PlatformError(401, 'auth.refreshInvalid'));
    if (tokens.accessToken !== staleAccessToken) return Promise.resolve();
    this.refreshing = (async () => {
      const { method, path } = authEndpoints.refresh;
      let answer: Answer;
      try {
        answer = await this.send(path, { method, body: { refreshToken: tokens.refreshToken } }, null);
      } catch (error) {
        // A disabled account answers 403: its session is over all the same.
        if (
          error instanceof PlatformError &&
          (error.status === 401 || error.code === 'auth.accountDisabled') &&
          this.tokens === tokens
        ) {
          this.tokens = null;
          this.options.onSessionEnded?.(error);
        }
        throw error;
      }
      const parsed = refreshResponseSchema.safeParse(readJson(answer));
      if (!parsed.success) throw new PlatformError(answer.response.status, 'response.invalid');
      if (this.tokens !== tokens) return; // signed out meanwhile: do not bring the session back
      this.tokens = { accessToken: parsed.data.accessToken, refreshToken: parsed.data.refreshToken };
      this.options.onRefresh?.(parsed.data);
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /**
   * One HTTP exchange. Resolves with a 2xx answer (its text read, except for a stream); anything
   * else becomes a PlatformError. The timeout covers the whole answer of a request and the headers
   * of a stream.
   */
  private async send(
    path: string,
    { method = 'GET', body, signal }: RequestOptions,
    accessToken: string | null,
    timeoutMs = this.timeoutMs,
    kind?: 'stream',
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      [protocolHeader]: String(PROTOCOL_VERSION),
      accept: kind === 'stream' ? 'text/event-stream' : 'application/json',
    };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (error: unknown, what: string): never => {
      if (error instanceof PlatformError) throw error;
      if (signal?.aborted && !timedOut) throw signal.reason ?? error;
      throw new PlatformError(0, 'network.offline', timedOut ? 'The platform did not answer in time.' : what);
    };

    try {
      let response: Response;
      try {
        response = await this.fetchImpl(new URL(path, this.baseUrl).href, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (error) {
        return fail(error, 'The platform cannot be reached.');
      }
      // A stream is read for as long as it lasts; the caller's signal still cancels it.
      if (kind === 'stream' && response.ok) return { response, text: '' };
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        return fail(error, 'The answer was cut off.');
      }
      if (!response.ok) throw errorFrom(response, text);
      noteAuditHead(response.headers.get(auditHeadHeader));
      return { response, text };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

interface Answer {
  response: Response;
  /** The body, read (empty for a stream, whose body is still to be read). */
  text: string;
}

/** The body as JSON; undefined when empty. */
function readJson({ response, text }: Answer): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PlatformError(response.status, 'response.invalid', 'The answer is not JSON.');
  }
}

/** The platform's error body as a PlatformError; gateways and unreadable answers get client codes. */
function errorFrom(response: Response, text: string): PlatformError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (parsed.success) {
    const { code, message, retryAfterSeconds } = parsed.data.error;
    return new PlatformError(response.status, code, message, retryAfterSeconds ?? retryAfterHeader(response));
  }
  if (gatewayStatuses.has(response.status))
    return new PlatformError(response.status, 'network.offline', 'A gateway could not reach the platform.');
  return new PlatformError(
    response.status,
    'response.invalid',
    `HTTP ${response.status} without an error body.`,
  );
}

function retryAfterHeader(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}
