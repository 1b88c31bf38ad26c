/** {@link ClinicHost} for a plain browser: everything it needs is a browser API. */
import type { ClinicHost } from '../../shared/ipc/contract';

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
    };
  },
  async setLocale() {
    // A browser has no native menus to relabel; the page itself follows i18next.
  },
};
