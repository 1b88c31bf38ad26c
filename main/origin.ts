/**
 * Where the renderer lives inside Electron. Every window loads `app://clinicdesk/`, and navigation,
 * IPC and permission checks all compare against this one origin.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'clinicdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the main window opens: the SPA's root. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/**
 * Whether `url` belongs to the app's own origin. Compares scheme and host rather than
 * `URL#origin`, because Node does not know `app:` is a standard scheme and reports its origin as
 * `"null"` (Chromium reports `app://clinicdesk`).
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * The origin of the platform URL (env `CLINICDESK_PLATFORM_URL`), or undefined when it is unset
 * or not an http(s) URL (a warning says so rather than starting with a broken policy).
 */
export function platformOriginFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    // reported below
  }
  console.warn(`Ignoring CLINICDESK_PLATFORM_URL: not an http(s) URL (${value})`);
  return undefined;
}
