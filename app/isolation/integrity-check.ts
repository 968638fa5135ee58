/**
 * "What verify can say" about a database the engine process died reading:
 * the integrity check in a child of its own, bounded in time, summed up in
 * one sentence for the CORRUPT answer.
 */
import { describeEnding, forkNodeProcess, type SpawnProcess } from './channel.js';
import type { ProcessEnding } from './channel.js';
import { PROGRESS_MARK, type IntegrityVerdict } from './messages.js';

/** Long enough for a database of some hundred thousand records here; a bigger one says to run verify. */
export const INTEGRITY_CHECK_TIMEOUT_MS = 30_000;

export interface IntegrityFinding {
  /** `damaged`: the check found damage it could not read past (CORRUPT); `failed`: it ended with any other error. */
  readonly state: 'clean' | 'problems' | 'damaged' | 'stopped' | 'timed-out' | 'failed';
  /** The error code when the check ended with an error. */
  readonly code?: string | undefined;
  /** One or two sentences for the user. */
  readonly sentence: string;
}

export async function checkIntegrityAside(path: string, spawn: SpawnProcess = forkNodeProcess, timeoutMs = INTEGRITY_CHECK_TIMEOUT_MS): Promise<IntegrityFinding> {
  const verifyHint = `(npm run verify -- ${JSON.stringify(path)} checks it in full)`;
  const run = await runIntegrityProcess(path, { spawn, timeoutMs });
  if (run.kind === 'verdict') return describeVerdict(run.verdict, verifyHint);
  if (run.kind === 'timed-out') return { state: 'timed-out', sentence: `The integrity check did not finish within ${Math.round(timeoutMs / 1000)} s ${verifyHint}.` };
  return { state: 'stopped', sentence: stoppedSentence(run.ending, 'too') };
}

export type IntegrityRun =
  | { readonly kind: 'verdict'; readonly verdict: IntegrityVerdict }
  /** The process ended without a verdict: LMDB aborted it at a damaged page (see `stoppedSentence`). */
  | { readonly kind: 'ended'; readonly ending: ProcessEnding }
  | { readonly kind: 'timed-out' };

/** The integrity check in a child (./integrity-process.ts), so that damage that ends it ends only the child. */
export function runIntegrityProcess(
  path: string,
  options: { spawn?: SpawnProcess; timeoutMs?: number; repair?: boolean; full?: boolean } = {},
): Promise<IntegrityRun> {
  const flags = [...(options.repair ? ['--repair'] : []), ...(options.full ? ['--full'] : [])];
  return new Promise((resolve) => {
    const child = (options.spawn ?? forkNodeProcess)('integrity-process', [path, ...flags]);
    let verdict: IntegrityVerdict | undefined;
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill();
          }, options.timeoutMs);
    child.onMessage((message) => (verdict = message as IntegrityVerdict));
    child.onExit((ending) => {
      clearTimeout(timer);
      if (verdict) resolve({ kind: 'verdict', verdict });
      else if (timedOut) resolve({ kind: 'timed-out' });
      else resolve({ kind: 'ended', ending });
    });
  });
}

function describeVerdict(verdict: IntegrityVerdict, verifyHint: string): IntegrityFinding {
  if (verdict.error?.code === 'CORRUPT') return { state: 'damaged', code: 'CORRUPT', sentence: `The integrity check stopped at the damage: ${verdict.error.message}.` };
  if (verdict.error !== undefined) return { state: 'failed', code: verdict.error.code, sentence: `The integrity check could not run: ${verdict.error.message}` };
  if (verdict.ok) return { state: 'clean', sentence: `The integrity check finds every record, index and reference consistent ${verifyHint}.` };
  const problems = `${verdict.problems} problem${verdict.problems === 1 ? '' : 's'}`;
  return { state: 'problems', sentence: `The integrity check found ${problems}: ${verdict.lines.join('; ')} ${verifyHint}.` };
}

/** "The integrity check stopped at a damaged page (signal SIGABRT, Assertion …) while reading the records of tasks, …". */
export function stoppedSentence(ending: ProcessEnding, too: 'too' | '' = ''): string {
  const lines = ending.stderrTail.split('\n');
  const step = lines.findLast((line) => line.startsWith(PROGRESS_MARK))?.slice(PROGRESS_MARK.length);
  const stopped = `The integrity check stopped at a damaged page${too ? ' too' : ''} (${describeEnding(ending)})`;
  return step === undefined ? `${stopped}.` : `${stopped} while reading ${step}.`;
}
