/**
 * The runtime model of one tree, built from its catalog entry: value codec,
 * key codec, and how to compute its index entries and outgoing references.
 */
import { InvalidKeyError, safeStringify, ValidationError } from '../errors.js';
import { assertSchemaDepth } from '../schema/depth.js';
import { makeKeyCodec, type KeyCodec } from '../schema/key-codec.js';
import { identitySchemaOf, versionedCodec } from '../schema/versioned-key.js';
import { pathSegments, valuesAt } from '../schema/references.js';
import { schemaAt } from '../schema/assemble.js';
import { ValueCodec } from '../schema/value-codec.js';
import { valueKindOf } from '../schema/value-kinds.js';
import type { JsonSchema, StoredIndex, StoredReference, StoredTree } from '../schema/catalog.js';
import type { KeyPart, KeyValue } from '../schema/key-brand.js';

export interface IndexModel {
  readonly tree: string;
  readonly stored: StoredIndex;
  readonly storeName: string;
  /** Every entry (a tuple of parts) the value puts in the index; none when a field is absent or null. */
  entries(value: unknown): KeyPart[][];
  /** Turns looked-up values (native, e.g. a Date) into index parts; InvalidKeyError for a value of the wrong sort. */
  toParts(values: readonly unknown[]): KeyPart[];
  /** Looked-up values in text form (the opaque face) → native, field by field. */
  fromJsonParts(values: readonly unknown[]): unknown[];
  /** Whether the first field holds text, so that a text prefix can match it. */
  readonly prefixable: boolean;
  /** How many parts a value looked up has: the fields of a compound index, else 1. */
  readonly width: number;
  /** A computed index (its values come from a function of the application), and whether this process has the function. */
  readonly computed: boolean;
  readonly computable: boolean;
  /** An index on a path across a reference (`project->team`), and the tree it reaches: ./path-index.ts keeps it. */
  readonly path?: IndexPath & { readonly target: string };
  /** A path index's entries with the records it reaches read through `read` (the write path reads them as they were, and as they are). */
  entriesWith?(value: unknown, read: RecordReader): KeyPart[][];
}

export interface ReferenceModel {
  readonly tree: string;
  readonly stored: StoredReference;
  /** Where the reference sits in the value (none for a reference over existing fields: `stored.fields`). */
  readonly segments: readonly string[];
  /** Its reverse entries: `[...targetKey, ...holderKey]`, one store per reference (see referenceStoreName). */
  readonly storeName: string;
  targets(value: unknown): KeyValue[];
}

/** A tree's stores are named after this: `users`, then `users@1` once a migration rebuilt it (tree names hold no '@'). */
export const storageName = (tree: string, generation: number) => (generation === 0 ? tree : `${tree}@${generation}`);
export const recordStoreName = (tree: string) => `t/${tree}`;
export const indexStoreName = (tree: string, index: string) => `i/${tree}/${index}`;
/**
 * The reverse entries of one reference (the tree holding it and its path): keys
 * `[...targetKey, ...holderKey]`, so finding a record's holders is one range of
 * short keys, as an index on the field would be. (Before catalog format 2 every
 * reference shared one store, `__refs`, with the tree names and path in each key.)
 */
export const referenceStoreName = (tree: string, path: string) => `r/${tree}/${path}`;
/** The release state of a versioned tree's records (core/release.ts): keyed by record key. */
export const releaseStoreName = (tree: string) => `v/${tree}`;

export class TreeModel {
  readonly codec: ValueCodec;
  readonly key: KeyCodec;
  readonly indexes: readonly IndexModel[];
  readonly references: readonly ReferenceModel[];
  readonly storeName: string;
  /** Where a versioned tree keeps its records' release state (undefined for other trees). */
  readonly releaseStore: string | undefined;
  /**
   * What the tree's stores and counters are named after: its name, and from the first migration that
   * rebuilt it the generation too (`users@1`: catalog `generations`).
   */
  readonly storage: string;

