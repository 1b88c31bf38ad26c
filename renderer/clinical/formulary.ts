/**
 * The centre's formulary as the renderer uses it: the bundled list (resources/formulary), parsed
 * and indexed once, with the list kept for searching.
 */
import bundled from '../../resources/formulary/formulary.json';
import {
  indexFormulary,
  parseFormulary,
  type Formulary,
  type FormularyDrug,
} from '../../shared/prescriptions/formulary';

let cache: { drugs: readonly FormularyDrug[]; formulary: Formulary } | null = null;

function load() {
  if (!cache) {
    const { drugs } = parseFormulary(bundled as unknown);
    cache = { drugs, formulary: indexFormulary(drugs) };
  }
  return cache;
}

/** The formulary's drugs in their bundled order (parsed on first use). */
export function formularyDrugs(): readonly FormularyDrug[] {
  return load().drugs;
}

/** The code → drug lookup the prescription rules take (built on first use). */
export function formulary(): Formulary {
  return load().formulary;
}
