/**
 * The words for a platform's refusal of one record ("被平台退回：签名：签名人不是当前登录的人"):
 * each field error `{ field, code }` from the platform (shared/sync/collections.ts checks, the
 * clinical write and lock rules, the time checks) in the user's language. Codes are looked up in
 * the sync namespace first (the platform's own codes), then in the record's domain namespace,
 * where the desk's own rules already word them; a slip line's field (`items.2.days`) names the
 * line. A code nobody words is shown as it is rather than hidden.
 */
import type { TFunction } from 'i18next';
import type { FieldError } from '../../shared/sync/collections';

/** The i18next namespace whose `errors` and `fields` word a collection's own rules. */
const domainNamespace: Readonly<
  Record<string, 'patients' | 'encounters' | 'prescriptions' | 'triage' | 'carePlans'>
> = {
  patients: 'patients',
  encounters: 'encounters',
  prescriptions: 'prescriptions',
  observations: 'triage',
  carePlans: 'carePlans',
};

const itemField = /^items\.(\d+)\.(.+)$/;

/** Keys tried in order; i18next takes the first that exists. */
type Keys = string[];

/** The translate function of a component using the sync and domain namespaces, sync first. */
export type RejectionT = TFunction<['sync', 'patients', 'encounters', 'prescriptions']>;

function fieldKeys(ns: string, field: string): Keys {
  const keys = [`${ns}:fields.${field}`, `sync:rejection.fields.${field}`, `encounters:fields.${field}`];
  // A nested path (`address.detail`) without a name of its own is named by its top-level field.
  const top = field.split('.')[0]!;
  return top === field ? keys : [...keys, ...fieldKeys(ns, top)];
}

/** One refusal reason, e.g. "第 2 种药 天数：长期处方不能包含该药品". */
export function rejectionReason(t: RejectionT, collection: string, error: FieldError): string {
  const ns = domainNamespace[collection] ?? 'patients';
  const item = itemField.exec(error.field);
  const field = item ? item[2]!.split('.')[0]! : error.field;
  const fieldLabel = t(fieldKeys(ns, field) as never, { defaultValue: field }) as string;
  const label = item
    ? (t('rejection.item', { n: Number(item[1]) + 1, field: fieldLabel }) as string)
    : fieldLabel;
  const codeKeys: Keys = [
    `sync:rejection.codes.${error.code}`,
    `${ns}:errors.${error.code}`,
    `encounters:lock.${error.code}`,
    `patients:errors.${error.code}`,
    // Vitals codes (shared/encounters/vitals.ts) of collections other than encounters.
    `encounters:errors.${error.code}`,
  ];
  const reason = t(codeKeys as never, { defaultValue: error.code, field: fieldLabel }) as string;
  return t('rejection.reason', { field: label, reason }) as string;
}

/** Every reason of one refused record, joined as the language joins a list. */
export function rejectionText(t: RejectionT, collection: string, errors: readonly FieldError[]): string {
  return errors
    .map((error) => rejectionReason(t, collection, error))
    .join(t('rejection.separator') as string);
}
