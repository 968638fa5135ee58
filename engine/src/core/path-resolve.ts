/**
 * Runs a path across records (../common/path-plan.ts) from one record: each
 * step reads a field, follows a reference, takes a list element, fans out, or
 * walks the reverse-reference index back to the records that refer here. Reads
 * go straight to the stores (a 3-hop path is three gets, nothing more), and a
 * plan is made once per path text and catalog.
 */
import { InvalidPathError, BadPathError } from '../request-errors.js';
import { planPath, type PathPlan, type PlanStep } from '../common/path-plan.js';
import { prefixRange } from '../storage/backend.js';
import { oversizeBytes } from '../schema/key-codec.js';
import type { Catalog } from '../schema/catalog.js';
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import type { EngineState } from './engine-state.js';
import type { TreeModel } from './tree-model.js';
import { referrers } from './reads.js';

export interface PathOptions {
  /** A step the data does not lead on gives `undefined` (for that branch) instead of BAD_PATH. */
  readonly lenient?: boolean | undefined;
  /** At most this many results when the path fans out (default 1,000); `truncated` says when more were left. */
  readonly limit?: number | undefined;
}

/** A record a path went through: the start, each record it followed or walked back to. */
export interface PathHop {
  readonly tree: string;
  readonly key: KeyValue;
  readonly revision: number;
}

export interface PathMatch {
  /** The value at the end of the path (undefined where a lenient path stopped early). */
  readonly value: unknown;
  /** The records this result went through, the start first and the one holding the value last. */
  readonly hops: readonly PathHop[];
}

export interface PathResolution {
  readonly matches: readonly PathMatch[];
  /** More results were there than `limit` allowed. */
  readonly truncated: boolean;
}

export const DEFAULT_PATH_LIMIT = 1000;
export const MAX_PATH_LIMIT = 100_000;
/** Plans kept per catalog; paths are few in practice, a bound keeps a hostile caller's many from growing memory. */
const PLANS_KEPT = 512;
const plans = new WeakMap<Catalog, Map<string, Map<string, PathPlan>>>();

/** The plan of `text` from `tree`, made once per catalog (a schema change makes a new catalog). */
export function compiledPath(engine: EngineState, tree: string, text: string): PathPlan {
  let byTree = plans.get(engine.catalog);
  if (!byTree) plans.set(engine.catalog, (byTree = new Map()));
  let cached = byTree.get(tree);
  const found = cached?.get(text);
  if (found) return found;
  engine.model(tree); // an unknown tree is UNKNOWN_TREE, as for every other read
  const check = planPath(engine.catalog.trees, tree, text);
  if (!check.ok) throw new InvalidPathError(tree, text, check.problem.step, check.problem.at, check.problem.reason);
  if (!cached || cached.size >= PLANS_KEPT) byTree.set(tree, (cached = new Map()));
  cached.set(text, check.plan);
  return check.plan;
}

/** Where a branch stands: a value, in the record reached last. */
interface Branch {
  value: unknown;
  model: TreeModel;
  key: KeyValue;
  revision: number;
  hops: PathHop[] | undefined;
}

/** Values in their stored (native) form, or in text form as the opaque face gives them. */
export type PathForm = 'native' | 'json';

