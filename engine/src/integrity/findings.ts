/**
 * What one pass of the integrity check found: the problems (listed up to a
 * limit, so a badly damaged database cannot exhaust memory), the counts, and
 * what a repair would have to rebuild, recorded even for problems left out.
 */
import type { IntegrityProblem, IntegrityReport, UncheckedIndex } from '../integrity-report.js';
import type { StoredKey } from '../storage/backend.js';

export class Findings {
  readonly problems: IntegrityProblem[] = [];
  omitted = 0;
  readonly checked = { trees: 0, records: 0, indexEntries: 0, references: 0 };
  /** Index stores (by store name) that disagree with the records. */
  readonly indexesToRebuild = new Set<string>();
  referencesToRebuild = false;
  /** Trees whose auto-increment counter is behind, with the largest id present. */
  readonly countersToRaise = new Map<string, number>();
  /** Per release store (`v/<tree>`): the keys of its entries whose record does not exist. */
  readonly staleReleaseStates = new Map<string, StoredKey[]>();

  /** Indexes not recomputed, and why (see IntegrityReport.unchecked). */
  readonly unchecked: UncheckedIndex[] = [];

  constructor(private readonly maxProblems: number) {}

  add(problem: IntegrityProblem): void {
    const { kind } = problem;
    if ((kind === 'missing-index-entry' || kind === 'stale-index-entry' || kind === 'missing-store') && problem.index !== undefined && problem.store) {
      this.indexesToRebuild.add(problem.store);
    }
    if (kind === 'missing-reference-entry' || kind === 'stale-reference-entry') this.referencesToRebuild = true;
    if (this.problems.length < this.maxProblems) this.problems.push(problem);
    else this.omitted++;
  }

  report(): IntegrityReport {
    return {
      ok: this.problems.length === 0 && this.omitted === 0,
      checked: { ...this.checked },
      problems: [...this.problems],
      omittedProblems: this.omitted,
      ...(this.unchecked.length > 0 ? { unchecked: [...this.unchecked] } : {}),
    };
  }
}
