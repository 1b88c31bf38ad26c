/** {@link ClinicHost} for a plain browser: everything it needs is a browser API. */
import type { ClinicHost } from '../../shared/ipc/contract';

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
    };
  },
  async setLocale() {
    // A browser has no native menus to relabel; the page itself follows i18next.
  },
};
