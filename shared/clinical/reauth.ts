/**
 * Re-authenticated signing (DOMAIN.md §7.4): a signature, a second signature for an over-dose line
 * and a void are acts the person answers for, so the desk asks for the signed-in person's
 * password again before them. A sign-in or password confirmation at this desk within the last
 * {@link reauthWindowMinutes} minutes already proves the person is at the keyboard, except for the
 * over-dose second signature, whose point is a deliberate second confirmation.
 */

/** Why the password is asked again. */
export type ReauthPurpose = 'sign' | 'overdose' | 'void';

export const reauthPurposes: readonly ReauthPurpose[] = ['sign', 'overdose', 'void'];

/** How long a sign-in or confirmation stands in for a new prompt. */
export const reauthWindowMinutes = 5;

/**
 * Whether a password confirmation at `confirmedAt` (ISO time, null when none at this desk) still
 * covers `purpose` at `now`: within {@link reauthWindowMinutes} minutes inclusive, and not in the
 * future (a clock set back must not stretch the window). `overdose` always needs a fresh prompt.
 */
export function confirmationCovers(purpose: ReauthPurpose, confirmedAt: string | null, now: Date): boolean {
  if (purpose === 'overdose' || !confirmedAt) return false;
  const elapsed = now.getTime() - new Date(confirmedAt).getTime();
  return Number.isFinite(elapsed) && elapsed >= 0 && elapsed <= reauthWindowMinutes * 60_000;
}
