/**
 * The integrity check of an open engine: report, or (asked to) repair in one
 * transaction and report what is left. See ./CONTEXT.md.
 */
import { ReadOnlyError } from '../errors.js';
import type { Engine } from '../core/engine.js';
import { inspect } from './inspect.js';
import { repair } from './repair.js';
import type { IntegrityReport, VerifyOptions } from './report.js';

const DEFAULT_MAX_PROBLEMS = 1000;

export async function verifyEngine(engine: Engine, options: VerifyOptions = {}): Promise<IntegrityReport> {
  engine.assertOpen();
  const maxProblems = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  if (!options.repair) {
    engine.backend.refresh(); // see other processes' latest commit, and stores they created since
    return inspect(engine, maxProblems).report();
  }
  if (engine.readOnly) throw new ReadOnlyError(engine.path);
  // Inspecting inside the transaction means the repair acts on exactly what it saw: no writer can come between.
  const repairs = await engine.transaction(() => repair(engine, inspect(engine, maxProblems)));
  return { ...inspect(engine, maxProblems).report(), repairs };
}