  constructor(
    readonly stored: StoredTree,
    derive?: (value: unknown) => unknown,
    /**
     * The value schema the application's code declares, where it is an older definition than the
     * stored one (schema/compatibility.ts `standing`): the code's writes keep the fields it does not know.
     */
    readonly codeValue?: JsonSchema,
    generation = 0,
    /** The function of each computed index the application gives (none: a tool without its code). */
    compute: (index: string) => ((value: unknown) => unknown) | undefined = () => undefined,
    /** The other trees, for indexes on a path across a reference. */
    context: ModelContext = NO_CONTEXT,
  ) {
    // A stored catalog may come from another tool or from an engine before the limit: nothing deeper is compiled or served.
    assertSchemaDepth(stored.name, 'value', stored.value);
    assertSchemaDepth(stored.name, 'key', stored.keySchema);
    this.codec = new ValueCodec(stored.value);
    this.key = keyCodecOf(stored, derive);
    this.storage = storageName(stored.name, generation);
    this.storeName = recordStoreName(this.storage);
    this.releaseStore = stored.versioned ? releaseStoreName(this.storage) : undefined;
    this.indexes = stored.indexes.map((index) => {
      if (index.computed) return makeComputedIndex(stored.name, this.storage, index, index.computed.schema, compute(index.name));
      const path = indexPathOf(index);
      if (!path) return makeIndex(stored.name, this.storage, stored.value, index);
      const reference = stored.references.find((r) => r.path === path.reference || r.path === `${path.reference}[]`);
      return makePathIndex(stored.name, indexStoreName(this.storage, index.name), index, path, reference, context);
    });
    this.references = stored.references.map((ref) => {
      const segments = ref.fields ? [] : pathSegments(ref.path);
      const targets = ref.fields ? fieldTargets(ref.fields) : (value: unknown) => valuesAt(value, segments).map(keyParts) as KeyValue[];
      return { tree: stored.name, stored: ref, segments, storeName: referenceStoreName(this.storage, ref.path), targets };
    });
  }

  get name(): string {
    return this.stored.name;
  }

  index(name: string): IndexModel | undefined {
    return this.indexes.find((i) => i.stored.name === name);
  }

  reference(path: string): ReferenceModel | undefined {
    return this.references.find((r) => r.stored.path === path);
  }
}

/** A versioned tree's keys wrap the codec of the declared key strategy (its identity) with a version part. */
function keyCodecOf(stored: StoredTree, derive?: (value: unknown) => unknown): KeyCodec {
  if (!stored.versioned) return makeKeyCodec(stored.name, stored.key, stored.keySchema, derive);
  const tuple = stored.key.kind === 'composite' || (stored.key.kind === 'custom' && stored.key.schema['type'] === 'array');
  const identity = makeKeyCodec(stored.name, stored.key, identitySchemaOf(stored.keySchema, tuple, stored.name), derive);
  return versionedCodec(stored.name, identity, stored.keySchema);
}

/** `project->team`: the reference's field path in the record, and the field path in the record it names. */
export interface IndexPath {
  readonly reference: string;
  readonly field: string;
}

/** Reads a record's stored value by tree and key (undefined: none), as the index's entries need. */
export type RecordReader = (tree: string, key: KeyValue) => unknown;

/** What the model of a tree needs of the others to index across a reference. */
export interface ModelContext {
  read: RecordReader;
  /** A tree's value schema (undefined: no such tree). */
  valueOf(tree: string): JsonSchema | undefined;
}

export const PATH_ARROW = '->';

/** The path of an index declared on one (`on: ['project->team']`); undefined for an index on the record's own fields. */
export function indexPathOf(stored: StoredIndex): IndexPath | undefined {
  const [on] = stored.on;
  if (stored.on.length !== 1 || on === undefined || !on.includes(PATH_ARROW)) return undefined;
  const at = on.indexOf(PATH_ARROW);
  return { reference: on.slice(0, at), field: on.slice(at + PATH_ARROW.length) };
}

