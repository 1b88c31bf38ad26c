import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
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
