import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../../shared/auth/roles';
import { resources } from '../../../shared/i18n/resources';
import { fieldText } from './display';

const i18n = i18next.createInstance();
beforeAll(() => i18n.init({ lng: 'zh-CN', resources, ns: ['patients', 'common'], defaultNS: 'patients' }));
const t = ((...args: Parameters<typeof i18n.t>) => i18n.t(...args)) as unknown as Parameters<
  typeof fieldText
>[2];

describe('fieldText', () => {
  // The profile shows fieldText(…, can(role, 'patient.viewIdentifiers')) and an edit button only
  // for can(role, 'patient.edit'): a hospital specialist gets masked numbers and no edit.
  it('masks identity and mobile numbers for a role that may not see them', () => {
    expect(can('specialist', 'patient.viewIdentifiers')).toBe(false);
    expect(can('specialist', 'patient.edit')).toBe(false);
    expect(fieldText('idNumber', '120102199202280044', t, false)).toBe('1201**********0044');
    expect(fieldText('mobile', '13512345678', t, false)).toBe('135****5678');
    expect(fieldText('mobile', '', t, false)).toBe('无');
  });

  it('shows them in full to a role that may', () => {
    expect(can('registrar', 'patient.viewIdentifiers')).toBe(true);
    expect(fieldText('idNumber', '120102199202280044', t, true)).toBe('120102199202280044');
    expect(fieldText('mobile', '13512345678', t, true)).toBe('13512345678');
  });
});
