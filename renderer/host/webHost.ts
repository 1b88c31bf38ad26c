/** {@link ClinicHost} for a plain browser: everything it needs is a browser API. */
import type { ClinicHost, PrintPageResult } from '../../shared/ipc/contract';

/**
 * The platform named by the page: the static server writes
 * `<meta name="clinicdesk-platform" content="URL">` into index.html when it knows one. A relative
 * URL (the server forwarding `/v1/*` to the platform on its own origin) is resolved against the
 * page. Null when the page names none or the URL is not http(s).
 */
export function platformUrlFromPage(
  doc: Pick<Document, 'querySelector' | 'baseURI'> = document,
): string | null {
  const content = doc.querySelector<HTMLMetaElement>('meta[name="clinicdesk-platform"]')?.content.trim();
  if (!content) return null;
  try {
    const url = new URL(content, doc.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Prints the page through the browser's own dialog (which also offers Save as PDF), under `title`
 * (the job name and suggested file name), then restores the page title. Resolves `closed` once
 * the browser reports `afterprint`: a page cannot tell a print from a cancel, or a printer from a
 * PDF, so it never claims `printed` (the caller asks the person). Browsers whose `print()`
 * returns before the dialog closes may skip `afterprint`, so a return from `print()` also settles
 * it on the next turn.
 * @throws `print.failed` when the browser refuses to print (e.g. inside a sandboxed frame)
 */
export function printWithBrowser(
  win: Pick<Window, 'print' | 'addEventListener' | 'removeEventListener' | 'setTimeout'>,
  doc: Pick<Document, 'title'>,
  title: string,
): Promise<PrintPageResult> {
  const previousTitle = doc.title;
  doc.title = title;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (result: () => void) => {
      if (settled) return;
      settled = true;
      win.removeEventListener('afterprint', closed);
      doc.title = previousTitle;
      result();
    };
    const closed = () => settle(() => resolve({ outcome: 'closed' }));
    win.addEventListener('afterprint', closed);
    try {
      win.print();
    } catch {
      settle(() => reject(new Error('print.failed')));
      return;
    }
    win.setTimeout(closed, 0);
  });
}

export const webHost: ClinicHost = {
  async appInfo() {
    const brands = (
      navigator as Navigator & { userAgentData?: { brands: { brand: string; version: string }[] } }
    ).userAgentData?.brands;
    const versions: Record<string, string> = {};
    for (const { brand, version } of brands ?? []) if (!brand.includes('Brand')) versions[brand] = version;
    return {
      name: 'ClinicDesk',
      version: __APP_VERSION__,
      mode: 'web',
      platform: navigator.platform || 'web',
      versions,
      platformUrl: platformUrlFromPage(),
      platformUrlSource: 'server',
    };
  },
  async setLocale() {
    // A browser has no native menus to relabel; the page itself follows i18next.
  },
  printPage({ title }) {
    // The page's @page rule sets the sheet; the browser dialog picks printer or PDF itself.
    return printWithBrowser(window, document, title);
  },
  async setPlatformUrl() {
    // The server that serves the page decides the platform (it forwards /v1/* there and names it
    // in the page), so a browser cannot be pointed elsewhere: Settings shows it read-only.
    throw new Error('platformAddress.fixed');
  },
};
