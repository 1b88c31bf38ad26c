/**
 * The slip's fixed vocabulary (the `print` namespace) in a chosen language. A slip prints in the
 * clinic's language whatever the interface language is, so it takes a fixed-language `t` rather
 * than the one `useTranslation` follows.
 */
import i18next, { type Namespace, type TOptions } from 'i18next';
import type { Locale } from '../../shared/ipc/contract';
import type printSource from '../../shared/i18n/locales/zh-CN/print.json';

export const printNamespace = 'print';

/** Dotted paths of the string leaves of a translation tree. */
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

/** A key as code asks for it: the plural `validity.days_other` is asked for as `validity.days`. */
type WithoutPlural<K extends string> = K extends `${infer Base}_other` ? Base : K;

/** Every key of the `print` namespace, checked against its zh-CN source. */
export type PrintKey = WithoutPlural<Leaves<typeof printSource>>;

/** Translates one `print` key with optional interpolation values. */
export type PrintT = (key: PrintKey, values?: Record<string, string | number>) => string;

/**
 * A translator of the `print` namespace fixed to `lng`. Keys are typed from the namespace's own
 * source file, so this does not depend on where the namespace sits in the app-wide resources.
 */
export function printT(lng: Locale): PrintT {
  const t = i18next.getFixedT(lng, printNamespace as Namespace) as unknown as (
    key: string,
    options?: TOptions,
  ) => string;
  return (key, values) => t(key, values);
}

/**
 * A print job title and suggested PDF name: the slip title and the distinct prescription numbers,
 * e.g. `处方笺 RX20240501-0001`.
 */
export function printTitle(slips: readonly { readonly number: string }[], lng: Locale): string {
  const numbers = [...new Set(slips.map((slip) => slip.number))];
  return [printT(lng)('title'), ...numbers].join(' ');
}
