/**
 * What may come next in a path across records (./path-syntax.ts) at the cursor:
 * the text before the step being typed is planned with ./path-plan.ts, and the
 * place it reaches lists what may follow it — a record's fields and references
 * over fields, an object's fields, list elements (`[0]`, `[-1]`, `[*]`), `->`
 * after a reference, and the reverse steps (`<-tasks.owner`) of every reference
 * that targets the record there. Reads only the catalog: the browser's path bar
 * completes with it as the user types.
 */
import type { JsonSchema, StoredTree } from './catalog.js';
import { KIND_MARKER, refTargetOf } from './markers.js';
import { planPath, unwrapNullable, type PathPlace, type PathPlan } from './path-plan.js';

export interface PathCompletionOption {
  /** What a list shows. */
  readonly label: string;
  /** What replaces the text from `from` to `to`. */
  readonly insert: string;
  /** What the step reads: a field's kind, a reference's target, what a reverse step gathers. */
  readonly detail: string;
}

export interface PathCompletion {
  /** The part of the text an option replaces (character offsets). */
  readonly from: number;
  readonly to: number;
  readonly options: readonly PathCompletionOption[];
}

type Trees = Readonly<Record<string, StoredTree>>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** The step being typed: a name, or a quoted name not closed yet. */
const NAME_AT_END = /(?:[A-Za-z_$][A-Za-z0-9_$]*|"(?:[^"\\]|\\.)*"?)$/;
/** A reverse step being typed: `<`, `<-`, `<-tas`, `<-tasks.pro`, `<-teams.members[]`. */
const REVERSE_AT_END = /<(?:-\s*[A-Za-z0-9_$.[\]]*)?$/;
/** An element being typed in brackets: `[`, `[-`, `[1`, `[*`. */
const BRACKET_AT_END = /\[\s*(?:-?\d*|\*)$/;

/** The options at `cursor` (default: the end) in a path from a record of `tree`. */
export function completePath(trees: Trees, tree: string, text: string, cursor = text.length): PathCompletion {
  const at = Math.max(0, Math.min(cursor, text.length));
  const before = text.slice(0, at);
  const to = at + (/^[A-Za-z0-9_$]*/.exec(text.slice(at))?.[0].length ?? 0);
  const none = (from: number): PathCompletion => ({ from, to, options: [] });
  if (!Object.hasOwn(trees, tree)) return none(at);
  const places = new Places(trees, tree);

  // `watchers[` takes an element; `<-teams.members[` may still become a reverse step's `[]`.
  const bracket = BRACKET_AT_END.exec(before);
  if (bracket) {
    const from = at - bracket[0].length;
    const place = places.after(before.slice(0, from));
    const elements = place ? elementOptions(place).filter((o) => o.insert.startsWith(bracket[0].replace(/\s+/g, ''))) : [];
    if (elements.length > 0 || !REVERSE_AT_END.test(before)) return { from, to, options: elements };
  }

  const reverse = REVERSE_AT_END.exec(before);
  if (reverse) {
    const from = at - reverse[0].length;
    const place = places.after(before.slice(0, from).replace(/->\s*$/, ''));
    const typed = reverse[0].replace(/\s+/g, '');
    const steps = place ? places.reverseSteps(place.ends).filter((o) => o.insert.startsWith(typed)) : [];
    const exact = steps.find((o) => o.insert === typed);
    const after = exact && places.after(before);
    if (!exact || !after) return { from, to, options: steps };
    // The step is whole: how to go on from it, then the longer steps it begins.
    return { from, to, options: [...continuations(places, after).map((o) => joined(exact, o)), ...steps.filter((o) => o !== exact)] };
  }

  const typed = NAME_AT_END.exec(before)?.[0] ?? '';
  const from = at - typed.length;
  const lead = before.slice(0, from).trimEnd();
  const join = lead === '' ? 'start' : lead.endsWith('->') ? '->' : lead.endsWith('.') ? '.' : undefined;
  if (join === undefined) {
    // Right after a whole step (`project[0]`, `<-tasks.project`): what may follow it.
    if (typed !== '') return none(from);
    const place = places.after(before);
    return { from: at, to: at, options: place ? continuations(places, place) : [] };
  }
  const head = join === 'start' ? undefined : lead.slice(0, -join.length);
  const place = head === undefined ? ({ ends: { kind: 'record', tree } } as const) : places.after(head);
  if (!place) return none(from);
  const prefix = (typed.startsWith('"') ? unquote(typed) : typed).toLowerCase();
  const names = places.namesAt(place.ends, join).filter((o) => o.label.toLowerCase().startsWith(prefix));
  const exact = typed !== '' ? names.find((o) => o.label === (typed.startsWith('"') ? unquote(typed) : typed)) : undefined;
  if (exact) {
    // The name is whole: offer how to go on from it, then the longer names it begins.
    const after = places.after(before);
    const next = after ? continuations(places, after).map((o) => joined(exact, o)) : [];
    return { from, to, options: [...next, ...names.filter((o) => o !== exact)] };
  }
  return { from, to, options: [...names, ...(typed === '' && join !== '.' ? places.reverseSteps(place.ends) : [])] };
}

/** A whole step and what follows it, as one option. */
function joined(step: PathCompletionOption, next: PathCompletionOption): PathCompletionOption {
  return { ...next, label: `${step.insert}${next.insert}`, insert: `${step.insert}${next.insert}` };
}

/** A planned head: where it stands, and its plan (for what its last step allows). */
interface Reached {
  readonly ends: PathPlace;
  readonly plan: PathPlan | undefined;
}

class Places {
  constructor(
    private readonly trees: Trees,
    private readonly tree: string,
  ) {}

  /** Where `head` leads; undefined when it does not plan (the path bar shows why). */
  after(head: string): Reached | undefined {
    if (head.trim() === '') return { ends: { kind: 'record', tree: this.tree }, plan: undefined };
    const check = planPath(this.trees, this.tree, head);
    return check.ok ? { ends: check.plan.ends, plan: check.plan } : undefined;
  }

  /** The names a step joined by `join` may take at `place`. */
  namesAt(place: PathPlace, join: 'start' | '->' | '.'): PathCompletionOption[] {
    if (place.kind === 'record') return this.recordNames(place.tree);
    const node = unwrapNullable(place.node);
    const target = refTargetOf(node);
    if (target !== undefined) return join === '->' && Object.hasOwn(this.trees, target) ? this.recordNames(target) : [];
    if (node['type'] === 'array') return join === '->' ? ARROW_ELEMENTS : [];
    return fieldOptions(propertiesOf(node));
  }

  /** A record's fields, then its references over fields (which step to their target). */
  private recordNames(tree: string): PathCompletionOption[] {
    const stored = this.trees[tree]!;
    const overFields = stored.references.filter((r) => r.fields).map((r) => ({ label: r.path, insert: nameText(r.path), detail: `reference to ${r.target} (${r.fields!.join(', ')})` }));
    return [...fieldOptions(propertiesOf(stored.value)), ...overFields];
  }

  /** `<-holder.reference` for every reference whose target is the record at `place` (or the one its reference names). */
  reverseSteps(place: PathPlace): PathCompletionOption[] {
    const here = place.kind === 'record' ? place.tree : refTargetOf(unwrapNullable(place.node));
    if (here === undefined) return [];
    return Object.values(this.trees).flatMap((holder) =>
      holder.references
        .filter((r) => r.target === here)
        .map((r) => {
          const step = `<-${nameText(holder.name)}.${r.path.split('.').map(referencePart).join('.')}`;
          const how = r.fields ? `${r.path} (${r.fields.join(', ')})` : r.path;
          return { label: step, insert: step, detail: `the ${holder.name} whose ${how} ${r.many ? 'lists' : 'refers to'} this ${here}` };
        }),
    );
  }
}

/** What may follow a whole step. */
function continuations(places: Places, reached: Reached): PathCompletionOption[] {
  const place = reached.ends;
  const last = reached.plan?.steps.at(-1);
  const picks = last?.op === 'reverse' && last.pick === undefined ? HOLDER_PICKS : [];
  if (place.kind === 'record') return [...picks, { label: '->', insert: '->', detail: `a field of the ${place.tree} record` }, ...places.reverseSteps(place)];
  const node = unwrapNullable(place.node);
  const target = refTargetOf(node);
  if (target !== undefined) return [{ label: '->', insert: '->', detail: `follow to the ${target} record` }, ...places.reverseSteps(place)];
  if (node['type'] === 'array') return BRACKET_ELEMENTS;
  if (node['properties'] !== undefined) return [{ label: '.', insert: '.', detail: `a field of ${place.name}` }];
  return [];
}

function elementOptions(reached: Reached): PathCompletionOption[] {
  const last = reached.plan?.steps.at(-1);
  if (last?.op === 'reverse' && last.pick === undefined) return HOLDER_PICKS;
  const place = reached.ends;
  return place.kind === 'value' && unwrapNullable(place.node)['type'] === 'array' ? BRACKET_ELEMENTS : [];
}

const BRACKET_ELEMENTS: PathCompletionOption[] = [
  { label: '[0]', insert: '[0]', detail: 'the first element' },
  { label: '[-1]', insert: '[-1]', detail: 'the last element' },
  { label: '[*]', insert: '[*]', detail: 'every element (a list of results)' },
];
const ARROW_ELEMENTS: PathCompletionOption[] = [
  { label: '0', insert: '0', detail: 'the first element' },
  { label: '-1', insert: '-1', detail: 'the last element' },
  { label: '*', insert: '*', detail: 'every element (a list of results)' },
];
const HOLDER_PICKS: PathCompletionOption[] = [
  { label: '[0]', insert: '[0]', detail: 'the first of them, in key order' },
  { label: '[-1]', insert: '[-1]', detail: 'the last of them, in key order' },
];

function fieldOptions(properties: Readonly<Record<string, JsonSchema>>): PathCompletionOption[] {
  return Object.entries(properties).map(([name, node]) => ({ label: name, insert: nameText(name), detail: kindOf(node) }));
}

/** A field's kind in a few words: `reference to people`, `list of references to people`, `timestamp`, `text or null`. */
export function kindOf(node: JsonSchema): string {
  const inner = unwrapNullable(node);
  const nullable = inner !== node && Array.isArray(node['anyOf']);
  const base = ((): string => {
    const target = refTargetOf(inner);
    if (target !== undefined) return `reference to ${target}`;
    const marked = inner[KIND_MARKER];
    if (typeof marked === 'string') return marked;
    const values = inner['enum'];
    if (Array.isArray(values)) return `one of ${values.slice(0, 4).map((v) => JSON.stringify(v)).join(', ')}${values.length > 4 ? ', …' : ''}`;
    const type = inner['type'];
    if (type === 'array') {
      const items = (inner['items'] as JsonSchema | undefined) ?? {};
      const itemTarget = refTargetOf(unwrapNullable(items));
      return itemTarget !== undefined ? `list of references to ${itemTarget}` : `list of ${plural(kindOf(items))}`;
    }
    if (type === 'integer') return 'integer';
    if (type === 'string') return 'text';
    if (typeof type === 'string') return type;
    return 'value';
  })();
  return nullable ? `${base} or null` : base;
}

function plural(kind: string): string {
  if (kind === 'value') return 'values';
  if (/^(text|object|integer|number|boolean|timestamp|bytes)$/.test(kind)) return kind === 'text' ? 'text' : `${kind}s`;
  return kind;
}

function propertiesOf(node: JsonSchema): Readonly<Record<string, JsonSchema>> {
  return (node['properties'] as Record<string, JsonSchema> | undefined) ?? {};
}

/** A name as a path spells it: bare when it is an identifier, else as a JSON string. */
function nameText(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** One part of a reverse step's reference path (`watchers[]`, `address`), quoted when it must be. */
function referencePart(part: string): string {
  const list = part.endsWith('[]');
  const name = list ? part.slice(0, -2) : part;
  return `${nameText(name)}${list ? '[]' : ''}`;
}

function unquote(typed: string): string {
  try {
    return JSON.parse(typed.endsWith('"') && typed.length > 1 ? typed : `${typed}"`) as string;
  } catch {
    return typed.slice(1);
  }
}
