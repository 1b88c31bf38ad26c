import { describe, expect, it, vi } from 'vitest';
import { platformUrlFromPage, printWithBrowser } from './webHost';

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

/** A window whose print() blocks like Chromium's and fires afterprint before returning, or not. */
const fakeWindow = ({ firesAfterprint = true, refuses = false } = {}) => {
  const listeners = new Set<() => void>();
  const timers: (() => void)[] = [];
  const doc = { title: 'ClinicDesk' };
  const titles: string[] = [];
  const win = {
    addEventListener: vi.fn((_type: string, listener: () => void) => void listeners.add(listener)),
    removeEventListener: vi.fn((_type: string, listener: () => void) => void listeners.delete(listener)),
    setTimeout: vi.fn((fn: () => void) => timers.push(fn)),
    print: vi.fn(() => {
      if (refuses) throw new Error('blocked');
      titles.push(doc.title);
      if (firesAfterprint) for (const listener of [...listeners]) listener();
    }),
  };
  return { win, doc, titles, listeners, flushTimers: () => timers.splice(0).forEach((fn) => fn()) };
};

describe('printWithBrowser', () => {
  it('prints under the given title, then restores it once afterprint fires, never claiming a print', async () => {
    const { win, doc, titles, listeners, flushTimers } = fakeWindow();
    const result = printWithBrowser(win as never, doc, '处方笺 RX1');
    // The dialog closed; whether it printed, saved a PDF or was cancelled the page cannot know.
    await expect(result).resolves.toEqual({ outcome: 'closed' });
    expect(titles).toEqual(['处方笺 RX1']);
    expect(doc.title).toBe('ClinicDesk');
    expect(listeners.size).toBe(0);
    flushTimers();
    expect(win.print).toHaveBeenCalledOnce();
  });

  it('settles when print() returns without an afterprint event', async () => {
    const { win, doc, flushTimers } = fakeWindow({ firesAfterprint: false });
    const result = printWithBrowser(win as never, doc, '处方笺 RX1');
    expect(doc.title).toBe('处方笺 RX1');
    flushTimers();
    await expect(result).resolves.toEqual({ outcome: 'closed' });
    expect(doc.title).toBe('ClinicDesk');
  });

  it('rejects when the browser refuses to print', async () => {
    const { win, doc } = fakeWindow({ refuses: true });
    await expect(printWithBrowser(win as never, doc, 'x')).rejects.toThrow('print.failed');
    expect(doc.title).toBe('ClinicDesk');
  });
});
