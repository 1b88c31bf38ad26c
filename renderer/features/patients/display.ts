/**
 * How patient values read on screen: labels in the user's language, identifiers masked for roles
 * that may not see them. Everything is returned as plain text; React renders it as text, never as
 * markup.
 */
import type { TFunction } from 'i18next';
import { maskIdNumber, maskMobile } from '../../../shared/identity/mask';
import type { Address, Household, PatientField, PatientFields } from '../../../shared/patients/schema';
import { punctuationOf } from '../../ui/punctuation';

export function addressText(a: Address): string {
  return [a.province, a.city === '市辖区' ? '' : a.city, a.district, a.street, a.community, a.detail]
    .filter(Boolean)
    .join(' ');
}

/** One field's value as text; `showIdentifiers` false masks the ID and mobile numbers. */
export function fieldText<F extends PatientField>(
  field: F,
  value: PatientFields[F],
  t: TFunction<['patients', 'common']>,
  showIdentifiers: boolean,
): string {
  const none = t('patients:profile.none');
  switch (field) {
    case 'sex':
      return t(`patients:sex.${value as PatientFields['sex']}`);
    case 'idType':
      return t(`patients:idTypes.${value as PatientFields['idType']}`);
    case 'idNumber':
      return showIdentifiers ? (value as string) : maskIdNumber(value as string);
    case 'mobile':
      return !value ? none : showIdentifiers ? (value as string) : maskMobile(value as string);
    case 'tags': {
      const tags = value as PatientFields['tags'];
      return tags.length ? tags.map((tag) => t(`patients:tags.${tag}`)).join(punctuationOf(t).list) : none;
    }
    case 'allergies': {
      const allergies = value as string[];
      return allergies.length ? allergies.join(punctuationOf(t).list) : none;
    }
    case 'address':
      return addressText(value as Address) || none;
    case 'household': {
      const h = value as Household;
      return [h.number, t(`patients:relations.${h.relation}`)].filter(Boolean).join(' · ');
    }
    default:
      return (value as string) || none;
  }
}
