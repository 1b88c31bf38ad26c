import { describe, expect, it } from 'vitest';
import { confirmationCovers, type ReauthPurpose } from './reauth';

const signedInAt = '2026-03-02T08:00:00.000Z';
const at = (offsetMs: number) => new Date(new Date(signedInAt).getTime() + offsetMs);
const minute = 60_000;

describe('confirmationCovers', () => {
  it.each<[string, ReauthPurpose, string | null, Date, boolean]>([
    ['signing right after sign-in', 'sign', signedInAt, at(0), true],
    ['signing 4:59 later', 'sign', signedInAt, at(5 * minute - 1000), true],
    ['signing exactly 5 minutes later', 'sign', signedInAt, at(5 * minute), true],
    ['signing 5 minutes and 1 ms later', 'sign', signedInAt, at(5 * minute + 1), false],
    ['signing an hour later', 'sign', signedInAt, at(60 * minute), false],
    ['a void within the window', 'void', signedInAt, at(2 * minute), true],
    ['a void past the window', 'void', signedInAt, at(6 * minute), false],
    ['an over-dose second signature, even at once', 'overdose', signedInAt, at(0), false],
    ['no confirmation at this desk', 'sign', null, at(0), false],
    ['a confirmation in the future (clock set back)', 'sign', signedInAt, at(-1000), false],
    ['an unreadable time', 'sign', 'not a time', at(0), false],
  ])('%s', (_case, purpose, confirmedAt, now, expected) => {
    expect(confirmationCovers(purpose, confirmedAt, now)).toBe(expected);
  });
});
