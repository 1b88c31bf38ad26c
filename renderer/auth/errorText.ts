/** Sign-in and unlock failures as sentences in the user's language. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PlatformError } from '../platform/client';
import { SignInError } from './session';

/** Codes with a sentence of their own under `auth:errors`; anything else reads as "unexpected". */
const knownCodes = [
  'auth.invalidCredentials',
  'auth.locked',
  'auth.throttled',
  'auth.addressLocked',
  'auth.accountDisabled',
  'auth.required',
  'auth.expired',
  'auth.invalidToken',
  'auth.refreshInvalid',
  'auth.forbidden',
  'auth.deskCredentialInvalid',
  'client.outdated',
  'request.invalid',
  'request.tooLarge',
  'request.unsupportedMediaType',
  'request.rateLimited',
  'request.notFound',
  'server.internal',
  'network.offline',
  'response.invalid',
  'offline.noVerifier',
  'offline.wrongPassword',
  'offline.locked',
  'platform.notConfigured',
  'unlock.wrongPassword',
  'unlock.passwordChanged',
] as const;
type KnownCode = (typeof knownCodes)[number];
const isKnown = (code: string): code is KnownCode => (knownCodes as readonly string[]).includes(code);

/**
 * The sentence for a failed sign-in, unlock or reconnect. Lockouts say how many minutes are
 * left, rate limits how many seconds.
 */
export function useSignInErrorText(): (error: unknown) => string {
  const { t } = useTranslation('auth');
  return (error) => signInErrorText(t, error);
}

/** {@link useSignInErrorText} for a given translator of the `auth` namespace. */
export function signInErrorText(t: TFunction<'auth'>, error: unknown): string {
  const { code, retryAfterSeconds } =
    error instanceof SignInError || error instanceof PlatformError
      ? error
      : { code: 'unexpected', retryAfterSeconds: undefined };
  const seconds = Math.max(1, retryAfterSeconds ?? 60);
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return isKnown(code) ? t(`errors.${code}`, { minutes, seconds }) : t('errors.unexpected', { code });
}
