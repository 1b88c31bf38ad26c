/**
 * How often a centre uses each diagnosis code, for ranking the diagnosis search (./search.ts):
 * the codes of its signed consultation records, each record counted once per code, and only its
 * latest revision (an amendment replaces what it supersedes). Kept as a count map that follows the
 * records one change at a time, so it is computed once and never recounted.
 */
import type { DiagnosisUsage } from './search';

/** What the count needs of a consultation record. */
export interface UsageRecord {
  id: string;
  status: string;
  supersedes: string | null;
  diagnoses: readonly { code: string }[];
  _deleted?: boolean;
}

export class DiagnosisUsageCounter {
  /** Codes of each signed record seen, counted or not. */
  private readonly codes = new Map<string, string[]>();
  /** Records whose codes are in {@link counts} now. */
  private readonly counted = new Set<string>();
  /** Records an amendment replaced: their codes no longer count. */
  private readonly superseded = new Set<string>();
  private readonly counts = new Map<string, number>();

  /** Takes one record as it now is (new, changed, signed, amended or deleted). */
  apply(record: UsageRecord): void {
    this.uncount(record.id);
    if (record._deleted || record.status !== 'signed') {
      this.codes.delete(record.id);
      return;
    }
    this.codes.set(record.id, [...new Set(record.diagnoses.map((d) => d.code).filter(Boolean))]);
    if (record.supersedes) {
      this.superseded.add(record.supersedes);
      this.uncount(record.supersedes);
    }
    if (!this.superseded.has(record.id)) {
      for (const code of this.codes.get(record.id)!) this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
      this.counted.add(record.id);
    }
  }

  /** A snapshot of the counts (code → signed records using it). */
  snapshot(): DiagnosisUsage {
    return new Map(this.counts);
  }

  private uncount(id: string): void {
    if (!this.counted.delete(id)) return;
    for (const code of this.codes.get(id) ?? []) {
      const left = (this.counts.get(code) ?? 0) - 1;
      if (left > 0) this.counts.set(code, left);
      else this.counts.delete(code);
    }
  }
}
