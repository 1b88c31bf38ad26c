import { describe, expect, it } from 'vitest';
import { can, roles } from './roles';

describe('permission matrix', () => {
  it('lets the centre staff who keep the registry register and edit', () => {
    for (const role of ['registrar', 'nurse', 'doctor'] as const) {
      expect(can(role, 'patient.register')).toBe(true);
      expect(can(role, 'patient.edit')).toBe(true);
    }
  });
  it('shows identifiers unmasked only to roles that need them', () => {
    expect(can('specialist', 'patient.viewIdentifiers')).toBe(false);
    expect(can('registrar', 'patient.viewIdentifiers')).toBe(true);
  });
  it('keeps administrators and specialists out of clinical edits', () => {
    expect(can('admin', 'patient.edit')).toBe(false);
    expect(can('specialist', 'patient.register')).toBe(false);
  });
  it('lets every role read', () => {
    for (const role of roles) expect(can(role, 'patient.read')).toBe(true);
  });
  it('lets only doctors write and sign clinical records; the queue is kept at the front desk too', () => {
    expect(roles.filter((r) => can(r, 'clinical.write'))).toEqual(['doctor']);
    expect(roles.filter((r) => can(r, 'queue.manage'))).toEqual(['registrar', 'nurse', 'doctor']);
    expect(can('admin', 'clinical.read')).toBe(false);
  });
  it('lets nurses and doctors record observations, and nurses nothing of the doctor’s', () => {
    expect(roles.filter((r) => can(r, 'observation.write'))).toEqual(['nurse', 'doctor']);
    expect(can('nurse', 'clinical.write')).toBe(false);
    expect(can('nurse', 'prescription.void')).toBe(false);
  });
  it('lets doctors and specialists write care plans, and no one else', () => {
    expect(roles.filter((r) => can(r, 'carePlan.write'))).toEqual(['doctor', 'specialist']);
    expect(can('specialist', 'clinical.write')).toBe(false);
  });
});
