/**
 * For unit tests only: a stand-in for the platform's auth endpoints and one guarded resource,
 * behind a `fetch` the client can be given. Tokens are counters, access tokens expire on demand,
 * refresh tokens rotate and work once, as on the platform.
 */
import type { LoginResponse } from '../../shared/platform/auth';

export interface FakeAccount {
  username: string;
  password: string;
  staff: LoginResponse['staff'];
  organisation: LoginResponse['organisation'];
}

export const fakeAccount: FakeAccount = {
  username: 'reg01',
  password: 'Demo@2026',
  staff: { id: 'staff-reg01', displayName: '王丽华', role: 'registrar' },
  organisation: { id: 'org-chc-demo', name: '某某街道社区卫生服务中心', kind: 'chc' },
};

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
const error = (status: number, code: string, retryAfterSeconds?: number) =>
  json(status, { error: { code, message: code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } });

export class FakePlatform {
  readonly seen: SeenRequest[] = [];
  /** When set, every request fails as if the network were down. */
  offline = false;
  /** When set, sign-in answers this error instead of checking the password. */
  loginError: { status: number; code: string; retryAfterSeconds?: number } | undefined;
  /** When set, refresh answers this error instead of rotating the token. */
  refreshError: { status: number; code: string } | undefined;
  private counter = 0;
  private readonly access = new Set<string>();
  private readonly refresh = new Map<string, string>(); // token → username
  /** Extra routes: path → handler (after the token check for paths under /v1/data/). */
  readonly routes = new Map<string, (request: SeenRequest) => Response | Promise<Response>>();

  constructor(readonly accounts: FakeAccount[] = [fakeAccount]) {}

  /** Makes every access token issued so far expire. */
  expireAccessTokens(): void {
    this.access.clear();
  }

  /** Ends every session: refresh tokens stop working. */
  revokeRefreshTokens(): void {
    this.refresh.clear();
  }

  count(path: string): number {
    return this.seen.filter((r) => r.path === path).length;
  }

  private issue(account: FakeAccount): LoginResponse {
    const n = ++this.counter;
    const accessToken = `access-${n}`;
    const refreshToken = `refresh-${n}`;
    this.access.add(accessToken);
    this.refresh.set(refreshToken, account.username);
    return {
      accessToken,
      refreshToken,
      expiresIn: 900,
      staff: account.staff,
      organisation: account.organisation,
    };
  }

  fetch: typeof fetch = async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request = { method: init.method ?? 'GET', path: url.pathname + url.search, headers, body };
    this.seen.push(request);
    if (init.signal?.aborted) throw init.signal.reason;
    if (this.offline) throw new TypeError('Failed to fetch');

    const b = (body ?? {}) as Record<string, string>;
    switch (url.pathname) {
      case '/v1/auth/login': {
        if (this.loginError) {
          const { status, code, retryAfterSeconds } = this.loginError;
          return error(status, code, retryAfterSeconds);
        }
        const account = this.accounts.find(
          (a) => a.username === b.username?.trim().toLowerCase() && a.password === b.password,
        );
        return account ? json(200, this.issue(account)) : error(401, 'auth.invalidCredentials');
      }
      case '/v1/auth/refresh': {
        if (this.refreshError) return error(this.refreshError.status, this.refreshError.code);
        const username = this.refresh.get(b.refreshToken ?? '');
        if (!username) return error(401, 'auth.refreshInvalid');
        this.refresh.delete(b.refreshToken ?? '');
        return json(200, this.issue(this.accounts.find((a) => a.username === username)!));
      }
      case '/v1/auth/logout':
        this.refresh.delete(b.refreshToken ?? '');
        return new Response(null, { status: 204 });
    }
    const route = this.routes.get(url.pathname);
    if (!route) return error(404, 'request.notFound');
    if (url.pathname.startsWith('/v1/data/')) {
      const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
      if (!token) return error(401, 'auth.required');
      if (!this.access.has(token)) return error(401, 'auth.expired');
    }
    return route(request);
  };
}
