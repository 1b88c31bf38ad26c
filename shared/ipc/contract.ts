/**
 * The one typed contract between the renderer and its host (Electron main through the preload
 * bridge, or the browser in web mode). Every channel is listed in {@link hostChannels}; the preload
 * exposes exactly {@link ClinicHost} and main validates every payload against the schemas here.
 */
import { z } from 'zod';
import { maxPlatformAddressLength } from '../platform/address';
import { hostChannelNames } from './channels';

export const supportedLocales = ['zh-CN', 'en'] as const;
export type Locale = (typeof supportedLocales)[number];

export const localeSchema = z.enum(supportedLocales);

/** What the Settings screen shows about the running application. */
export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** `electron` when the preload bridge is present, `web` in a plain browser. */
  mode: z.enum(['electron', 'web']),
  /** Operating system, e.g. `linux`, `win32`, or the browser's platform string. */
  platform: z.string(),
  /** Runtime versions worth showing to support staff (Electron, Chromium, Node). */
  versions: z.record(z.string(), z.string()),
  /**
   * The platform this workstation signs in and syncs against (an http(s) URL), or null when none
   * is configured: staff can then only sign in offline, with a verifier from an earlier sign-in.
   */
  platformUrl: z.string().nullable(),
  /**
   * Who decides the platform: `settings` (an administrator, in Settings; Electron),
   * `environment` (env `CLINICDESK_PLATFORM_URL` when Electron starts, which Settings cannot
   * override), or `server` (web mode: the server that serves the page). Absent: not editable.
   */
  platformUrlSource: z.enum(['settings', 'environment', 'server']).optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A new platform address, checked by shared/platform/address.ts where it is stored. */
export const platformUrlRequestSchema = z.object({
  url: z.string().max(maxPlatformAddressLength),
  /** Plain http outside loopback and the clinic network, explicitly allowed by the administrator. */
  allowInsecure: z.boolean(),
});
export type PlatformUrlRequest = z.infer<typeof platformUrlRequestSchema>;

/**
 * Paper a slip is printed on. The 2007 prescription rules fix no size; A5 portrait is the usual
 * template and the default, 130×245 mm the size one older guidance names (DOMAIN.md §1.6).
 */
export const pageSizeNames = ['A5', 'A4', 'B5', 'slip130x245'] as const;
export type PageSizeName = (typeof pageSizeNames)[number];
export const pageSizeSchema = z.enum(pageSizeNames);
export const defaultPageSize: PageSizeName = 'A5';

/**
 * Portrait dimensions of each page size in millimetres (B5 is ISO/GB B5), and the name Chromium's
 * print pipeline knows it by, where it has one.
 */
export const pageSizes = {
  A5: { widthMm: 148, heightMm: 210, chromiumName: 'A5' },
  A4: { widthMm: 210, heightMm: 297, chromiumName: 'A4' },
  B5: { widthMm: 176, heightMm: 250, chromiumName: null },
  slip130x245: { widthMm: 130, heightMm: 245, chromiumName: null },
} as const satisfies Record<
  PageSizeName,
  { widthMm: number; heightMm: number; chromiumName: 'A4' | 'A5' | null }
>;

/** What to print: the renderer's current page, on `pageSize` paper, to a printer or a PDF file. */
export const printPageOptionsSchema = z.object({
  pageSize: pageSizeSchema,
  target: z.enum(['printer', 'pdf']),
  /** Document title: the print job's name and the suggested PDF file name. */
  title: z.string().min(1).max(200),
});
export type PrintPageOptions = z.infer<typeof printPageOptionsSchema>;

/**
 * How a print ended; `path` is the PDF written, when `outcome` is `saved`. `printed` only when the
 * printer pipeline reported success; `closed` when a browser's dialog closed and the page cannot
 * tell whether it printed, saved a PDF or was cancelled (the person is asked).
 */
export const printPageResultSchema = z.object({
  outcome: z.enum(['printed', 'saved', 'cancelled', 'closed']),
  path: z.string().optional(),
});
export type PrintPageResult = z.infer<typeof printPageResultSchema>;

/** The host API the renderer may call. Nothing else crosses the bridge. */
export interface ClinicHost {
  /** Name, version and runtime of the application. */
  appInfo(): Promise<AppInfo>;
  /**
   * Tells the host which language the user chose, so native menus and dialogs follow it.
   * @throws when the locale is not one of {@link supportedLocales}
   */
  setLocale(locale: Locale): Promise<void>;
  /**
   * Prints the calling page (its print stylesheet decides what shows) through the system print
   * dialog, or saves it as a PDF where the user chooses. Resolves `cancelled` when the user backs
   * out of either dialog, `closed` when a browser dialog ends without saying how; the caller
   * records a print only for `printed` (or a `closed` the person confirms) and an export for
   * `saved` (shared/prescriptions/prints.ts).
   * @throws `print.failed` when the printer or the PDF writer reports an error,
   *   `print.writeFailed` when the PDF cannot be written where the user chose
   */
  printPage(options: PrintPageOptions): Promise<PrintPageResult>;
  /**
   * Points this desk at another platform (an administrator, in Settings). Main checks and stores
   * it; the desk uses it from its next start (the page reloads). Resolves with the app info as it
   * now is.
   * @throws a `platformAddress.*` code of shared/platform/address.ts when the address is refused,
   *   `platformAddress.fixed` when the environment or the web server decides the platform
   */
  setPlatformUrl(request: PlatformUrlRequest): Promise<AppInfo>;
}

/** Channel name, request payload schema and response schema for every host method. */
export const hostChannels = {
  appInfo: { channel: hostChannelNames.appInfo, request: z.tuple([]), response: appInfoSchema },
  setLocale: { channel: hostChannelNames.setLocale, request: z.tuple([localeSchema]), response: z.void() },
  printPage: {
    channel: hostChannelNames.printPage,
    request: z.tuple([printPageOptionsSchema]),
    response: printPageResultSchema,
  },
  setPlatformUrl: {
    channel: hostChannelNames.setPlatformUrl,
    request: z.tuple([platformUrlRequestSchema]),
    response: appInfoSchema,
  },
} as const satisfies Record<
  keyof ClinicHost,
  { channel: `clinic:${string}`; request: z.ZodType; response: z.ZodType }
>;

export type HostMethod = keyof typeof hostChannels;
