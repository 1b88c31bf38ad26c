/**
 * The one Content-Security-Policy of the renderer. Electron main sends it as a header on every
 * `app://` response, the Vite build writes it into index.html's `<meta>` tag, and the web-mode
 * static server echoes that tag as a header — so the policy is written once, here.
 */

export interface CspOptions {
  /**
   * Origin of the district platform (`https://platform.example.cn:8443`): the only remote host the
   * renderer may contact, over HTTP(S) and its WebSocket counterpart (consult signalling).
   * @throws when it is not a bare `http(s)://host[:port]` origin (see {@link buildCsp})
   */
  platformOrigin?: string | undefined;
  /**
   * Leave out the directives a `<meta>` tag cannot carry (`frame-ancestors`); whoever serves the
   * page adds them as a header.
   */
  forMeta?: boolean | undefined;
}

const ORIGIN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?\/?$/i;

/**
 * Builds the renderer's CSP. Scripts come only from the app itself (no inline, no eval); styles may
 * be inline because antd injects `<style>` tags; images and fonts may be data/blob URLs; nothing
 * may embed the app, post forms, or change its base URL.
 *
 * @throws Error `csp.invalidPlatformOrigin` when `platformOrigin` is not a bare http(s) origin — a
 *   path, a query, spaces or `;` would widen or break the policy.
 */
export function buildCsp({ platformOrigin, forMeta = false }: CspOptions = {}): string {
  const connect = ["'self'"];
  if (platformOrigin) {
    const match = ORIGIN.exec(platformOrigin);
    if (!match) throw new Error('csp.invalidPlatformOrigin');
    const [, scheme = '', host = '', port = ''] = match;
    const hostPort = `${host.toLowerCase()}${port}`;
    const secure = scheme.toLowerCase() === 'https';
    connect.push(`${secure ? 'https' : 'http'}://${hostPort}`, `${secure ? 'wss' : 'ws'}://${hostPort}`);
  }
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', ...connect],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ...(forMeta ? [] : [['frame-ancestors', "'none'"] as [string, string]]),
    ['form-action', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}
