import { describe, expect, it, vi } from 'vitest';
import { installPermissionHandlers, isPermissionAllowed } from './permissions';

vi.mock('electron', () => ({}));

const permissions = [
  'media',
  'notifications',
  'geolocation',
  'clipboard-read',
  'midi',
  'openExternal',
  'hid',
];

describe('isPermissionAllowed', () => {
  it('denies camera, microphone, location and the rest, even to the app itself', () => {
    for (const permission of permissions) {
      expect(isPermissionAllowed(permission, 'app://clinicdesk/')).toBe(false);
      expect(isPermissionAllowed(permission, 'https://evil.example/')).toBe(false);
    }
  });
  it('grants persistent storage to the app and to nobody else', () => {
    expect(isPermissionAllowed('persistent-storage', 'app://clinicdesk/#/settings')).toBe(true);
    expect(isPermissionAllowed('persistent-storage', 'https://evil.example/')).toBe(false);
  });
});

describe('installPermissionHandlers', () => {
  const install = () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    installPermissionHandlers(session as never);
    return {
      request: session.setPermissionRequestHandler.mock.calls[0]?.[0] as (...args: unknown[]) => void,
      check: session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean,
      device: session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean,
    };
  };

  it('denies camera, notifications and geolocation requests', () => {
    const { request } = install();
    for (const permission of ['media', 'notifications', 'geolocation']) {
      const callback = vi.fn();
      request({}, permission, callback, {
        requestingUrl: 'app://clinicdesk/consults',
        mediaTypes: ['video'],
      });
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers permission checks and device requests with no', () => {
    const { check, device } = install();
    for (const permission of permissions) expect(check(null, permission, 'app://clinicdesk', {})).toBe(false);
    expect(device({ deviceType: 'usb', origin: 'app://clinicdesk' })).toBe(false);
  });
});
