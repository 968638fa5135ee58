/**
 * A child that runs the integrity check on a database the engine process
 * just died reading, and sends back what it found. It reads the same pages,
 * so it may die the same way: the parent reports that too.
 */
import { writeSync } from 'node:fs';
import { isTrellisError, verifyDatabase } from '@trellis/engine';
import { PROGRESS_MARK, type IntegrityVerdict } from './messages.js';
import { parent } from './parent-port.js';

const SHOWN = 3;

const path = process.argv[2];
if (path !== undefined) {
  // Written synchronously to stderr: if LMDB aborts the process, the parent's tail of stderr says where it was.
  const onProgress = (step: string) => void writeSync(2, `${PROGRESS_MARK}${step}\n`);
  void verifyDatabase(path, { maxProblems: SHOWN, onProgress }).then(
    (report) =>
      finish({
        ok: report.ok,
        problems: report.problems.length + report.omittedProblems,
        lines: report.problems.map((problem) => `${problem.kind}: ${problem.message}`),
      }),
    (error: unknown) =>
      finish({ ok: false, problems: 0, lines: [], error: { code: isTrellisError(error) ? error.code : undefined, message: error instanceof Error ? error.message : String(error) } }),
  );
}

function finish(verdict: IntegrityVerdict): void {
  parent.send(verdict, () => process.exit(0));
}
