import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildCsp } from '../shared/security/csp';

const electron = vi.hoisted(() => ({
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
}));
vi.mock('electron', () => ({ protocol: electron }));

const { createAppProtocolHandler, registerAppSchemePrivileges, serveAppProtocol } =
  await import('./protocol');

// tmp/secret.txt sits beside tmp/renderer, the served root.
const base = mkdtempSync(join(tmpdir(), 'clinicdesk-protocol-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
const builtMeta = `<meta http-equiv="Content-Security-Policy" content="${buildCsp({ forMeta: true })}">`;
writeFileSync(
  join(root, 'index.html'),
  `<!doctype html><html><head>${builtMeta}</head><body>APP</body></html>`,
);
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
writeFileSync(join(base, 'secret.txt'), 'SECRET');
writeFileSync(join(base, 'renderer-evil.txt'), 'SECRET');

const handler = createAppProtocolHandler({ root });
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// scheme registration', () => {
  it('registers app as a standard, secure, fetch-capable scheme without CORS', () => {
    registerAppSchemePrivileges();
    expect(electron.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
      },
    ]);
  });

  it('handles the app scheme', () => {
    serveAppProtocol({ root });
    expect(electron.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

describe('app:// handler', () => {
  it('refuses path traversal, literal or encoded', async () => {
    for (const url of [
      'app://clinicdesk/../secret.txt',
      'app://clinicdesk/../../etc/passwd',
      'app://clinicdesk/%2e%2e/secret.txt',
      'app://clinicdesk/%2e%2e%2fsecret.txt',
      'app://clinicdesk/..%2fsecret.txt',
      'app://clinicdesk/assets/..%2f..%2fsecret.txt',
      'app://clinicdesk/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://clinicdesk/..%2frenderer-evil.txt',
      'app://clinicdesk/..%5csecret.txt',
      'app://clinicdesk/index.html%00.js',
    ]) {
      const response = await get(url);
      const body = await response.text();
      expect(body, url).not.toContain('SECRET');
      expect(body, url).not.toMatch(/root:.*:0:0:/);
      // A URL Chromium already normalised lands inside the root: a 404, or the SPA shell.
      if (response.status === 200) expect(body, url).toContain('APP');
      else expect([403, 404], url).toContain(response.status);
    }
    expect((await get('app://clinicdesk/%2e%2e%2fsecret.txt')).status).toBe(403);
  });

  it('serves index.html with the CSP for unknown routes', async () => {
    for (const url of [
      'app://clinicdesk/',
      'app://clinicdesk',
      'app://clinicdesk/patients/42',
      'app://clinicdesk/assets',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(buildCsp());
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('APP');
    }
  });

  it('puts the CSP header on every response, errors included', async () => {
    for (const url of [
      'app://clinicdesk/assets/index-abc.js',
      'app://clinicdesk/missing.js',
      'app://clinicdesk/%2e%2e%2fx',
    ]) {
      expect((await get(url)).headers.get('content-security-policy'), url).toBe(buildCsp());
    }
  });

  it('serves files with their content type', async () => {
    const script = await get('app://clinicdesk/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const font = await get('app://clinicdesk/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  });

  it('answers 404 for a missing file with an extension', async () => {
    expect((await get('app://clinicdesk/assets/missing.js')).status).toBe(404);
  });

  it('refuses other hosts and methods', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://clinicdesk/', 'POST')).status).toBe(405);
  });

  it('rewrites the CSP meta tag to the runtime policy with the platform origin', async () => {
    const withPlatform = createAppProtocolHandler({ root, platformOrigin: 'https://platform.example:8443' });
    const response = await withPlatform(new Request('app://clinicdesk/'));
    const header = response.headers.get('content-security-policy') ?? '';
    expect(header).toContain("connect-src 'self' https://platform.example:8443 wss://platform.example:8443;");
    expect(header).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${buildCsp({ platformOrigin: 'https://platform.example:8443', forMeta: true })}" />`,
    );
    expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
  });
});
