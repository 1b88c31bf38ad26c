import { describe, expect, it } from 'vitest';
import { databaseNameFor } from './Workspace';

describe('databaseNameFor', () => {
  it('gives each organisation its own database with a name RxDB accepts', () => {
    expect(databaseNameFor('org-chc-demo')).toBe('clinicdesk-org-chc-demo');
    expect(databaseNameFor('org-hosp-demo')).not.toBe(databaseNameFor('org-chc-demo'));
    expect(databaseNameFor('Org.X/1')).toMatch(/^[a-z][_a-z0-9-]*$/);
    expect(databaseNameFor('a.b')).not.toBe(databaseNameFor('a/b'));
  });
});
