/** Building blocks for tests that need patient records (test support only; no app code uses it). */
import type { Address, PatientDoc } from '../patients/schema';

/** An address with nothing filled in, as a form left blank produces. */
export const emptyAddress: Address = {
  provinceCode: '',
  province: '',
  cityCode: '',
  city: '',
  districtCode: '',
  district: '',
  streetCode: '',
  street: '',
  community: '',
  detail: '',
};

/** A valid, normalised resident (张三, resident ID 120101198001010012), with `overrides` applied. */
export function samplePatient(overrides: Partial<PatientDoc> = {}): PatientDoc {
  return {
    id: '0190d9a0-0000-7000-8000-000000000001',
    orgId: 'org-chc',
    sharedWith: [],
    createdBy: '王建档',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    name: '张三',
    sex: 'male',
    birthDate: '1980-01-01',
    idType: 'resident',
    idNumber: '120101198001010012',
    mobile: '13812345678',
    address: emptyAddress,
    household: { number: '', relation: 'self' },
    allergies: [],
    tags: [],
    familyDoctor: '',
    history: [],
    collisions: [],
    ...overrides,
  };
}
