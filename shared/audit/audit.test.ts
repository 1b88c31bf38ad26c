import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import ZSchema from 'z-schema';
import { isSyncedCollection, permissionFor, syncedCollections } from '../sync/collections';
import { checkAuditEvent } from './rules';
import { auditEventSchema, type AuditEventDoc } from './schema';

const read: AuditEventDoc = {
  id: '0190d9a0-0000-7000-8000-0000000a0d01',
  orgId: 'org-chc',
  actorId: 'staff-1',
  action: 'patient.read',
  recordCollection: 'patients',
  recordId: '0190d9a0-0000-7000-8000-00000000a001',
  at: '2026-11-23T09:30:00.000+08:00',
};
const signIn: AuditEventDoc = {
  id: '0190d9a0-0000-7000-8000-0000000a0d02',
  orgId: 'org-chc',
  actorId: 'staff-1',
  action: 'auth.signInOffline',
  at: '2026-11-23T01:30:00.000Z',
  details: { reason: 'offline', attempts: 1, locked: false },
};

const validator = ZSchema.create({ strictMode: false });
const valid = (doc: unknown) =>
  validator.validateSafe(doc, auditEventSchema as unknown as Parameters<typeof validator.validateSafe>[1])
    .valid;

describe('audit event schema', () => {
  it('is a schema RxDB accepts', () => {
    expect(() => checkSchema(structuredClone(auditEventSchema) as never)).not.toThrow();
  });

  it('accepts flat, short details and refuses anything else', () => {
    expect(valid(read)).toBe(true);
    expect(valid(signIn)).toBe(true);
    expect(valid({ ...signIn, action: 'patient.delete' })).toBe(false);
    expect(valid({ ...signIn, details: { nested: { a: 1 } } })).toBe(false);
    expect(valid({ ...signIn, details: { long: 'x'.repeat(201) } })).toBe(false);
    expect(valid({ ...signIn, hash: 'forged' })).toBe(false);
  });
});

describe('audit event rules', () => {
  it('accepts events about a record and events about a session', () => {
    expect(checkAuditEvent(read)).toEqual([]);
    expect(checkAuditEvent(signIn)).toEqual([]);
  });

  it.each<[string, AuditEventDoc, { field: string; code: string }]>([
    ['an id that is not a UUIDv7', { ...read, id: 'abc' }, { field: 'id', code: 'uuidV7' }],
    ['a time without an offset', { ...read, at: '2026-11-23 09:30' }, { field: 'at', code: 'instant' }],
    ['an impossible date', { ...read, at: '2026-13-45T09:30:00Z' }, { field: 'at', code: 'instant' }],
    [
      'a chart read naming no record',
      { ...read, recordId: undefined },
      { field: 'recordId', code: 'required' },
    ],
    [
      'a sign-in naming a record',
      { ...signIn, recordCollection: 'patients' },
      { field: 'recordCollection', code: 'notForAction' },
    ],
  ])('refuses %s', (_label, event, error) => {
    expect(checkAuditEvent(event)).toContainEqual(error);
  });
});

describe('auditEvents in the collection registry', () => {
  const { auditEvents } = syncedCollections;
  it('is pushed by every signed-in role, never pulled, and kept in the audit trail', () => {
    expect(isSyncedCollection('auditEvents')).toBe(true);
    expect(permissionFor(auditEvents, 'push')).toBe('patient.read');
    expect(permissionFor(auditEvents, 'pull')).toBeNull();
    expect(auditEvents.platformStore).toBe('auditLog');
  });

  it('never changes an event once the platform has it', () => {
    const edited = { ...read, recordId: 'other' };
    expect(auditEvents.isEqual(read, { ...read })).toBe(true);
    expect(auditEvents.resolve({ newDocumentState: edited, realMasterState: read })).toBe(read);
  });
});
