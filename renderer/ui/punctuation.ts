/**
 * The punctuation that code puts between translated words, in the interface language. Chinese
 * takes full-width marks without spaces (就诊时间：, 高血压（主要诊断）, 青霉素、头孢), English
 * half-width marks with their spaces ("Seen on: ", "hypertension (Primary diagnosis)",
 * "penicillin, cefalexin"), so code never writes either mark itself: it asks `common`.
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type Punctuation = {
  /** After a label: "就诊时间：" / "Seen on: ". */
  readonly colon: string;
  /** Between the items of a list: "青霉素、头孢" / "penicillin, cefalexin". */
  readonly list: string;
  /** Between clauses or whole entries: "高血压；糖尿病" / "hypertension; diabetes". */
  readonly clauses: string;
  /** A remark after a word: "高血压（主要诊断）" / "hypertension (primary diagnosis)". */
  readonly aside: (text: string) => string;
};

/** A translate function of any namespace (its type differs by namespace; only the call is used). */
type AnyT = TFunction | ((...args: never[]) => unknown);

/** The punctuation of the language `t` translates into (any namespace: the keys are in `common`). */
export function punctuationOf(t: AnyT): Punctuation {
  const common = t as unknown as (key: string, options?: Record<string, string>) => string;
  return {
    colon: common('common:punctuation.colon'),
    list: common('common:punctuation.list'),
    clauses: common('common:punctuation.clauses'),
    aside: (text) => common('common:punctuation.aside', { text }),
  };
}

/** The punctuation of the interface language, following a change of language. */
export function usePunctuation(): Punctuation {
  const { t } = useTranslation('common');
  return useMemo(() => punctuationOf(t), [t]);
}
