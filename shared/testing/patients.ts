/** Building blocks for tests that need patient records (test support only; no app code uses it). */
import type { Address } from '../patients/schema';

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
