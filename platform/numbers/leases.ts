/**
 * Leasing blocks of a number series to desks (shared/numbers). The organisation's counter is one
 * row of `number_series` (one per day for a daily series, such as queue tickets); a lease is one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` on it, which holds the row's lock until commit, so
 * concurrent leases, from one platform process or several on one PostgreSQL, queue on the row and
 * each gets the values after the one before. Values handed out are never handed out again: a desk
 * that loses its blocks (storage cleared) leases new ones.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Lease } from '../../shared/numbers/protocol';
import { seriesMax, seriesRules, type NumberSeries } from '../../shared/numbers/series';
import { appendAudit } from '../audit/audit';
import type { Store } from '../db/store';

export interface LeaseInput {
  orgId: string;
  staffId: string;
  series: NumberSeries;
  /** The desk the lease is recorded under (./routes.ts says which). */
  deskId: string;
  /** Numbers wanted; the series' block size when absent. */
  size?: number;
  /** The day of a daily series' block (YYYY-MM-DD); absent for other series. */
  day?: string;
  now: Date;
}

/** The series has no values left for the organisation; nothing was leased. */
export class SeriesFullError extends Error {
  constructor(readonly series: NumberSeries) {
    super('numbers.seriesFull');
  }
}

/**
 * Leases the next block of `series` to a desk, records the lease and audits it, all in one
 * transaction.
 * @throws SeriesFullError when the block would run past the series' last value
 */
export async function leaseBlock(store: Store, input: LeaseInput): Promise<Lease> {
  const rule = seriesRules[input.series];
  const size = input.size ?? rule.blockSize;
  const day = rule.daily ? input.day : undefined;
  if (rule.daily && !day) throw new Error(`A ${input.series} lease names its day`);
  return store.transaction(async (tx) => {
    const [drawn] = await tx.query<{ first_value: number }>(
      `INSERT INTO number_series (org_id, series, day, next_value) VALUES ($1, $2, $4, 1 + $3::bigint)
       ON CONFLICT (org_id, series, day) DO UPDATE SET next_value = number_series.next_value + $3::bigint
       RETURNING next_value - $3::bigint AS first_value`,
      [input.orgId, input.series, size, day ?? ''],
    );
    const first = drawn!.first_value;
    const last = first + size - 1;
    // Throwing rolls the counter back too, so a full series stays exactly as full.
    if (last > seriesMax(input.series)) throw new SeriesFullError(input.series);
    const [org] = await tx.query<{ number_code: string | null }>(
      'SELECT number_code FROM organisations WHERE id = $1',
      [input.orgId],
    );
    const lease: Lease = {
      id: uuidv7(),
      series: input.series,
      // Tickets carry their series' letter: they are called out within the centre, and short.
      prefix: rule.letter ?? org?.number_code ?? '',
      first,
      last,
      leasedAt: input.now.toISOString(),
      ...(day ? { day } : {}),
    };
    await tx.query(
      `INSERT INTO number_leases
         (id, org_id, series, desk_id, staff_id, prefix, first_value, last_value, leased_at, day)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        lease.id,
        input.orgId,
        lease.series,
        input.deskId,
        input.staffId,
        lease.prefix,
        first,
        last,
        lease.leasedAt,
        day ?? null,
      ],
    );
    await appendAudit(tx, {
      action: 'numbers.lease',
      orgId: input.orgId,
      actorId: input.staffId,
      collection: 'numberLeases',
      recordId: lease.id,
      details: { series: lease.series, deskId: input.deskId, first, last, ...(day ? { day } : {}) },
      at: input.now,
    });
    return lease;
  });
}