/** The model of an index on a path: its entries read the referenced records through `context`. */
export function makePathIndex(tree: string, storeName: string, stored: StoredIndex, path: IndexPath, reference: StoredReference | undefined, context: ModelContext): IndexModel {
  // A list of references is stored as `also[]`: its elements are the keys.
  const referenceSegments = pathSegments(reference?.path ?? path.reference);
  const target = reference?.target ?? '';
  const fieldSegments = pathSegments(path.field);
  let field: { toPart: (v: unknown) => KeyPart; kind: ReturnType<typeof valueKindOf>; text: boolean } | undefined;
  // The target's schema is another tree's: looked at the first time it is needed, when every model exists.
  const fieldKind = () => {
    if (field) return field;
    const node = schemaAt(context.valueOf(target) ?? {}, fieldSegments) ?? {};
    const leaf = node['type'] === 'array' ? ((node['items'] as JsonSchema | undefined) ?? node) : node;
    const typed = leaf['type'] !== undefined ? leaf : (((leaf['anyOf'] as JsonSchema[] | undefined) ?? [])[0] ?? {});
    const kind = valueKindOf(leaf) ?? valueKindOf(typed);
    const toPart = (v: unknown): KeyPart => (kind ? (kind.toIndexPart(v) as KeyPart) : (Object.is(v, -0) ? 0 : (v as KeyPart)));
    field = { toPart, kind, text: typed['type'] === 'string' && kind === undefined };
    return field;
  };
  const fieldValues = (value: unknown) => valuesAt(value, fieldSegments).flatMap((v) => (Array.isArray(v) ? v : [v]));
  const entriesWith = (value: unknown, read: RecordReader): KeyPart[][] => {
    const parts = new Map<string, KeyPart>();
    for (const referenced of valuesAt(value, referenceSegments)) {
      const found = read(target, referenced as KeyValue);
      if (found === undefined) continue;
      for (const v of fieldValues(found)) {
        const part = fieldKind().toPart(v);
        parts.set(`${typeof part}:${String(part)}`, part);
      }
    }
    return [...parts.values()].map((part) => [part]);
  };
  return {
    tree,
    stored,
    storeName,
    entries: (value) => entriesWith(value, context.read),
    entriesWith,
    toParts: (values) =>
      values.map((v) => {
        const problem = fieldKind().kind?.queryProblem(v);
        if (problem !== undefined) throw new InvalidKeyError(tree, v, `index '${stored.name}' on '${stored.on[0]}': ${problem}`);
        return fieldKind().toPart(v);
      }),
    fromJsonParts: (values) => values.map((v) => (fieldKind().kind ? fieldKind().kind!.queryFromJson(v) : v)),
    get prefixable() {
      return fieldKind().text;
    },
    width: 1,
    computed: false,
    computable: true,
    path: { ...path, target },
  };
}

const NO_CONTEXT: ModelContext = { read: () => undefined, valueOf: () => undefined };

function makeIndex(tree: string, storage: string, value: JsonSchema, stored: StoredIndex): IndexModel {
  const fields = stored.on.map((path) => {
    const segments = pathSegments(path);
    const node = schemaAt(value, segments) ?? {};
    const leaf = node['type'] === 'array' ? ((node['items'] as JsonSchema | undefined) ?? node) : node;
    const kind = valueKindOf(leaf) ?? valueKindOf(((leaf['anyOf'] as JsonSchema[] | undefined) ?? [])[0] ?? {});
    const toPart = (v: unknown): KeyPart => (kind ? (kind.toIndexPart(v) as KeyPart) : (notNegativeZero(v) as KeyPart));
    const typed = leaf['type'] !== undefined ? leaf : (((leaf['anyOf'] as JsonSchema[] | undefined) ?? [])[0] ?? {});
    const text = typed['type'] === 'string' && kind === undefined;
    return { segments: node['type'] === 'array' ? [...segments, '[]'] : segments, toPart, kind, text };
  });
  const queryPart = (v: unknown, i: number): KeyPart => {
    const field = fields[i];
    if (!field) return v as KeyPart;
    const problem = field.kind?.queryProblem(v);
    if (problem !== undefined) throw new InvalidKeyError(tree, v, `index '${stored.name}' on '${stored.on[i]}': ${problem}`);
    return field.toPart(v);
  };
  return {
    tree,
    stored,
    storeName: indexStoreName(storage, stored.name),
    entries(record) {
      const only = fields.length === 1 ? fields[0]! : undefined;
      if (only) {
        // One field (most indexes): a tuple per value, without the cross product's copies.
        const found = valuesAt(record, only.segments);
        return found.length === 1 ? [[only.toPart(found[0])]] : dedupe(found.map(only.toPart)).map((part) => [part]);
      }
      let tuples: KeyPart[][] = [[]];
      for (const field of fields) {
        const found = valuesAt(record, field.segments);
        if (found.length === 0) return [];
        const parts = dedupe(found.map(field.toPart));
        tuples = tuples.flatMap((t) => parts.map((p) => [...t, p]));
      }
      return tuples;
    },
    toParts: (values) => values.map(queryPart),
    prefixable: fields[0]?.text ?? false,
    fromJsonParts: (values) => values.map((v, i) => (fields[i]?.kind ? fields[i].kind.queryFromJson(v) : v)),
    width: Math.max(1, fields.length),
    computed: false,
    computable: true,
  };
}

