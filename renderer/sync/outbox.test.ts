/**
 * The header's pending count (SyncIndicator: `outbox.counts$()`) covers every collection, not only
 * residents: a walk-in and a signed consultation waiting offline count too, refused rows apart.
 */
import 'fake-indexeddb/auto';
import { firstValueFrom, from } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from './outbox';

let outbox: Outbox;
afterEach(() => outbox.close());

const row = (id: string) => ({ id, updatedAt: '2026-03-02T08:00:00.000Z' });

describe('Outbox counts for the header', () => {
  it('counts a walk-in, a signed consultation and a slip waiting offline with the residents', async () => {
    outbox = new Outbox(`header-count-${Date.now()}`);
    await outbox.markPending('patients', [row('p1')]);
    await outbox.markPending('appointments', [row('walk-in-1')]);
    await outbox.markPending('encounters', [row('visit-1')]);
    await outbox.markPending('prescriptions', [row('slip-1'), row('slip-2')]);
    await outbox.settle('prescriptions', [], [{ ...row('slip-2'), errors: [{ field: 'items', code: 'x' }] }]);

    expect(await firstValueFrom(from(outbox.counts$()))).toEqual({ pending: 4, rejected: 1 });
    // One collection's own count is unchanged.
    expect(await firstValueFrom(from(outbox.counts$('patients')))).toEqual({ pending: 1, rejected: 0 });

    // Once the platform accepts them, nothing is pending.
    await outbox.settle('patients', [row('p1')], []);
    await outbox.settle('appointments', [row('walk-in-1')], []);
    await outbox.settle('encounters', [row('visit-1')], []);
    await outbox.settle('prescriptions', [row('slip-1')], []);
    expect(await firstValueFrom(from(outbox.counts$()))).toEqual({ pending: 0, rejected: 1 });
    expect(await outbox.unsent()).toBe(1);
  });
});
