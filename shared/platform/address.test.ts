import { describe, expect, it } from 'vitest';
import { checkPlatformAddress, isLocalNetworkHost } from './address';

describe('checkPlatformAddress', () => {
  it('takes https anywhere, as its origin', () => {
    expect(checkPlatformAddress(' https://Platform.example:8443/v1/ ')).toEqual({
      ok: true,
      origin: 'https://platform.example:8443',
    });
    expect(checkPlatformAddress('https://8.8.8.8')).toEqual({ ok: true, origin: 'https://8.8.8.8' });
  });

  it('takes plain http on loopback and the clinic network', () => {
    for (const address of [
      'http://127.0.0.1:8720',
      'http://localhost:8720',
      'http://[::1]:8720',
      'http://10.1.2.3',
      'http://172.16.0.9',
      'http://172.31.255.1',
      'http://192.168.1.20:8720/',
      'http://169.254.10.1',
      'http://[fd12:3456::1]',
      'http://[fe80::1]',
    ])
      expect(checkPlatformAddress(address), address).toMatchObject({ ok: true });
  });

  it('refuses plain http elsewhere unless explicitly allowed', () => {
    for (const address of [
      'http://platform.example',
      'http://8.8.8.8',
      'http://172.32.0.1',
      'http://192.169.1.1',
      'http://100.64.0.1',
      'http://platform.clinic.lan',
      'http://[2001:db8::1]',
      'http://[::ffff:10.0.0.1]',
      // Numeric tricks that a parser normalises to a public address.
      'http://0x08080808',
    ])
      expect(checkPlatformAddress(address), address).toEqual({
        ok: false,
        code: 'platformAddress.httpsRequired',
      });
    expect(checkPlatformAddress('http://platform.example', { allowInsecure: true })).toEqual({
      ok: true,
      origin: 'http://platform.example',
    });
  });

  it('refuses what is not a platform address', () => {
    expect(checkPlatformAddress('')).toEqual({ ok: false, code: 'platformAddress.invalid' });
    expect(checkPlatformAddress('platform.example')).toEqual({ ok: false, code: 'platformAddress.invalid' });
    expect(checkPlatformAddress(`https://${'a'.repeat(3000)}.example`)).toEqual({
      ok: false,
      code: 'platformAddress.invalid',
    });
    for (const address of ['ftp://platform.example', 'javascript:alert(1)', 'file:///etc/passwd'])
      expect(checkPlatformAddress(address, { allowInsecure: true }), address).toEqual({
        ok: false,
        code: 'platformAddress.scheme',
      });
    expect(checkPlatformAddress('https://admin:secret@platform.example')).toEqual({
      ok: false,
      code: 'platformAddress.credentials',
    });
  });
});

describe('isLocalNetworkHost', () => {
  it('knows the private ranges by their edges', () => {
    expect(isLocalNetworkHost('172.15.255.255')).toBe(false);
    expect(isLocalNetworkHost('172.16.0.0')).toBe(true);
    expect(isLocalNetworkHost('11.0.0.1')).toBe(false);
    expect(isLocalNetworkHost('[fc00::1]')).toBe(true);
    expect(isLocalNetworkHost('[fec0::1]')).toBe(false);
  });
});
