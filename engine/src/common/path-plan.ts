/**
 * A path checked against a catalog, once: each step of ./path-syntax.ts made
 * into an operation on records (read a field, follow a reference, take an
 * element, fan out, walk back a reference). A step that does not fit the schema
 * is a problem naming it and why, before anything is read. The engine runs the
 * plan (core/path-resolve.ts); the browser uses the same plan to complete paths.
 */
import type { JsonSchema, StoredTree } from './catalog.js';
import { refTargetOf } from './markers.js';
import { parsePath, type PathToken } from './path-syntax.js';

export type PathOperation =
  /** Read a field of the record's value, or of an object inside it. */
  | { readonly op: 'field'; readonly name: string }
  /** The value in hand is a key of `target`: read that record. */
  /** `from`: the field (or element) holding the reference, for messages. */
  | { readonly op: 'follow'; readonly target: string; readonly from: string }
  /** A reference over existing fields: the record's `fields` make a key of `target`; read that record. */
  | { readonly op: 'fieldReference'; readonly reference: string; readonly fields: readonly string[]; readonly target: string }
  /** One element of a list (negative: from the end). */
  | { readonly op: 'index'; readonly index: number }
  /** Every element of a list. */
  | { readonly op: 'each' }
  /** The records of `tree` whose reference at `path` names the record in hand: all of them, or the `pick`th in key order. */
  | { readonly op: 'reverse'; readonly tree: string; readonly path: string; readonly pick?: number };

/** An operation with the step of the text it came from (1-based), for messages that name it. */
export type PlanStep = PathOperation & { readonly step: number; readonly text: string };

/** Where a plan stands after a step: at a whole record, or at a value inside one (its schema node). */
export type PathPlace =
  | { readonly kind: 'record'; readonly tree: string }
  | { readonly kind: 'value'; readonly tree: string; readonly node: JsonSchema; readonly name: string };

export interface PathPlan {
  readonly tree: string;
  readonly text: string;
  readonly steps: readonly PlanStep[];
  /** Where the path ends: its result is this record's value, or this value. */
  readonly ends: PathPlace;
  /** Whether the path fans out (`*`, a reverse step without an index): its result is a list. */
  readonly many: boolean;
  /** Why a value cannot be written at the end of this path; undefined when it can. */
  readonly unwritable?: string;
}

export interface PathProblem {
  /** The step (1-based) that does not fit; 0 when the text itself is malformed. */
  readonly step: number;
  readonly text: string;
  /** Character offset in the path text. */
  readonly at: number;
  readonly reason: string;
}

export type PathCheck = { readonly ok: true; readonly plan: PathPlan } | { readonly ok: false; readonly problem: PathProblem; readonly place?: PathPlace };

type Trees = Readonly<Record<string, StoredTree>>;

/** Checks `text` as a path from a record of `tree`. */
export function planPath(trees: Trees, tree: string, text: string): PathCheck {
  if (!Object.hasOwn(trees, tree)) return { ok: false, problem: { step: 0, text: '', at: 0, reason: `there is no tree '${tree}'` } };
  const syntax = parsePath(text);
  if (!syntax.ok) return { ok: false, problem: { step: 0, text: text.slice(syntax.problem.at, syntax.problem.at + 12), ...syntax.problem } };
  return new Planner(trees, tree, text).plan(syntax.tokens);
}

class PlanProblem extends Error {}

class Planner {
  private place: PathPlace;
  private readonly steps: PlanStep[] = [];
  private many = false;
  private step = 0;
  private token: PathToken | undefined;

  constructor(
    private readonly trees: Trees,
    private readonly tree: string,
    private readonly text: string,
  ) {
    this.place = { kind: 'record', tree };
  }

  plan(tokens: readonly PathToken[]): PathCheck {
    try {
      for (const [i, token] of tokens.entries()) {
        this.step = i + 1;
        this.token = token;
        const previous = this.steps.at(-1);
        // `<-tasks.owner[0]`: an index right after a reverse step picks one holder instead of fanning out.
        if (token.kind === 'index' && token.join === '[]' && previous?.op === 'reverse' && previous.pick === undefined && previous.step === i) {
          this.steps[this.steps.length - 1] = { ...previous, pick: token.index, text: `${previous.text}${token.text}` };
          this.many = this.fansOut();
          continue;
        }
        this.apply(token);
      }
    } catch (error) {
      if (!(error instanceof PlanProblem)) throw error;
      const token = this.token!;
      return { ok: false, problem: { step: this.step, text: token.text, at: token.at, reason: error.message }, place: this.place };
    }
    const plan = { tree: this.tree, text: this.text, steps: this.steps, ends: this.place, many: this.many };
    const unwritable = this.unwritable();
    return { ok: true, plan: unwritable === undefined ? plan : { ...plan, unwritable } };
  }

