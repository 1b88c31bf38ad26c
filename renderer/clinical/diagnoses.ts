/**
 * The GP favourites diagnosis list (resources/diagnoses/gp-favourites.json) and its search index,
 * built once on first use and shared by every screen that picks a diagnosis. The file comes in as
 * text (Vite `?raw`) and is parsed once: the resources folder lies outside the renderer project.
 */
import favouritesJson from '../../resources/diagnoses/gp-favourites.json?raw';
import type { DiagnosisEntry } from '../../shared/diagnoses/codes';
import {
  buildDiagnosisIndex,
  searchDiagnoses,
  type DiagnosisIndex,
  type DiagnosisMatch,
  type DiagnosisUsage,
} from '../../shared/diagnoses/search';

let entries: readonly DiagnosisEntry[] | undefined;
let index: DiagnosisIndex | undefined;

/** The GP favourites, in the list's own order. */
export function gpFavourites(): readonly DiagnosisEntry[] {
  entries ??= JSON.parse(favouritesJson) as DiagnosisEntry[];
  return entries;
}

/** The search index of {@link gpFavourites}, built on first call (pinyin initials take a moment). */
export function favouritesIndex(): DiagnosisIndex {
  index ??= buildDiagnosisIndex(gpFavourites());
  return index;
}

/**
 * Favourites matching `query` by code, pinyin initials or name, best first; the codes the centre
 * uses most (`usage`, see ./diagnosisUsage.ts) first after exact matches.
 */
export function searchFavourites(query: string, limit = 8, usage?: DiagnosisUsage): DiagnosisMatch[] {
  return searchDiagnoses(favouritesIndex(), query, limit, usage);
}
