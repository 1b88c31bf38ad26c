/**
 * The desk keeps the furthest audit chain head the platform sent it, so a platform whose newest
 * audit events were removed later is caught by `npm run audit:verify -- --head …`.
 */
import { describe, expect, it } from 'vitest';
import { keptAuditHead, noteAuditHead } from './auditHead';

const head = (seq: number, fill: string) => `${seq}.${fill.repeat(64)}.${'c'.repeat(64)}`;

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('the audit head a desk keeps', () => {
  it('keeps the furthest head sent and ignores older or malformed ones', () => {
    const storage = memoryStorage();
    expect(keptAuditHead(storage)).toBeNull();
    noteAuditHead(head(12, 'a'), storage);
    noteAuditHead(head(9, 'b'), storage);
    noteAuditHead('12.not-a-hash.x', storage);
    noteAuditHead(null, storage);
    expect(keptAuditHead(storage)).toEqual({ seq: 12, hash: 'a'.repeat(64), mac: 'c'.repeat(64) });
    noteAuditHead(head(40, 'd'), storage);
    expect(keptAuditHead(storage)?.seq).toBe(40);
  });

  it('loses nothing but the reminder when storage refuses a write', () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => noteAuditHead(head(3, 'e'), refusing)).not.toThrow();
  });
});
