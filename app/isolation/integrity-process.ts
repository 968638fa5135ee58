/**
 * A child that runs the integrity check on a database the engine process
 * just died reading, and sends back what it found. It reads the same pages,
 * so it may die the same way: the parent reports that too.
 */
import { verifyDatabase } from '@trellis/engine';
import { parent } from './parent-port.js';

export interface IntegrityVerdict {
  readonly ok: boolean;
  readonly problems: number;
  /** The first problems, as `kind: message` lines. */
  readonly lines: readonly string[];
  /** When the check itself failed with a typed error (e.g. NOT_A_DATABASE). */
  readonly error?: string;
}

const SHOWN = 3;

const path = process.argv[2];
if (path !== undefined) {
  void verifyDatabase(path, { maxProblems: SHOWN }).then(
    (report) =>
      finish({
        ok: report.ok,
        problems: report.problems.length + report.omittedProblems,
        lines: report.problems.map((problem) => `${problem.kind}: ${problem.message}`),
      }),
    (error: unknown) => finish({ ok: false, problems: 0, lines: [], error: error instanceof Error ? error.message : String(error) }),
  );
}

function finish(verdict: IntegrityVerdict): void {
  parent.send(verdict, () => process.exit(0));
}
