/**
 * "What verify can say" about a database the engine process died reading:
 * the integrity check in a child of its own, bounded in time, summed up in
 * one sentence for the CORRUPT answer.
 */
import { forkNodeProcess, type SpawnProcess } from './channel.js';
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

export function checkIntegrityAside(path: string, spawn: SpawnProcess = forkNodeProcess, timeoutMs = INTEGRITY_CHECK_TIMEOUT_MS): Promise<IntegrityFinding> {
  const verifyHint = `(npm run verify -- ${JSON.stringify(path)} checks it in full)`;
  return new Promise((resolve) => {
    const child = spawn('integrity-process', [path]);
    let verdict: IntegrityVerdict | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.onMessage((message) => (verdict = message as IntegrityVerdict));
    child.onExit((ending) => {
      clearTimeout(timer);
      if (verdict) resolve(describeVerdict(verdict, verifyHint));
      else if (timedOut) resolve({ state: 'timed-out', sentence: `The integrity check did not finish within ${Math.round(timeoutMs / 1000)} s ${verifyHint}.` });
      else resolve({ state: 'stopped', sentence: stoppedSentence(ending) });
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

function stoppedSentence(ending: ProcessEnding): string {
  const how = ending.signal ?? `exit code ${ending.code}`;
  const lines = ending.stderrTail.split('\n');
  const step = lines.findLast((line) => line.startsWith(PROGRESS_MARK))?.slice(PROGRESS_MARK.length);
  return step === undefined
    ? `The integrity check stopped at the damage too (${how}).`
    : `The integrity check stopped at the damage too (${how}) while reading ${step}.`;
}