  private apply(token: PathToken): void {
    switch (token.kind) {
      case 'name':
        return this.name(token.name, token.join);
      case 'index':
        this.list(`[${token.index}]`);
        return this.push({ op: 'index', index: token.index }, this.elementPlace());
      case 'each':
        this.list('*');
        this.push({ op: 'each' }, this.elementPlace());
        this.many = true;
        return;
      case 'reverse':
        return this.reverse(token.tree, token.path);
    }
  }

  private name(name: string, join: PathToken['join']): void {
    const place = this.place;
    const previous = this.steps.at(-1);
    if (join === '.' && previous?.op === 'fieldReference') {
      throw new PlanProblem(`'${previous.reference}' is a reference to ${previous.target}: follow it with '->' (${this.textBefore()}->${name})`);
    }
    if (place.kind === 'value') {
      const target = refTargetOf(unwrapNullable(place.node));
      if (target !== undefined) {
        if (join === '.') throw new PlanProblem(`'${place.name}' is a reference to ${target}: follow it with '->' (${this.textBefore()}->${name})`);
        this.follow(target);
      }
    }
    this.field(name);
  }

  private field(name: string): void {
    const place = this.place;
    if (place.kind === 'record') {
      const tree = this.treeOf(place.tree);
      const node = propertiesOf(tree.value)[name];
      if (node !== undefined) return this.push({ op: 'field', name }, { kind: 'value', tree: place.tree, node, name });
      const reference = tree.references.find((r) => r.fields && r.path === name);
      if (reference?.fields) {
        // The path then stands at the target record: `state->name` reads the state's name.
        return this.push({ op: 'fieldReference', reference: name, fields: reference.fields, target: reference.target }, { kind: 'record', tree: reference.target });
      }
      throw new PlanProblem(`${place.tree} has no field '${name}'${suggestion(name, fieldNames(tree))}`);
    }
    const node = unwrapNullable(place.node);
    if (node['type'] === 'array') throw new PlanProblem(`'${place.name}' is a list: take one element (${place.name}->0, ${place.name}[-1]) or each (${place.name}->*) first`);
    const properties = node['properties'] as Record<string, JsonSchema> | undefined;
    if (properties === undefined) throw new PlanProblem(`'${place.name}' is ${describeNode(node)}: it has no field '${name}'`);
    const child = properties[name];
    if (child === undefined) throw new PlanProblem(`'${place.name}' has no field '${name}'${suggestion(name, Object.keys(properties))}`);
    this.push({ op: 'field', name }, { kind: 'value', tree: place.tree, node: child, name });
  }

  private follow(target: string): void {
    if (!Object.hasOwn(this.trees, target)) throw new PlanProblem(`it refers to the tree '${target}', which this database does not have`);
    const from = this.place.kind === 'value' ? this.place.name : target;
    this.push({ op: 'follow', target, from }, { kind: 'record', tree: target });
  }

  private list(what: string): void {
    const place = this.place;
    if (place.kind === 'record') throw new PlanProblem(`${what} takes elements of a list, and a record of ${place.tree} is not one`);
    const node = unwrapNullable(place.node);
    if (node['type'] !== 'array') throw new PlanProblem(`'${place.name}' is ${describeNode(node)}, not a list: ${what} takes elements of a list`);
  }

  private elementPlace(): PathPlace {
    const place = this.place as Extract<PathPlace, { kind: 'value' }>;
    const items = (unwrapNullable(place.node)['items'] as JsonSchema | undefined) ?? {};
    return { kind: 'value', tree: place.tree, node: items, name: `${place.name}[]` };
  }

