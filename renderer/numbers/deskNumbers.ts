/**
 * This desk's blocks of numbers (shared/numbers): leased from the platform while online, handed
 * out offline. The blocks live in a plain Dexie database beside the organisation's RxDB database
 * (DESIGN.md §10: data that stays on one desk is not a collection).
 *
 * - Taking a number is one IndexedDB read-write transaction over the blocks, so two screens (or
 *   two windows) taking at once never get the same value, and a value once taken is never taken
 *   again, even when what it was taken for is not saved.
 * - When fewer than the series' low water are left, the desk leases another block, as soon as it
 *   can reach the platform (right after taking a number, and whenever sync comes back online).
 * - Leases are recorded under the desk's one identity, the id it signs in with
 *   (renderer/auth/session.ts `deskIdOf`), so the platform's lease records, its per-desk contact
 *   and the session's token all name the same desk. The id is not what keeps numbers unique: the
 *   platform draws every block from the organisation's counter and never hands a value out again,
 *   whichever id asks, and it has no way to hand a desk back its old blocks. So a desk whose
 *   blocks are cleared (its IndexedDB wiped, its id kept) simply leases new blocks under the same
 *   id, which is the truth: it is the same desk. A desk copied or restored from a backup hands
 *   out values another desk may have used (with the same id or not): the platform refuses the
 *   second holder (`outpatientNoTaken`), and {@link DeskNumbers.retire} stops this desk using that
 *   block.
 * - A daily series (queue tickets) keeps its blocks per day: each take, top-up and retirement
 *   names the day, and blocks of days gone by are dropped ({@link DeskNumbers.dropBefore}).
 */
import { Dexie, type Table } from 'dexie';
import {
  blockOf,
  needsTopUp,
  remaining,
  takeNext,
  type NumberBlock,
  type TakeOptions,
} from '../../shared/numbers/blocks';
import {
  leaseResponseSchema,
  numbersLeasePath,
  type LeaseRequest,
  type NumbersErrorCode,
} from '../../shared/numbers/protocol';
import type { NumberSeries } from '../../shared/numbers/series';

/** What leasing needs from the platform connection (the session's client). */
export interface LeaseTransport {
  request<T>(path: string, init?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<T>;
}

export type TakeResult =
  | { ok: true; number: string }
  /** `numbers.exhausted`: none left here and no block could be leased (offline, or refused). */
  | { ok: false; code: NumbersErrorCode; cause?: string };

const errorCode = (error: unknown) =>
  error && typeof error === 'object' && 'code' in error
    ? String((error as { code: unknown }).code)
    : 'unknown';

export class DeskNumbers {
  private readonly db: Dexie & { blocks: Table<NumberBlock, string> };
  /** Leases in flight, per series and day: one top-up at a time. */
  private readonly leasing = new Map<string, Promise<boolean>>();

  /**
   * `name`: the organisation's database name; the blocks live in `<name>-numbers`. `deskId`: the
   * desk's identity, the one it signs in with (renderer/auth/session.ts `deskIdOf`).
   */
  constructor(
    name: string,
    readonly deskId: string,
    indexedDB?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
  ) {
    this.db = new Dexie(`${name}-numbers`, indexedDB) as DeskNumbers['db'];
    this.db.version(1).stores({ blocks: 'leaseId, series', meta: 'key' });
    // The desk's id once kept here is the session's own now (one desk, one identity).
    this.db.version(2).stores({ blocks: 'leaseId, series', meta: null });
  }

  /** The blocks of `series` this desk holds, used up ones included. */
  blocks(series: NumberSeries): Promise<NumberBlock[]> {
    return this.db.blocks.where('series').equals(series).toArray();
  }

  /** Numbers of `series` (of `day`, for a daily series) still available here. */
  async remaining(series: NumberSeries, day?: string): Promise<number> {
    return remaining(await this.blocks(series), series, day);
  }

  /**
   * Leases one more block of `series` (of `day`, for a daily series) when fewer than its low water
   * are left (or always, with `force`), through `transport`. Resolves true when a block was added;
   * rejects with the platform's or the client's error (`network.offline`, `numbers.seriesFull`, …).
   */
  topUp(
    transport: LeaseTransport,
    series: NumberSeries,
    { force = false, day }: { force?: boolean; day?: string } = {},
  ): Promise<boolean> {
    const key = `${series}/${day ?? ''}`;
    const running = this.leasing.get(key);
    if (running) return running;
    const run = (async () => {
      if (!force && !needsTopUp(await this.blocks(series), series, day)) return false;
      const body: LeaseRequest = { series, deskId: this.deskId, ...(day ? { day } : {}) };
      const answer = await transport.request<unknown>(numbersLeasePath, { method: 'POST', body });
      const { lease } = leaseResponseSchema.parse(answer);
      await this.db.blocks.put({
        leaseId: lease.id,
        series: lease.series,
        prefix: lease.prefix,
        first: lease.first,
        last: lease.last,
        next: lease.first,
        leasedAt: lease.leasedAt,
        ...(lease.day ? { day: lease.day } : {}),
      });
      return true;
    })().finally(() => this.leasing.delete(key));
    this.leasing.set(key, run);
    return run;
  }

  /**
   * The next number of `series` (of `options.day`, for a daily series, skipping `options.taken`).
   * With none left here, leases a block first when `transport` is given (online); after taking,
   * tops up in the background when running low.
   */
  async take(
    series: NumberSeries,
    transport: LeaseTransport | null,
    options: TakeOptions = {},
  ): Promise<TakeResult> {
    let number = await this.takeHere(series, options);
    let cause: string | undefined;
    if (number === null && transport) {
      try {
        await this.topUp(transport, series, { force: true, day: options.day });
      } catch (error) {
        cause = errorCode(error);
      }
      number = await this.takeHere(series, options);
    }
    if (number === null) return { ok: false, code: 'numbers.exhausted', ...(cause ? { cause } : {}) };
    if (transport) void this.topUp(transport, series, { day: options.day }).catch(() => undefined);
    return { ok: true, number };
  }

  /** Takes the next number from the blocks held here, in one transaction; null when none is left. */
  private takeHere(series: NumberSeries, options: TakeOptions): Promise<string | null> {
    return this.db.transaction('rw', this.db.blocks, async () => {
      const taken = takeNext(await this.blocks(series), series, options);
      if (!taken) return null;
      await this.db.blocks.put(taken.block);
      return taken.number;
    });
  }

  /**
   * Stops taking numbers from the block `number` came from: the platform found one of its numbers
   * held by another record, so this desk's copy of the block is not its own (a copied or restored
   * desk). Returns whether a block of this desk was retired.
   */
  async retire(series: NumberSeries, number: string, at = new Date(), day?: string): Promise<boolean> {
    return this.db.transaction('rw', this.db.blocks, async () => {
      const block = blockOf(await this.blocks(series), series, number, day);
      if (!block || block.retiredAt) return false;
      await this.db.blocks.put({ ...block, retiredAt: at.toISOString() });
      return true;
    });
  }

  /** Drops the blocks of daily series for days before `day` (YYYY-MM-DD): they give nothing more. */
  async dropBefore(day: string): Promise<number> {
    const old = (await this.db.blocks.toArray()).filter((b) => b.day !== undefined && b.day < day);
    await this.db.blocks.bulkDelete(old.map((b) => b.leaseId));
    return old.length;
  }

  close(): void {
    this.db.close();
  }
}
