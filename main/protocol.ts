/**
 * The `app://clinicdesk/` scheme: the built renderer (dist/renderer) served from disk with the
 * strict CSP on every response. Standard + secure makes it a real origin, so IndexedDB, fetch and
 * `'self'` in the CSP behave as on https.
 */
import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { buildCsp } from '../shared/security/csp';
import { APP_HOST, APP_SCHEME } from './origin';

/**
 * Declares the scheme's privileges. Electron accepts this only before `ready`, and only once.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
    },
  ]);
}

type ResponseBody = ConstructorParameters<typeof Response>[0];

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** Content type of a served file by extension; unknown ones are opaque bytes. */
export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** index.html's CSP `<meta>` tag, whatever the order of its attributes (a CSP never holds `>`). */
const CSP_META = /<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>/i;

export interface AppProtocolOptions {
  /** Absolute path of the built renderer. */
  root: string;
  /**
   * Platform origin allowed in `connect-src`, if any; a function is asked on every response, so
   * an address changed in Settings applies from the next page load.
   */
  platformOrigin?: string | undefined | (() => string | undefined);
}

/**
 * Makes the `app://` request handler (a plain function, so it is testable without Electron).
 *
 * - Only `GET`/`HEAD` to host `clinicdesk`; anything else is 405/404.
 * - The decoded path is resolved against `root` and refused (403) when it lands outside it —
 *   `..`, `%2e%2e`, encoded slashes and backslashes included.
 * - A path without an extension that is not a file is a client-side route → index.html.
 * - index.html's CSP `<meta>` is rewritten to the runtime policy (the build cannot know the
 *   platform origin), and every response carries the full policy as a header.
 */
export function createAppProtocolHandler({ root, platformOrigin }: AppProtocolOptions) {
  const rootDir = resolve(root);
  const originNow = typeof platformOrigin === 'function' ? platformOrigin : () => platformOrigin;
  const headerCsp = () => buildCsp({ platformOrigin: originNow() });
  const metaCsp = () => buildCsp({ platformOrigin: originNow(), forMeta: true });
  const indexFile = resolve(rootDir, 'index.html');

  const respond = (status: number, body: ResponseBody, headers: Record<string, string>) =>
    new Response(body, {
      status,
      headers: { 'Content-Security-Policy': headerCsp(), 'X-Content-Type-Options': 'nosniff', ...headers },
    });
  const fail = (status: number, reason: string) =>
    respond(status, reason, { 'Content-Type': 'text/plain; charset=utf-8' });

  const isFile = async (file: string) => {
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  };

  return async function handleAppRequest(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405, 'Method Not Allowed');
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return fail(404, 'Not Found');

    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return fail(400, 'Bad Request');
    }
    if (path.includes('\0') || path.includes('\\')) return fail(403, 'Forbidden');
    const target = resolve(rootDir, `.${path}`);
    if (target !== rootDir && !target.startsWith(rootDir + sep)) return fail(403, 'Forbidden');

    let file = target;
    if (!(await isFile(target))) {
      if (extname(path) !== '') return fail(404, 'Not Found');
      file = indexFile;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      return fail(404, 'Not Found');
    }
    const isIndex = file === indexFile;
    const body: ResponseBody = isIndex
      ? new TextDecoder()
          .decode(bytes)
          .replace(CSP_META, `<meta http-equiv="Content-Security-Policy" content="${metaCsp()}" />`)
      : new Uint8Array(bytes);
    return respond(200, request.method === 'HEAD' ? null : body, {
      'Content-Type': contentTypeOf(file),
      ...(isIndex ? { 'Cache-Control': 'no-cache' } : {}),
    });
  };
}

/** Serves `root` on `app://clinicdesk/`. Call once, after `ready`. */
export function serveAppProtocol(options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
}
