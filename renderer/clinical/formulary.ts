/**
 * The centre's formulary as the renderer uses it: the bundled list (resources/formulary), with
 * the label dose maxima of resources/formulary/dose-limits.json merged in, parsed and indexed
 * once, with the list kept for searching.
 */
import bundled from '../../resources/formulary/formulary.json';
import doseLimits from '../../resources/formulary/dose-limits.json';
import { withDoseLimits, type DoseLimitEntry } from '../../shared/prescriptions/doseLimits';
import {
  indexFormulary,
  parseFormulary,
  type Formulary,
  type FormularyDrug,
} from '../../shared/prescriptions/formulary';

let cache: { drugs: readonly FormularyDrug[]; formulary: Formulary } | null = null;

function load() {
  if (!cache) {
    const parsed = parseFormulary(bundled as unknown);
    const { drugs } = withDoseLimits(parsed.drugs, doseLimits.entries as DoseLimitEntry[]);
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