class Stop extends Error {
  constructor(
    readonly step: PlanStep | undefined,
    readonly branch: Branch | undefined,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Every result of `plan` from the record `key` of `model`. With `hops`, each result lists the records it
 * went through (what the browser shows); without, only values are gathered (what `path()` returns).
 */
export function resolvePath(engine: EngineState, plan: PathPlan, model: TreeModel, rawKey: unknown, form: PathForm, options: PathOptions & { hops?: boolean } = {}): PathResolution {
  const key = model.key.check(rawKey);
  const limit = pathLimit(options.limit);
  const failure = (stop: Stop): BadPathError => {
    const at = stop.branch ? { tree: stop.branch.model.name, key: stop.branch.key } : { tree: model.name, key };
    return new BadPathError(plan.text, { tree: model.name, key }, stop.step?.step ?? 0, stop.step?.text ?? '', at, stop.reason);
  };
  const start = engine.records(model).getEntry(key);
  if (!start) {
    if (options.lenient) return { matches: [], truncated: false };
    throw failure(new Stop(undefined, undefined, `${model.name} ${JSON.stringify(key)} does not exist`));
  }
  const first: Branch = { value: valueIn(model, start.value, form), model, key, revision: start.version, hops: undefined };
  if (options.hops) first.hops = [{ tree: model.name, key, revision: start.version }];
  const walk = new Walk(engine, form, limit);
  let branches: (Branch | Stop)[] = [first];
  for (const step of plan.steps) {
    const next: (Branch | Stop)[] = [];
    for (const branch of branches) {
      if (branch instanceof Stop) {
        next.push(branch);
        continue;
      }
      try {
        walk.step(step, branch, next);
      } catch (error) {
        if (!(error instanceof Stop)) throw error;
        if (!options.lenient) throw failure(error);
        next.push(error);
      }
      if (next.length > limit) break;
    }
    if (next.length > limit) {
      next.length = limit;
      walk.truncated = true;
    }
    branches = next;
  }
  const matches = branches.map((b) => (b instanceof Stop ? { value: undefined, hops: b.branch?.hops ?? [] } : { value: b.value, hops: b.hops ?? [] }));
  return { matches, truncated: walk.truncated };
}

/**
 * A path that does not fan out, made ready for the common read: the steps as the few operations the
 * quick walk takes, with each followed tree's model at hand. Undefined when a step needs the full
 * resolver (a fan-out, a reverse step, a reference over fields).
 */
export type QuickPath = readonly QuickStep[];
type QuickStep = { readonly op: 'field'; readonly name: string } | { readonly op: 'follow'; readonly target: TreeModel } | { readonly op: 'index'; readonly index: number };

export function quickPathOf(engine: EngineState, plan: PathPlan): QuickPath | undefined {
  if (plan.many) return undefined;
  const steps: QuickStep[] = [];
  for (const step of plan.steps) {
    if (step.op === 'field') steps.push({ op: 'field', name: step.name });
    else if (step.op === 'follow') steps.push({ op: 'follow', target: engine.model(step.target) });
    else if (step.op === 'index') steps.push({ op: 'index', index: step.index });
    else return undefined;
  }
  return steps;
}

/**
 * The value at the end of a quick path, native, reading only the records it needs (no branches, no
 * revisions): what `path()` does most. Anything unusual on the way — a null, a missing record, an index
 * out of range — returns `STOPPED`, and the caller asks `resolvePath`, which names the step (BAD_PATH)
 * or, lenient, gives undefined.
 */
export function valueAtQuickPath(engine: EngineState, quick: QuickPath, model: TreeModel, key: unknown): unknown {
  let value = engine.records(model).get(model.key.check(key));
  if (value === undefined) return STOPPED;
  for (const step of quick) {
    if (step.op === 'field') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return STOPPED;
      value = (value as Record<string, unknown>)[step.name];
    } else if (step.op === 'follow') {
      if (value === null || value === undefined) return STOPPED;
      value = engine.records(step.target).get(value as KeyValue);
      if (value === undefined) return STOPPED; // a dangling reference stops the path, even as its last step
    } else {
      if (!Array.isArray(value)) return STOPPED;
      const at = step.index < 0 ? value.length + step.index : step.index;
      if (at < 0 || at >= value.length) return STOPPED;
      value = value[at] as unknown;
    }
  }
  return value;
}

/** What a quick walk answers when it met something only the full resolver can explain. */
export const STOPPED: unique symbol = Symbol('the quick walk stopped');

export function pathLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PATH_LIMIT;
  return Number.isSafeInteger(limit) && limit >= 1 ? Math.min(limit, MAX_PATH_LIMIT) : DEFAULT_PATH_LIMIT;
}

class Walk {
  truncated = false;

  constructor(
    private readonly engine: EngineState,
    private readonly form: PathForm,
    private readonly limit: number,
  ) {}

  step(step: PlanStep, branch: Branch, out: (Branch | Stop)[]): void {
    const value = branch.value;
    switch (step.op) {
      case 'field': {
        if (value === null || value === undefined) throw new Stop(step, branch, `there is no '${step.name}': the value before it is ${value === null ? 'null' : 'absent'}`);
        if (typeof value !== 'object' || Array.isArray(value)) throw new Stop(step, branch, `there is no '${step.name}': the value before it is not an object`);
        branch.value = (value as Record<string, unknown>)[step.name];
        out.push(branch);
        return;
      }
      case 'follow':
        out.push(this.read(step, branch, this.engine.model(step.target), value, step.from));
        return;
      case 'fieldReference': {
        const source = branch.model.reference(step.reference);
        const [target] = source ? source.targets(value) : [];
        if (target === undefined) throw new Stop(step, branch, `'${step.reference}' refers to nothing: ${step.fields.join(' or ')} is null or absent`);
        out.push(this.read(step, branch, this.engine.model(step.target), target, step.reference));
        return;
      }
      case 'index': {
        const list = this.list(step, branch);
        const at = step.index < 0 ? list.length + step.index : step.index;
        if (at < 0 || at >= list.length) throw new Stop(step, branch, `the list has ${list.length} element${list.length === 1 ? '' : 's'}: there is no [${step.index}]`);
        branch.value = list[at];
        out.push(branch);
        return;
      }
      case 'each': {
        const list = this.list(step, branch);
        for (const element of list) {
          if (out.length > this.limit) return;
          out.push({ ...branch, value: element, hops: branch.hops && [...branch.hops] });
        }
        return;
      }
      case 'reverse':
        return this.reverse(step, branch, out);
    }
  }

