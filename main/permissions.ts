/**
 * Web permissions (camera, notifications, geolocation, clipboard, USB…) are denied unless
 * {@link isPermissionAllowed} says otherwise; today it allows only persistent storage to the app's
 * own pages. The consult view will get `media` by adding one entry to {@link grants}.
 */
import type { Session } from 'electron';
import { isAppUrl } from './origin';

/** One permission the app grants, and to which of its own pages. */
interface PermissionGrant {
  readonly permission: string;
  /** Whether the page at this app:// URL may have it (e.g. only the consult route). */
  readonly allowsUrl: (url: URL) => boolean;
}

const grants: readonly PermissionGrant[] = [
  // The whole record lives in IndexedDB: ask that it never be evicted when the disk runs low.
  { permission: 'persistent-storage', allowsUrl: () => true },
];

/**
 * Whether `permission` may be granted to the page at `url`: only ever to the app's own origin, and
 * only what {@link grants} lists.
 */
export function isPermissionAllowed(permission: string, url: string): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url);
  return grants.some((grant) => grant.permission === permission && grant.allowsUrl(parsed));
}

/** Installs the deny-by-default request, check and device handlers on `session`. */
export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
