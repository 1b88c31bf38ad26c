import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  hasValidSignature,
  lockedContent,
  recordHash,
  signRecord,
  type LockPolicy,
  type SignableRecord,
} from './signature';

interface Note extends SignableRecord {
  text: string;
  nested: { a: number; b: string };
  prints: string[];
  updatedAt: string;
  _rev?: string;
}

const draft: Note = {
  id: 'n1',
  status: 'draft',
  signature: null,
  text: '咳嗽三天',
  nested: { a: 1, b: 'x' },
  prints: [],
  updatedAt: '2026-01-01T08:00:00+08:00',
};
const printable: LockPolicy = { appendOnly: { prints: 'append', updatedAt: 'mutable' } };
const signer = { by: 'staff-1', byName: '李医生', at: '2026-01-01T09:00:00+08:00' };

describe('recordHash', () => {
  it('is SHA-256 hex of the canonical JSON of the locked content', () => {
    const expected = bytesToHex(
      sha256(
        utf8ToBytes(
          '{"id":"n1","nested":{"a":1,"b":"x"},"prints":[],"status":"draft","text":"咳嗽三天","updatedAt":"2026-01-01T08:00:00+08:00"}',
        ),
      ),
    );
    expect(recordHash(draft)).toBe(expected);
    expect(recordHash(draft)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order, bookkeeping and the signature', () => {
    const reordered = {
      ...Object.fromEntries(Object.entries(draft).reverse()),
      nested: { b: 'x', a: 1 },
      _rev: '3-abc',
    };
    expect(recordHash(reordered)).toBe(recordHash(draft));
    expect(recordHash({ ...draft, signature: { ...signer, hash: 'f' } })).toBe(recordHash(draft));
  });

  it('leaves out the fields the policy keeps open', () => {
    expect(lockedContent(draft, printable)).not.toHaveProperty('prints');
    expect(lockedContent(draft, printable)).not.toHaveProperty('updatedAt');
    expect(recordHash({ ...draft, prints: ['p1'] }, printable)).toBe(recordHash(draft, printable));
  });

  it('changes with any locked content, nested values included', () => {
    const base = recordHash(draft);
    for (const changed of [
      { ...draft, text: '咳嗽四天' },
      { ...draft, nested: { a: 2, b: 'x' } },
      { ...draft, status: 'signed' as const },
      { ...draft, prints: ['p1'] },
    ])
      expect(recordHash(changed)).not.toBe(base);
  });
});

describe('signRecord', () => {
  it('signs a draft so that its hash verifies', () => {
    const signed = signRecord(draft, signer, printable);
    expect(signed.status).toBe('signed');
    expect(signed.updatedAt).toBe(signer.at);
    expect(signed.signature).toEqual({ ...signer, hash: recordHash(signed, printable) });
    expect(hasValidSignature(signed, printable)).toBe(true);
    expect(draft.status).toBe('draft');
  });

  it('is detectably broken by a later change of locked content', () => {
    const signed = signRecord(draft, signer, printable);
    expect(hasValidSignature({ ...signed, text: '改了' }, printable)).toBe(false);
    expect(hasValidSignature({ ...signed, prints: ['p1'] }, printable)).toBe(true);
    expect(hasValidSignature(draft)).toBe(false);
  });

  it('refuses to sign a signed record', () => {
    const signed = signRecord(draft, signer);
    expect(() => signRecord(signed, signer)).toThrow('notDraft');
  });
});