  private list(step: PlanStep, branch: Branch): readonly unknown[] {
    const value = branch.value;
    if (Array.isArray(value)) return value;
    throw new Stop(step, branch, `'${step.text}' takes elements of a list, and the value there is ${value === null ? 'null' : value === undefined ? 'absent' : 'not a list'}`);
  }

  /** The record a reference names; a null reference, or one to a record that is not there, stops the path. */
  private read(step: PlanStep, branch: Branch, target: TreeModel, reference: unknown, from: string): Branch {
    if (reference === null || reference === undefined) throw new Stop(step, branch, `'${from}' is ${reference === null ? 'null' : 'absent'}: it names no record of ${target.name}`);
    const key = reference as KeyValue;
    const entry = this.engine.records(target).getEntry(key);
    if (!entry) throw new Stop(step, branch, `it refers to ${target.name} ${JSON.stringify(key)}, which does not exist`);
    branch.model = target;
    branch.key = key;
    branch.revision = entry.version;
    branch.value = valueIn(target, entry.value, this.form);
    branch.hops?.push({ tree: target.name, key, revision: entry.version });
    return branch;
  }

  /** The holders of the record in hand through one reference, in key order: all (up to the limit), or the `pick`th. */
  private reverse(step: Extract<PlanStep, { op: 'reverse' }>, branch: Branch, out: (Branch | Stop)[]): void {
    const source = this.engine.model(step.tree);
    const holders = this.holders(step, branch, source);
    for (const key of holders) {
      if (out.length > this.limit) return;
      const entry = this.engine.records(source).getEntry(key);
      if (!entry) continue; // an entry whose holder is gone would be an integrity problem (verify reports it): never a result
      const hops = branch.hops && [...branch.hops, { tree: source.name, key, revision: entry.version }];
      out.push({ value: valueIn(source, entry.value, this.form), model: source, key, revision: entry.version, hops });
    }
  }

  private holders(step: Extract<PlanStep, { op: 'reverse' }>, branch: Branch, source: TreeModel): KeyValue[] {
    const pick = step.pick;
    const group = { tree: step.tree, path: step.path };
    const one = (found: KeyValue | undefined, count: () => number): KeyValue[] => {
      if (found !== undefined) return [found];
      const n = count();
      throw new Stop(step, branch, `${n} record${n === 1 ? '' : 's'} of ${step.tree} refer${n === 1 ? 's' : ''} here through '${step.path}': there is no [${pick}]`);
    };
    if (this.engine.legacyReferences) {
      const all = referrers(this.engine, branch.model, branch.key, { group }).map((h) => h.key as KeyValue);
      if (pick === undefined) return all.slice(0, this.limit + 1);
      return one(all.at(pick), () => all.length);
    }
    const reference = source.reference(step.path)!;
    const parts = branch.model.key.parts(branch.key);
    const { start, end } = prefixRange(parts);
    if (oversizeBytes(end) !== undefined) return pick === undefined ? [] : one(undefined, () => 0);
    const store = this.engine.referenceStore(reference);
    const holder = (stored: unknown) => source.key.fromParts(stored as readonly KeyPart[], parts.length);
    if (pick === undefined) return [...store.keys({ start, end, limit: this.limit + 1 })].map(holder);
    const at = pick < 0 ? -pick - 1 : pick;
    const [found] = store.keys({ start, end, reverse: pick < 0, offset: at, limit: 1 });
    return one(found === undefined ? undefined : holder(found), () => store.countRange({ start, end }));
  }
}

/** A record's value as the caller reads it: native, or in text form (a value that does not convert is given as stored). */
function valueIn(model: TreeModel, value: unknown, form: PathForm): unknown {
  if (form === 'native') return value;
  const json = model.codec.toJson(value);
  return json.ok ? json.value : value;
}
