/** A refused contract action in words: the contract screens' own reasons, the shared rules' codes. */
import type { TFunction } from 'i18next';
import type { ContractResult } from './contractRepository';

export function refusalText(
  result: Exclude<ContractResult, { ok: true }>,
  t: TFunction<'contracts'>,
  tc: TFunction<'carePlans'>,
): string {
  if (result.reason !== 'invalid') return t(`errors.${result.reason}`);
  const codes = [...new Set(result.errors.map((e) => e.code))];
  return t('errors.invalid', {
    fields: codes.map((code) => tc(`errors.${code}` as 'errors.invalid')).join(t('separator')),
  });
}