/**
 * An index whose values a function of the application computes: none, one or a list per record, each
 * checked against the index's value schema. Without the function (a tool without the application's
 * code), `entries` cannot be called: the write path marks the index stale instead (./write-context.ts).
 */
function makeComputedIndex(tree: string, storage: string, stored: StoredIndex, schema: JsonSchema, compute: ((value: unknown) => unknown) | undefined): IndexModel {
  const kind = valueKindOf(schema);
  const where = `index ${tree}.${stored.name}`;
  const part = (v: unknown): KeyPart => (kind ? (kind.toIndexPart(v) as KeyPart) : (notNegativeZero(v) as KeyPart));
  return {
    tree,
    stored,
    storeName: indexStoreName(storage, stored.name),
    entries(record) {
      if (!compute) throw new Error(`${where} is computed by the application's code, which is not here`);
      const result = compute(record);
      const values = result === null || result === undefined ? [] : Array.isArray(result) ? (result as unknown[]) : [result];
      const parts: KeyPart[] = [];
      for (const value of values) {
        if (value === null || value === undefined) continue;
        const problem = computedValueProblem(schema, kind, value);
        if (problem) throw new ValidationError(tree, [{ path: '', message: `${where}: the function computed ${safeStringify(value)}, which ${problem}` }]);
        parts.push(part(value));
      }
      return dedupe(parts).map((p) => [p]);
    },
    toParts: (values) =>
      values.map((v) => {
        const problem = computedValueProblem(schema, kind, v);
        if (problem !== undefined) throw new InvalidKeyError(tree, v, `${where}: ${problem}`);
        return part(v);
      }),
    prefixable: schema['type'] === 'string' && kind === undefined,
    fromJsonParts: (values) => values.map((v) => (kind ? kind.queryFromJson(v) : v)),
    width: 1,
    computed: true,
    computable: compute !== undefined,
  };
}

function computedValueProblem(schema: JsonSchema, kind: ReturnType<typeof valueKindOf>, value: unknown): string | undefined {
  if (kind) return kind.queryProblem(value);
  const allowed = (schema['enum'] as unknown[] | undefined) ?? (schema['const'] !== undefined ? [schema['const']] : undefined);
  if (allowed && !allowed.includes(value)) return `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
  switch (schema['type']) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : 'must be an integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a finite number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    default:
      return undefined;
  }
}

/**
 * Index and reference entries are keys, and lmdb's key encoding writes -0 as
 * garbage (it read back as other parts: the entry was stale and the record's
 * missing). A value may hold -0 (JSON text `-0` parses to it), so its entries
 * hold 0, as record keys do (key-codec.ts).
 */
function notNegativeZero(v: unknown): unknown {
  return Object.is(v, -0) ? 0 : v;
}

/** A reference over existing fields names the key of their values, when none is absent or null. */
function fieldTargets(fields: readonly string[]): (value: unknown) => KeyValue[] {
  return (value) => {
    const parts = fields.map((field) => (value as Record<string, unknown>)[field]);
    return parts.some((part) => part === undefined || part === null) ? [] : [keyParts(parts) as KeyValue];
  };
}

/** A referenced key with -0 parts as 0. */
function keyParts(key: unknown): unknown {
  return Array.isArray(key) ? key.map(notNegativeZero) : notNegativeZero(key);
}

function dedupe(parts: KeyPart[]): KeyPart[] {
  return parts.length < 2 ? parts : [...new Map(parts.map((p) => [`${typeof p}:${String(p)}`, p])).values()];
}

/** A stable text for comparing keys and index tuples. */
export function keyText(key: unknown): string {
  return JSON.stringify(key);
}
