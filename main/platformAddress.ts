/**
 * The platform this desk signs in and syncs against, as main knows it: env
 * `CLINICDESK_PLATFORM_URL` when Electron was started with it (a deployment's choice, which Settings
 * cannot override), else the address an administrator set in Settings (settings.json). Every
 * address passes shared/platform/address.ts, when set and again when read back from the file. The
 * app protocol's CSP (`connect-src`) reads {@link PlatformAddress.origin} on every page load, so a
 * new address takes effect when the page reloads.
 */
import { checkPlatformAddress } from '../shared/platform/address';
import type { AppInfo, PlatformUrlRequest } from '../shared/ipc/contract';
import { platformOriginFrom } from './origin';
import { updateSettings, type Settings } from './settings';

export class PlatformAddress {
  private stored: string | undefined;

  constructor(
    /** The environment's address (env `CLINICDESK_PLATFORM_URL`), if any. */
    private readonly environment: string | undefined,
    settings: Pick<Settings, 'platformUrl' | 'allowInsecurePlatform'>,
  ) {
    const checked =
      settings.platformUrl === undefined
        ? undefined
        : checkPlatformAddress(settings.platformUrl, {
            allowInsecure: settings.allowInsecurePlatform === true,
          });
    if (checked?.ok) this.stored = checked.origin;
    else if (checked) console.warn(`Ignoring the stored platform address (${checked.code})`);
  }

  /** From the environment and the settings main read at start. */
  static from(
    env: string | undefined,
    settings: Pick<Settings, 'platformUrl' | 'allowInsecurePlatform'>,
  ): PlatformAddress {
    return new PlatformAddress(platformOriginFrom(env), settings);
  }

  /** The platform's origin, or undefined when none is set. */
  get origin(): string | undefined {
    return this.environment ?? this.stored;
  }

  get source(): NonNullable<AppInfo['platformUrlSource']> {
    return this.environment ? 'environment' : 'settings';
  }

  /**
   * Checks and stores a new address.
   * @throws Error whose message is a `platformAddress.*` code: the rule's refusal, or
   *   `platformAddress.fixed` when the environment sets the platform
   */
  async set({ url, allowInsecure }: PlatformUrlRequest, settingsFile: string): Promise<string> {
    if (this.environment) throw new Error('platformAddress.fixed');
    const checked = checkPlatformAddress(url, { allowInsecure });
    if (!checked.ok) throw new Error(checked.code);
    await updateSettings(settingsFile, { platformUrl: checked.origin, allowInsecurePlatform: allowInsecure });
    this.stored = checked.origin;
    return checked.origin;
  }
}
