/**
 * "What verify can say" about a database the engine process died reading:
 * the integrity check in a child of its own, bounded in time, summed up in
 * one sentence for the CORRUPT answer.
 */
import { forkNodeProcess, type SpawnProcess } from './channel.js';
import type { IntegrityVerdict } from './integrity-process.js';

/** Long enough for a database of some hundred thousand records here; a bigger one says to run verify. */
export const INTEGRITY_CHECK_TIMEOUT_MS = 30_000;

export function checkIntegrityAside(path: string, spawn: SpawnProcess = forkNodeProcess, timeoutMs = INTEGRITY_CHECK_TIMEOUT_MS): Promise<string> {
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
      else if (timedOut) resolve(`The integrity check did not finish within ${Math.round(timeoutMs / 1000)} s ${verifyHint}.`);
      else resolve(`The integrity check stopped at the damage too (${ending.signal ?? `exit code ${ending.code}`}): pages it needs cannot be read.`);
    });
  });
}

function describeVerdict(verdict: IntegrityVerdict, verifyHint: string): string {
  if (verdict.error !== undefined) return `The integrity check could not run: ${verdict.error}`;
  if (verdict.ok) return `The integrity check finds every record, index and reference consistent; the damage is in pages it does not read ${verifyHint}.`;
  return `The integrity check found ${verdict.problems} problem${verdict.problems === 1 ? '' : 's'}: ${verdict.lines.join('; ')} ${verifyHint}.`;
}
