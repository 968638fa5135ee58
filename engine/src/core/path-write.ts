/**
 * Writes a value at the end of a path: the path is followed to the last record
 * it reaches, and that record is updated at the field (or list element) the
 * path ends with, through the one write path (schema, references, indexes,
 * revision; `ifRevision` is that record's).
 */
import { BadPathError, InvalidPathError } from '../request-errors.js';
import type { PathPlan, PlanStep } from '../common/path-plan.js';
import type { KeyValue } from '../schema/key-brand.js';
import type { EngineState } from './engine-state.js';
import type { TreeModel } from './tree-model.js';
import type { ValueForm, WriteContext, WriteOptions } from './write-context.js';
import { resolvePath } from './path-resolve.js';

/** The record a path write changed. */
export interface PathWritten {
  readonly tree: string;
  readonly key: KeyValue;
}

export function writeAtPath(
  context: WriteContext,
  engine: EngineState,
  plan: PathPlan,
  model: TreeModel,
  rawKey: unknown,
  value: unknown,
  form: ValueForm,
  options: WriteOptions = {},
): PathWritten {
  if (plan.unwritable !== undefined) throw new InvalidPathError(plan.tree, plan.text, plan.steps.at(-1)?.step ?? 0, 0, `cannot write here: ${plan.unwritable}`);
  const lastHop = plan.steps.findLastIndex((s) => s.op === 'follow' || s.op === 'fieldReference' || s.op === 'reverse');
  const reach = { ...plan, steps: plan.steps.slice(0, lastHop + 1), many: false };
  const [match] = resolvePath(engine, reach, model, rawKey, form, { hops: true }).matches;
  const hop = match!.hops.at(-1)!;
  const target = engine.model(hop.tree);
  const trail = plan.steps.slice(lastHop + 1);
  const stop = (step: PlanStep, reason: string) => new BadPathError(plan.text, { tree: model.name, key: model.key.check(rawKey) }, step.step, step.text, { tree: hop.tree, key: hop.key }, reason);
  context.update(target, hop.key, (current) => placed(current, trail, value, stop), form, options);
  return { tree: target.name, key: hop.key };
}

/** `current` with `value` at the end of `trail` (fields and list elements), copied along the way: the stored value is never changed in place. */
function placed(current: unknown, trail: readonly PlanStep[], value: unknown, stop: (step: PlanStep, reason: string) => Error): unknown {
  const [step, ...rest] = trail;
  if (!step) return value;
  if (step.op === 'field') {
    if (current === null || current === undefined || typeof current !== 'object' || Array.isArray(current)) {
      throw stop(step, `there is no '${step.name}' to write: the value before it is ${current === null ? 'null' : current === undefined ? 'absent' : 'not an object'}`);
    }
    const record = current as Record<string, unknown>;
    return { ...record, [step.name]: placed(record[step.name], rest, value, stop) };
  }
  if (step.op === 'index') {
    if (!Array.isArray(current)) throw stop(step, `there is no element ${step.index} to write: the value there is not a list`);
    const at = step.index < 0 ? current.length + step.index : step.index;
    if (at < 0 || at >= current.length) throw stop(step, `the list has ${current.length} element${current.length === 1 ? '' : 's'}: there is no [${step.index}] to write`);
    const copy = [...current];
    copy[at] = placed(copy[at], rest, value, stop);
    return copy;
  }
  throw stop(step, 'a write goes through fields and list elements only after the last record it reaches');
}
