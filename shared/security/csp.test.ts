import { describe, expect, it } from 'vitest';
import { buildCsp } from './csp';

const directives = (policy: string) =>
  Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

describe('buildCsp', () => {
  it('is the strict policy, without a platform', () => {
    expect(buildCsp()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
        "form-action 'none'",
    );
  });

  it('never allows inline or eval scripts', () => {
    const policy = directives(buildCsp({ platformOrigin: 'https://p.example' }));
    expect(policy['script-src']).toBe("'self'");
    expect(buildCsp()).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('lets the renderer reach the platform and its WebSocket, and nothing else', () => {
    expect(directives(buildCsp({ platformOrigin: 'https://Platform.Example.cn:8443' }))['connect-src']).toBe(
      "'self' https://platform.example.cn:8443 wss://platform.example.cn:8443",
    );
    expect(directives(buildCsp({ platformOrigin: 'http://127.0.0.1:4100/' }))['connect-src']).toBe(
      "'self' http://127.0.0.1:4100 ws://127.0.0.1:4100",
    );
  });

  it('leaves frame-ancestors out of the meta variant', () => {
    expect(buildCsp({ forMeta: true })).not.toContain('frame-ancestors');
    expect(buildCsp({ forMeta: true })).toBe(buildCsp().replace("frame-ancestors 'none'; ", ''));
  });

  it('refuses anything that is not a bare origin', () => {
    for (const origin of [
      'https://p.example/v1',
      'https://p.example; script-src *',
      "https://p.example 'unsafe-eval'",
      'ftp://p.example',
      '*',
      'p.example',
      'https://p.example?x',
    ]) {
      expect(() => buildCsp({ platformOrigin: origin }), origin).toThrow('csp.invalidPlatformOrigin');
    }
  });
});
