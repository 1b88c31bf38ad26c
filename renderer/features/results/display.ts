/** How results read in lists (pure). */
import type { LabItem, ObservationDoc } from '../../../shared/observations/schema';

/** The lab results among a resident's observations, the most recent test first. */
export function labResultsOf(observations: readonly ObservationDoc[]): ObservationDoc[] {
  return observations
    .filter((o) => o.kind === 'lab' && o.lab)
    .sort(
      (a, b) =>
        (b.lab?.testedOn ?? '').localeCompare(a.lab?.testedOn ?? '') || b.takenAt.localeCompare(a.takenAt),
    );
}

/** A reference range as a report prints it: '3.5–9.5', '≤ 5.2', '≥ 1.0'; '' when there is none. */
export function rangeText(item: Pick<LabItem, 'refLow' | 'refHigh'>): string {
  const { refLow: low, refHigh: high } = item;
  if (low !== null && high !== null) return `${low}–${high}`;
  if (high !== null) return `≤ ${high}`;
  if (low !== null) return `≥ ${low}`;
  return '';
}
