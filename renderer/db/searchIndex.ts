/**
 * Search-as-you-type over residents. RxDB indexes only scalar fields, but one resident has several
 * keys (every reading of a polyphonic name's initials, the reversed ID and mobile for suffix
 * search), so the keys live in a Dexie table with a multi-entry index: every kind of search is one
 * index range scan, never a full scan or a regex.
 *
 * The table is derived data. It follows the patients collection through RxDB's changes-since
 * checkpoint feed (the same one replication uses), so registrations, edits, deletions and, later,
 * documents arriving by sync are all indexed, and a crash between the two writes heals on the next
 * catch-up.
 *
 * While a first sync brings a whole centre's residents, the index holds still (see
 * {@link PatientSearchIndex.holdWhile}) and indexes them all in one catch-up when it ends.
 */
import { Dexie, type Table } from 'dexie';
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { PatientDoc } from '../../shared/patients/schema';
import { changedDocumentsSince } from './rxdbInternals';
import { patientSearchKeys, searchPrefixes, type SearchKind } from '../../shared/patients/searchKeys';

interface Entry {
  id: string;
  k: string[];
}
interface Meta {
  key: string;
  value: unknown;
}
type Checkpoint = { id: string; lwt: number } | undefined;

const batchSize = 2000;
/** Indexed for every resident with an open collision, so the conflicts list is one lookup. */
const collisionKey = 'c:';

export interface SearchHit {
  id: string;
  kinds: SearchKind[];
}

export class PatientSearchIndex {
  private readonly db: Dexie & { entries: Table<Entry, string>; meta: Table<Meta, string> };
  private running: Promise<void> | undefined;
  private again = false;
  private readonly subscription: { unsubscribe(): void };
  /** True while changes wait for a first sync to end (search then finds only what was indexed). */
  readonly held$ = new BehaviorSubject(false);

  constructor(
    private readonly patients: RxCollection<PatientDoc>,
    indexedDB?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
  ) {
    this.db = new Dexie(`${patients.database.name}-search`, indexedDB) as PatientSearchIndex['db'];
    this.db.version(1).stores({ entries: 'id, *k', meta: 'key' });
    this.subscription = patients.$.subscribe(() => {
      if (!this.held$.value) void this.catchUp();
    });
  }

  /**
   * Holds indexing while `busy$` says true: a first sync writes a centre's residents page by page,
   * and indexing each page as it lands made IndexedDB read every resident back and write its keys
   * in the middle of the sync (a third of the first sync's time). When `busy$` turns false, one
   * catch-up indexes everything. Returns the function that stops following `busy$` (and lets go
   * of a hold; the next change or catch-up indexes what waited).
   */
  holdWhile(busy$: Observable<boolean>): () => void {
    const subscription = busy$.pipe(distinctUntilChanged()).subscribe((busy) => {
      this.held$.next(busy);
      if (!busy) void this.catchUp();
    });
    return () => {
      subscription.unsubscribe();
      this.held$.next(false);
    };
  }

  /**
   * Indexes every patient change since the last checkpoint. Concurrent calls share one run, and a
   * call during a run schedules one more, so nothing written meanwhile is missed.
   */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    let checkpoint = (await this.db.meta.get('checkpoint'))?.value as Checkpoint;
    while (!this.held$.value) {
      const batch = await changedDocumentsSince(this.patients, batchSize, checkpoint);
      if (batch.documents.length === 0) return;
      const put: Entry[] = [];
      const removed: string[] = [];
      for (const doc of batch.documents) {
        if (doc._deleted) removed.push(doc.id);
        else
          put.push({
            id: doc.id,
            k: [...patientSearchKeys(doc), ...(doc.collisions.length ? [collisionKey] : [])],
          });
      }
      checkpoint = batch.checkpoint as Checkpoint;
      await this.db.transaction('rw', this.db.entries, this.db.meta, async () => {
        await this.db.entries.bulkPut(put);
        await this.db.entries.bulkDelete(removed);
        await this.db.meta.put({ key: 'checkpoint', value: checkpoint });
      });
      if (batch.documents.length < batchSize) return;
    }
  }

  /**
   * Ids of the residents matching what the user typed, best kinds first, at most `limit`.
   * Waits for changes being indexed, so a record saved a moment ago is found.
   */
  async search(query: string, limit = 50): Promise<SearchHit[]> {
    // Every write emits a change event that starts a catch-up; waiting for the one in flight (not
    // starting a new one, which costs a storage query) is enough to find what was just saved.
    if (this.running) await this.running;
    const hits = new Map<string, SearchKind[]>();
    for (const { kind, prefix } of searchPrefixes(query)) {
      const ids = await this.db.entries.where('k').startsWith(prefix).limit(limit).primaryKeys();
      for (const id of ids) hits.set(id, [...(hits.get(id) ?? []), kind]);
      if (hits.size >= limit) break;
    }
    return [...hits].slice(0, limit).map(([id, kinds]) => ({ id, kinds }));
  }

  /** Ids of residents with collisions waiting for a person to settle them. */
  async withCollisions(limit = 500): Promise<string[]> {
    if (this.running) await this.running;
    return this.db.entries.where('k').equals(collisionKey).limit(limit).primaryKeys();
  }

  /** Number of residents in the index (for progress and tests). */
  count(): Promise<number> {
    return this.db.entries.count();
  }

  close(): void {
    this.subscription.unsubscribe();
    this.db.close();
  }
}
