import { describe, expect, it } from 'vitest';
import { platformUrlFromPage } from './webHost';

const page = (content: string | undefined, baseURI = 'http://127.0.0.1:5180/index.html') => ({
  baseURI,
  querySelector: (selector: string) =>
    (selector === 'meta[name="clinicdesk-platform"]' && content !== undefined ? { content } : null) as never,
});

describe('platformUrlFromPage', () => {
  it('reads the platform the server named, relative to the page when it proxies', () => {
    expect(platformUrlFromPage(page('http://127.0.0.1:8720'))).toBe('http://127.0.0.1:8720');
    expect(platformUrlFromPage(page('https://platform.example/base/'))).toBe('https://platform.example');
    expect(platformUrlFromPage(page('/'))).toBe('http://127.0.0.1:5180');
  });

  it('names none when the page has none or a strange one', () => {
    expect(platformUrlFromPage(page(undefined))).toBeNull();
    expect(platformUrlFromPage(page(''))).toBeNull();
    expect(platformUrlFromPage(page('javascript:alert(1)'))).toBeNull();
  });
});