  private reverse(tree: string, path: string): void {
    const place = this.place;
    let here: string;
    if (place.kind === 'record') here = place.tree;
    else {
      const target = refTargetOf(unwrapNullable(place.node));
      if (target === undefined) throw new PlanProblem(`a reverse step starts from a record or a reference, and '${place.name}' is ${describeNode(unwrapNullable(place.node))}`);
      this.follow(target);
      here = target;
    }
    if (!Object.hasOwn(this.trees, tree)) throw new PlanProblem(`there is no tree '${tree}'${suggestion(tree, Object.keys(this.trees))}`);
    const holders = this.treeOf(tree).references;
    const reference = holders.find((r) => r.path === path || r.path === `${path}[]`);
    if (!reference) {
      const toHere = holders.filter((r) => r.target === here).map((r) => r.path);
      const hint = toHere.length > 0 ? ` (its references to ${here}: ${toHere.join(', ')})` : ` (none of its references is to ${here})`;
      const field = path.includes('.') ? `; to read a field of each holder, follow with '->' (<-${tree}.${path.split('.')[0]}->${path.split('.').slice(1).join('.')})` : '';
      throw new PlanProblem(`${tree} has no reference '${path}'${hint}${field}`);
    }
    if (reference.target !== here) throw new PlanProblem(`${tree}.${reference.path} refers to ${reference.target}, not to ${here}`);
    this.push({ op: 'reverse', tree, path: reference.path }, { kind: 'record', tree });
    this.many = true;
  }

  /** The path's text before the step in hand, without the separator that joined it. */
  private textBefore(): string {
    return this.text.slice(0, this.token!.at).replace(/\s*(\.|->)?\s*$/, '');
  }

  private push(operation: PathOperation, place: PathPlace): void {
    this.steps.push({ ...operation, step: this.step, text: this.token!.text });
    this.place = place;
  }

  private fansOut(): boolean {
    return this.steps.some((s) => s.op === 'each' || (s.op === 'reverse' && s.pick === undefined));
  }

  private treeOf(name: string): StoredTree {
    return this.trees[name]!;
  }

  /** A value is written at the end of a path: one field (or element) inside the last record reached, never a fan-out. */
  private unwritable(): string | undefined {
    if (this.many) return 'the path fans out (* or a reverse step): a write needs one place';
    const last = this.steps.at(-1)!;
    if (last.op === 'fieldReference') return `the path ends at '${last.reference}', a reference over fields: write those fields (${last.fields.join(', ')}) instead`;
    if (this.place.kind === 'record') return 'the path ends at a record: a write ends at one of its fields';
    return undefined;
  }
}

/** `T | null` is stored as `anyOf: [T, { type: 'null' }]`: a path looks through it (a null met on the way is a data problem, not a schema one). */
export function unwrapNullable(node: JsonSchema): JsonSchema {
  const branches = node['anyOf'] as JsonSchema[] | undefined;
  if (!branches) return node;
  const real = branches.filter((b) => b['type'] !== 'null');
  return real.length === 1 ? real[0]! : node;
}

function propertiesOf(value: JsonSchema): Record<string, JsonSchema> {
  return (value['properties'] as Record<string, JsonSchema> | undefined) ?? {};
}

/** The names a step may take at a record: its fields and its references over fields. */
export function fieldNames(tree: StoredTree): string[] {
  return [...Object.keys(propertiesOf(tree.value)), ...tree.references.filter((r) => r.fields).map((r) => r.path)];
}

export function describeNode(node: JsonSchema): string {
  const target = refTargetOf(node);
  if (target !== undefined) return `a reference to ${target}`;
  const kind = node['x-trellis'];
  if (typeof kind === 'string') return `a ${kind}`;
  if (node['enum']) return 'one of a set of values';
  const type = node['type'];
  if (type === 'array') return 'a list';
  if (type === 'object') return 'an object';
  if (type === 'integer' || type === 'number') return 'a number';
  if (typeof type === 'string') return `a ${type}`;
  return 'a value of several kinds';
}

/** ` (did you mean 'email'?)` when one known name is close, else the names there are (a few). */
function suggestion(name: string, known: readonly string[]): string {
  const folded = name.toLowerCase();
  const close = known.find((k) => k.toLowerCase() === folded) ?? known.find((k) => editDistance(k.toLowerCase(), folded) <= Math.max(1, Math.floor(name.length / 4)));
  if (close !== undefined) return ` (did you mean '${close}'?)`;
  if (known.length === 0) return '';
  return ` (it has ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''})`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  let previous = row;
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Two letters swapped ('emial') is one slip, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) next[j] = Math.min(next[j]!, previous[j - 2]! + 1);
    }
    previous = row;
    row = next;
  }
  return row[b.length]!;
}
