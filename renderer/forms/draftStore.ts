/**
 * Half-filled forms kept on this desk, so a reload, a crash of the page or the idle lock loses
 * nothing that was typed into a registration or an edit. The drafts live in a plain Dexie database
 * beside the organisation's RxDB database, `<name>-drafts` (DESIGN.md §10: form drafts stay on one
 * desk and are not a collection); clearing the organisation's data (db/localData.ts) deletes it.
 *
 * Each draft belongs to the person who typed it: rows are keyed by staff id and form, read only
 * for the person signed in, and all of a person's drafts go when they sign out. A draft keeps the
 * values the form started from (`base`) beside what was typed (`values`), so restoring it over a
 * record that changed meanwhile (a sync, another desk) takes only the fields this person changed.
 */
import { Dexie, type Table } from 'dexie';

/** What a form keeps: plain JSON values (dates as text), by field. */
export type DraftValues = Record<string, unknown>;

export interface FormDraft {
  /** The values the form started from when the person began typing. */
  base: DraftValues;
  /** What the form held when it was last saved here. */
  values: DraftValues;
  /** ISO time of the last save, for display only. */
  savedAt: string;
}

interface DraftRow extends FormDraft {
  /** `<staff id>|<form>` */
  key: string;
  userId: string;
  form: string;
}

type IndexedDBOption = { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };

/** The Dexie database of an organisation's drafts (`name`: its RxDB database name). */
export function draftsDatabaseName(name: string): string {
  return `${name}-drafts`;
}

export class DraftStore {
  private readonly db: Dexie & { drafts: Table<DraftRow, string> };

  constructor(name: string, indexedDB?: IndexedDBOption) {
    this.db = new Dexie(draftsDatabaseName(name), indexedDB) as DraftStore['db'];
    this.db.version(1).stores({ drafts: 'key, userId' });
  }

  /** `userId`'s draft of `form`, if one is kept. */
  async get(userId: string, form: string): Promise<FormDraft | undefined> {
    const row = await this.db.drafts.get(rowKey(userId, form));
    return row && { base: row.base, values: row.values, savedAt: row.savedAt };
  }

  /** Keeps `draft` as `userId`'s draft of `form`, replacing the last one. */
  async put(userId: string, form: string, draft: FormDraft): Promise<void> {
    await this.db.drafts.put({ key: rowKey(userId, form), userId, form, ...draft });
  }

  /** Forgets `userId`'s draft of `form` (saved or discarded). */
  async remove(userId: string, form: string): Promise<void> {
    await this.db.drafts.delete(rowKey(userId, form));
  }

  /** Forgets every draft of `userId` (they signed out); answers how many went. */
  clearUser(userId: string): Promise<number> {
    return this.db.drafts.where('userId').equals(userId).delete();
  }

  close(): void {
    this.db.close();
  }
}

const rowKey = (userId: string, form: string) => `${userId}|${form}`;

/**
 * The values to restore: what the person changed in the draft (fields whose draft value differs
 * from the draft's base), over `current`, the values the form would start from now.
 */
export function restoreDraft<V extends DraftValues>(current: V, draft: FormDraft): V {
  const restored: DraftValues = { ...current };
  for (const [field, value] of Object.entries(draft.values)) {
    if (!sameValue(value, draft.base[field])) restored[field] = value;
  }
  return restored as V;
}

/** Whether two plain JSON values are equal (an absent field equals an empty one). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Whether `values` differ from `base` in any field. */
export function differs(values: DraftValues, base: DraftValues): boolean {
  const fields = new Set([...Object.keys(values), ...Object.keys(base)]);
  for (const field of fields) if (!sameValue(values[field], base[field])) return true;
  return false;
}

/** The desk's draft stores, one per organisation database, opened when first used. */
const stores = new Map<string, DraftStore>();

/** The draft store of organisation database `name` in this page. */
export function draftsOf(name: string): DraftStore {
  let store = stores.get(name);
  if (!store) {
    store = new DraftStore(name);
    stores.set(name, store);
  }
  return store;
}
