import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, platformOriginFrom } from './origin';

describe('isAppUrl', () => {
  it('accepts only app://clinicdesk', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://clinicdesk/patients?q=1#x')).toBe(true);
    for (const url of [
      'app://clinicdesk.evil/',
      'app://evil/',
      'https://clinicdesk/',
      'app://a@clinicdesk/',
      '',
      'clinicdesk',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('platformOriginFrom', () => {
  it('reduces a platform URL to its origin and ignores anything else', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(platformOriginFrom(undefined)).toBeUndefined();
    expect(platformOriginFrom('https://Platform.example:8443/v1/')).toBe('https://platform.example:8443');
    expect(platformOriginFrom('ftp://platform.example')).toBeUndefined();
    expect(platformOriginFrom('not a url')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});
