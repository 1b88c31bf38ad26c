/**
 * The one typed contract between the renderer and its host (Electron main through the preload
 * bridge, or the browser in web mode). Every channel is listed in {@link hostChannels}; the preload
 * exposes exactly {@link ClinicHost} and main validates every payload against the schemas here.
 */
import { z } from 'zod';
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
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** The host API the renderer may call. Nothing else crosses the bridge. */
export interface ClinicHost {
  /** Name, version and runtime of the application. */
  appInfo(): Promise<AppInfo>;
  /**
   * Tells the host which language the user chose, so native menus and dialogs follow it.
   * @throws when the locale is not one of {@link supportedLocales}
   */
  setLocale(locale: Locale): Promise<void>;
}

/** Channel name, request payload schema and response schema for every host method. */
export const hostChannels = {
  appInfo: { channel: hostChannelNames.appInfo, request: z.tuple([]), response: appInfoSchema },
  setLocale: { channel: hostChannelNames.setLocale, request: z.tuple([localeSchema]), response: z.void() },
} as const satisfies Record<
  keyof ClinicHost,
  { channel: `clinic:${string}`; request: z.ZodType; response: z.ZodType }
>;

export type HostMethod = keyof typeof hostChannels;
