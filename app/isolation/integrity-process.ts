/**
 * A child that runs the integrity check (on a database the engine process
 * just died reading, or for `npm run verify`) and sends back what it found.
 * It reads the same pages, so it may die the same way: the parent reports
 * that too. Arguments: PATH [--repair] [--full] (the whole report, not the
 * first three problems).
 */
import { writeSync } from 'node:fs';
import { isTrellisError, verifyDatabase } from '@trellis/engine';
import { PROGRESS_MARK, type IntegrityVerdict } from './messages.js';
import { parent } from './parent-port.js';

const SHOWN = 3;

const [path, ...flags] = process.argv.slice(2);
if (path !== undefined) {
  const full = flags.includes('--full');
  // Written synchronously to stderr: if LMDB aborts the process, the parent's tail of stderr says where it was.
  const onProgress = (step: string) => void writeSync(2, `${PROGRESS_MARK}${step}\n`);
  void verifyDatabase(path, { repair: flags.includes('--repair'), ...(full ? {} : { maxProblems: SHOWN }), onProgress }).then(
    (report) =>
      finish({
        ok: report.ok,
        problems: report.problems.length + report.omittedProblems,
        lines: report.problems.slice(0, SHOWN).map((problem) => `${problem.kind}: ${problem.message}`),
        ...(full ? { report } : {}),
      }),
    (error: unknown) =>
      finish({ ok: false, problems: 0, lines: [], error: { code: isTrellisError(error) ? error.code : undefined, message: error instanceof Error ? error.message : String(error) } }),
  );
}

function finish(verdict: IntegrityVerdict): void {
  parent.send(verdict, () => process.exit(0));
}
