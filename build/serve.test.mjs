import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { metaCsp, serveRenderer } from './serve.mjs';

const policy = "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'";

/** Raw GET, so paths like /../ reach the server unnormalised. */
const get = (url, path) =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });

describe('serveRenderer', () => {
  const base = mkdtempSync(join(tmpdir(), 'clinicdesk-serve-'));
  const root = join(base, 'renderer');
  let server;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(
      join(root, 'index.html'),
      `<html><head><meta http-equiv="Content-Security-Policy" content="${policy}" /></head><body>APP</body></html>`,
    );
    writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
    writeFileSync(join(base, 'secret.txt'), 'SECRET');
    server = await serveRenderer({ root, platformUrl: '' });
  });
  afterAll(() => server?.close());

  it('reads the CSP from the meta tag', () => {
    expect(metaCsp(`<meta content="${policy}" http-equiv="content-security-policy">`)).toBe(policy);
    expect(metaCsp('<meta charset="utf-8">')).toBeUndefined();
  });

  it('serves index.html for routes, with the CSP header plus frame-ancestors', async () => {
    for (const path of ['/', '/patients/42', '/index.html']) {
      const res = await get(server.url, path);
      expect(res.status, path).toBe(200);
      expect(res.body).toContain('APP');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(`${policy}; frame-ancestors 'none'`);
    }
  });

  it('serves assets with their type, and 404 for missing ones', async () => {
    const js = await get(server.url, '/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await get(server.url, '/assets/missing.js')).status).toBe(404);
  });

  it('refuses path traversal', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await get(server.url, path);
      expect(res.body, path).not.toContain('SECRET');
      // The URL parser folds /../ and /%2e%2e/ (→ /secret.txt, 404); an encoded slash reaches the check.
      expect(res.status, path).toBe(/^\/(\.\.|%2e%2e)\//i.test(path) ? 404 : 403);
    }
  });

  it('adds the platform to connect-src, in the header and in the page', async () => {
    const withPlatform = await serveRenderer({ root, platformUrl: 'http://127.0.0.1:4100/v1' });
    try {
      const res = await get(withPlatform.url, '/');
      expect(res.headers['content-security-policy']).toContain(
        "connect-src 'self' http://127.0.0.1:4100 ws://127.0.0.1:4100;",
      );
      expect(res.body).toContain("connect-src 'self' http://127.0.0.1:4100 ws://127.0.0.1:4100;");
    } finally {
      await withPlatform.close();
    }
  });
});

describe('serveRenderer with a platform', () => {
  const root = mkdtempSync(join(tmpdir(), 'clinicdesk-serve-platform-'));
  writeFileSync(
    join(root, 'index.html'),
    `<html><head><meta http-equiv="Content-Security-Policy" content="${policy}" /></head><body>APP</body></html>`,
  );
  /** A stand-in platform that echoes what reached it, and streams two events on /v1/patients/stream. */
  let platform;
  let platformUrl;
  beforeAll(async () => {
    platform = createServer((req, res) => {
      if (req.url === '/v1/patients/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"type":"resync"}\n\n');
        setTimeout(() => res.end('data: {"n":2}\n\n'), 20);
        return;
      }
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'x-clinicdesk-protocol': '1' });
        res.end(
          JSON.stringify({
            method: req.method,
            url: req.url,
            body,
            authorization: req.headers.authorization,
            protocol: req.headers['x-clinicdesk-protocol'],
          }),
        );
      });
    });
    await new Promise((resolve) => platform.listen(0, '127.0.0.1', resolve));
    platformUrl = `http://127.0.0.1:${platform.address().port}`;
  });
  afterAll(() => new Promise((resolve) => platform.close(resolve)));

  const post = (url, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const req = request({ hostname, port, path, method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('names its own origin to the page and forwards /v1/* to the platform', async () => {
    const server = await serveRenderer({ root, platformUrl });
    try {
      const page = await get(server.url, '/');
      expect(page.body).toContain('<meta name="clinicdesk-platform" content="/" />');
      expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ${platformUrl}`);

      const res = await post(server.url, '/v1/auth/login?x=1', '{"username":"reg01"}', {
        'content-type': 'application/json',
        authorization: 'Bearer abc',
        'x-clinicdesk-protocol': '1',
      });
      expect(res.status).toBe(201);
      expect(res.headers['x-clinicdesk-protocol']).toBe('1');
      expect(JSON.parse(res.body)).toEqual({
        method: 'POST',
        url: '/v1/auth/login?x=1',
        body: '{"username":"reg01"}',
        authorization: 'Bearer abc',
        protocol: '1',
      });

      const stream = await get(server.url, '/v1/patients/stream');
      expect(stream.headers['content-type']).toBe('text/event-stream');
      expect(stream.body).toBe('data: {"type":"resync"}\n\ndata: {"n":2}\n\n');

      // Only the path travels: a request line naming another host still reaches the platform.
      const sneaky = await get(server.url, '//evil.example/v1/health');
      expect(JSON.parse(sneaky.body)).toMatchObject({ method: 'GET', url: '/v1/health' });
    } finally {
      await server.close();
    }
  });

  it('answers 502 network.offline when the platform cannot be reached', async () => {
    const server = await serveRenderer({ root, platformUrl: 'http://127.0.0.1:9' });
    try {
      const res = await get(server.url, '/v1/health');
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body).error.code).toBe('network.offline');
    } finally {
      await server.close();
    }
  });

  it('names the platform itself when it does not proxy', async () => {
    const server = await serveRenderer({ root, platformUrl: `${platformUrl}/base/`, proxyPlatform: false });
    try {
      expect((await get(server.url, '/')).body).toContain(
        `<meta name="clinicdesk-platform" content="${platformUrl}" />`,
      );
      expect((await get(server.url, '/v1/health')).body).toContain('APP');
    } finally {
      await server.close();
    }
  });
});

describe('serveRenderer without a CSP meta tag', () => {
  it('still serves, with frame-ancestors only, and warns', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clinicdesk-serve-nocsp-'));
    writeFileSync(join(root, 'index.html'), '<html><body>BENCH</body></html>');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const server = await serveRenderer({ root, platformUrl: '' });
    try {
      const res = await get(server.url, '/');
      expect(res.body).toContain('BENCH');
      expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });
});
