/**
 * The integrity check of an open engine: report, or (asked to) repair in one
 * transaction and report what is left. See ./CONTEXT.md.
 */
import { CorruptError, ReadOnlyError, isTrellisError } from '../errors.js';
import type { Engine } from '../core/engine.js';
import { describeStorageDamage } from '../storage/damage.js';
import { inspect } from './inspect.js';
import { repair } from './repair.js';
import type { IntegrityReport, VerifyOptions } from '../integrity-report.js';

const DEFAULT_MAX_PROBLEMS = 1000;

export async function verifyEngine(engine: Engine, options: VerifyOptions = {}): Promise<IntegrityReport> {
  engine.assertOpen();
  const maxProblems = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  let step = 'the catalog';
  const onProgress = (next: string) => {
    step = next;
    options.onProgress?.(next);
  };
  try {
    if (!options.repair) {
      engine.backend.refresh(); // see other processes' latest commit, and stores they created since
      return inspect(engine, maxProblems, onProgress).report();
    }
    if (engine.readOnly) throw new ReadOnlyError(engine.path);
    // Inspecting inside the transaction means the repair acts on exactly what it saw: no writer can come between.
    const repairs = await engine.transaction(() => repair(engine, inspect(engine, maxProblems, onProgress)));
    return { ...inspect(engine, maxProblems, onProgress).report(), repairs };
  } catch (error) {
    throw asDamage(error, engine.path, step);
  }
}

/**
 * Damage LMDB or the decoder notices without crashing (storage/damage.ts) is
 * the check's finding, not a failure of the check: a CorruptError saying where.
 */
function asDamage(error: unknown, path: string, step: string): unknown {
  if (isTrellisError(error)) return error;
  const damage = describeStorageDamage(error);
  return damage === undefined ? error : new CorruptError(path, `${damage} while the integrity check reads ${step}`);
}
