// Static server for the built renderer (web mode): `npm start` without Electron, e2e and bench.
// The CSP is the one the Vite build wrote into index.html (shared/security/csp.ts), sent again as a
// header together with `frame-ancestors 'none'`, which a <meta> tag cannot carry.
// Given a platform URL, it tells the page where the platform is (<meta name="clinicdesk-platform">)
// and, by default, forwards /v1/* to it, so the page reaches the platform on its own origin: the
// platform sends no CORS headers, and a browser refuses a cross-origin request with an
// Authorization header without them.
import { readFile, stat } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const contentTypes = {
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

/** index.html's CSP <meta> tag, in any attribute order (a CSP never holds `>`). */
const CSP_META = /<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>/i;

/**
 * The policy in index.html's CSP <meta> tag.
 * @param {string} html
 * @returns {string | undefined}
 */
export function metaCsp(html) {
  const tag = CSP_META.exec(html)?.[0];
  const content = tag && /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
  const raw = content ? (content[1] ?? content[2]) : undefined;
  // The build writes the attribute HTML-escaped (&#39; for '); a header needs the plain text.
  return raw
    ?.replace(/&#39;|&#x27;|&apos;/gi, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * Adds the platform (and its WebSocket counterpart) to connect-src, as buildCsp({ platformOrigin })
 * does: the build cannot know on which origin the platform runs.
 * @param {string} policy
 * @param {string | undefined} platformUrl
 */
function withPlatform(policy, platformUrl) {
  if (!platformUrl) return policy;
  const { origin, protocol } = new URL(platformUrl);
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new Error(`Not an http(s) platform URL: ${platformUrl}`);
  const sources = [origin, origin.replace(/^http/, 'ws')];
  return policy
    .split(';')
    .map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      if (name !== 'connect-src') return directive.trim();
      return [name, ...values, ...sources.filter((source) => !values.includes(source))].join(' ');
    })
    .join('; ');
}

/** The platform path space forwarded by the proxy. */
const PLATFORM_PATH = /^\/v1(\/|$)/;

/** Headers that belong to one connection and must not be forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const withoutHopByHop = (headers) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));

/**
 * Forwards one request to the platform and streams the answer back (server-sent events too).
 * When the platform cannot be reached the page gets 502 with the platform's error body and the
 * code `network.offline`, which is what the workstation calls an unreachable platform.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} origin
 */
function forward(req, res, origin) {
  // Only the path and query travel: `//host/v1/...` must not pick another host.
  const { pathname, search } = new URL(req.url ?? '/', 'http://localhost');
  const target = new URL(`${pathname}${search}`, origin);
  const headers = withoutHopByHop(req.headers);
  headers.host = target.host;
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (res.headersSent) return void res.destroy();
    const body = JSON.stringify({
      error: { code: 'network.offline', message: 'The platform cannot be reached.' },
    });
    res.writeHead(502, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  // A page that goes away (a closed change stream) closes the platform's side too.
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

/**
 * Serves the built renderer over plain HTTP with a SPA fallback: a path without an extension
 * that is not a file gets index.html. Paths are decoded, resolved and refused (403) outside `root`.
 *
 * @param {object} [options]
 * @param {string} [options.root] built renderer, relative to the repository root unless absolute
 * @param {number} [options.port] 0 picks a free port
 * @param {string} [options.host]
 * @param {string} [options.platformUrl] the platform (default: env CLINICDESK_PLATFORM_URL): allowed in
 *   connect-src and named to the page by <meta name="clinicdesk-platform">
 * @param {boolean} [options.proxyPlatform] forward /v1/* to the platform and name this server's own
 *   origin to the page (default true); false names the platform's URL itself (it must then answer CORS)
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 * @throws when root has no index.html (a page without a CSP <meta> tag is served with a warning and
 *   only `frame-ancestors 'none'`)
 */
export async function serveRenderer({
  root = 'dist/renderer',
  port = 0,
  host = '127.0.0.1',
  platformUrl = process.env.CLINICDESK_PLATFORM_URL,
  proxyPlatform = true,
} = {}) {
  const rootDir = resolve(isAbsolute(root) ? root : resolve(repoRoot, root));
  const indexFile = resolve(rootDir, 'index.html');
  let indexHtml;
  try {
    indexHtml = await readFile(indexFile, 'utf8');
  } catch {
    throw new Error(`${indexFile} not found: run \`npm run build\` first.`);
  }
  const builtCsp = metaCsp(indexHtml);
  if (!builtCsp)
    console.warn(`serveRenderer: ${indexFile} has no CSP <meta> tag; serving it without a policy.`);
  const policy = builtCsp && withPlatform(builtCsp, platformUrl);
  const headerCsp = policy ? `${policy}; frame-ancestors 'none'` : "frame-ancestors 'none'";
  const platformOrigin = platformUrl ? new URL(platformUrl) : undefined;
  const proxyTo = platformOrigin && proxyPlatform ? new URL(platformOrigin.origin) : undefined;
  let servedIndex = policy
    ? indexHtml.replace(CSP_META, `<meta http-equiv="Content-Security-Policy" content="${policy}" />`)
    : indexHtml;
  if (platformOrigin) {
    // "/": the platform is on this page's own origin, through the proxy below.
    const named = proxyTo ? '/' : platformOrigin.origin;
    const meta = `<meta name="clinicdesk-platform" content="${named}" />`;
    servedIndex = /<\/head>/i.test(servedIndex)
      ? servedIndex.replace(/<\/head>/i, `${meta}</head>`)
      : `${meta}${servedIndex}`;
  }

  const isFile = async (file) => {
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  };

  const server = createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, {
        'Content-Security-Policy': headerCsp,
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': Buffer.byteLength(body),
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const fail = (status, reason) => send(status, reason, { 'Content-Type': 'text/plain; charset=utf-8' });
    try {
      if (proxyTo && PLATFORM_PATH.test(new URL(req.url ?? '/', 'http://localhost').pathname))
        return forward(req, res, proxyTo);
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'Method Not Allowed');
      let path;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        return fail(400, 'Bad Request');
      }
      if (path.includes('\0') || path.includes('\\')) return fail(403, 'Forbidden');
      const target = resolve(rootDir, `.${path}`);
      if (target !== rootDir && !target.startsWith(rootDir + sep)) return fail(403, 'Forbidden');

      if ((await isFile(target)) && target !== indexFile) {
        return send(200, await readFile(target), {
          'Content-Type': contentTypes[extname(target).toLowerCase()] ?? 'application/octet-stream',
        });
      }
      if (target !== indexFile && extname(path) !== '') return fail(404, 'Not Found');
      return send(200, servedIndex, { 'Content-Type': contentTypes['.html'], 'Cache-Control': 'no-cache' });
    } catch (error) {
      console.error(error);
      if (!res.headersSent) fail(500, 'Internal Server Error');
      else res.destroy();
    }
  });

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`;
  return {
    url,
    close: () =>
      new Promise((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
