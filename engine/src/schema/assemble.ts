/**
 * Turns the application's tree declarations into catalog entries: references
 * resolved to their target's key schema, indexes and references listed as data.
 */
import { InvalidKeyError, InvalidSchemaError } from '../errors.js';
import { assertSchemaDepth } from './depth.js';
import { assertWellFormedEntry } from './well-formed-text.js';
import { labelProblem } from './labels.js';
import { keySchemaOf } from './key-codec.js';
import { versionedKeySchema } from './versioned-key.js';
import { storedFieldReferences } from './field-references.js';
import { describeReferences, findRefNodes, pathSegments, pathText } from './references.js';
import { KIND, REF_ON_DELETE, REF_TARGET } from './values.js';
import type { JsonSchema, StoredIndex, StoredKeyStrategy, StoredReference, StoredTree } from './catalog.js';
import type { IndexDeclaration, TreeDeclaration } from './tree.js';

const TREE_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

export function assembleTrees(declarations: readonly TreeDeclaration[]): StoredTree[] {
  const seen = new Set<string>();
  for (const d of declarations) {
    if (!TREE_NAME.test(d.name)) throw new InvalidSchemaError(`tree name '${d.name}' must be letters, digits, '_' or '-', starting with a letter or '_'`);
    if (seen.has(d.name)) throw new InvalidSchemaError(`tree '${d.name}' is declared twice`);
    seen.add(d.name);
  }
  const strategies = new Map(declarations.map((d) => [d.name, storedStrategy(d)]));
  const keySchemas = new Map<string, JsonSchema>();
  // Keys that do not depend on values first; composite keys may use references to those.
  for (const d of declarations) {
    const strategy = strategies.get(d.name)!;
    if (strategy.kind !== 'composite') keySchemas.set(d.name, withVersions(d, keySchemaOf(strategy, {}, d.name)));
  }
  for (const d of declarations) {
    const strategy = strategies.get(d.name)!;
    if (strategy.kind === 'composite') {
      const resolved = resolveRefs(clone(d.value as unknown as JsonSchema), keySchemas, seen, d.name);
      keySchemas.set(d.name, withVersions(d, wrap(d.name, () => keySchemaOf(strategy, resolved, d.name))));
    }
  }
  const entries = declarations.map((d) => {
    const value = resolveRefs(clone(d.value as unknown as JsonSchema), keySchemas, seen, d.name);
    // A reference takes its target's key schema, which may nest deeper than the reference did.
    assertSchemaDepth(d.name, 'value', value);
    checkSetNullLists(d.name, value);
    const indexes = Object.entries(d.indexes).map(([name, index]): StoredIndex => storedIndex(d.name, name, index));
    for (const index of indexes) if (!index.computed && !index.on.some((on) => on.includes('->'))) checkIndex(d.name, value, index);
    const entry: StoredTree = {
      name: d.name,
      key: strategies.get(d.name)!,
      keySchema: keySchemas.get(d.name)!,
      value,
      indexes,
      references: withFieldReferences(d, value, keySchemas),
      ...(d.label ? { label: checkedLabel(d.name, value, d.label) } : {}),
      ...(d.versioned ? { versioned: true as const } : {}),
    };
    assertWellFormedEntry(d.name, entry);
    return entry;
  });
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const entry of entries) for (const index of entry.indexes) if (index.on.some((on) => on.includes('->'))) checkPathIndex(entry, index, byName);
  return entries;
}

/** An index on a path across one reference (`project->team`): the reference is a field of the record, the field one of the target's. */
function checkPathIndex(entry: StoredTree, index: StoredIndex, trees: ReadonlyMap<string, StoredTree>): void {
  const where = `index ${entry.name}.${index.name}`;
  const on = index.on[0]!;
  if (index.on.length !== 1) throw new InvalidSchemaError(`${where}: an index on a path ('${index.on.find((p) => p.includes('->'))}') is on that one path, not several fields`);
  if (index.unique) throw new InvalidSchemaError(`${where}: an index on a path cannot be unique (one record's change would decide for all that refer to it)`);
  const [reference, field, ...more] = on.split('->');
  if (more.length > 0 || !reference || !field) throw new InvalidSchemaError(`${where}: '${on}' crosses more than one reference, or misses a side: an index path is 'reference->field'`);
  const node = schemaAt(entry.value, pathSegments(reference));
  const list = node && node[KIND] !== 'ref' && node['type'] === 'array' ? ((node['items'] as JsonSchema | undefined) ?? {}) : node;
  // A nullable reference is `anyOf: [reference, null]`.
  const leaf = [list, ...((list?.['anyOf'] as JsonSchema[] | undefined) ?? [])].find((n) => n?.[KIND] === 'ref');
  const target = leaf ? String(leaf[REF_TARGET]) : undefined;
  if (!target) throw new InvalidSchemaError(`${where}: '${reference}' in '${on}' is not a reference field of ${entry.name}`);
  const reached = schemaAt(trees.get(target)!.value, pathSegments(field));
  if (!reached) throw new InvalidSchemaError(`${where}: '${field}' in '${on}' is not a field of ${target}`);
  const value = reached[KIND] !== 'ref' && reached['type'] === 'array' && reached['items'] ? (reached['items'] as JsonSchema) : reached;
  if (!isIndexable(value) && !(value[KIND] === 'ref' && value['type'] !== 'array')) {
    throw new InvalidSchemaError(`${where}: '${field}' of ${target} must be a string, number, integer, boolean, timestamp or reference to a one-part key (or a list of them)`);
  }
}

/** The references of the value's `t.ref` fields, then those over existing fields (./field-references.ts). */
function withFieldReferences(d: TreeDeclaration, value: JsonSchema, keySchemas: ReadonlyMap<string, JsonSchema>): StoredReference[] {
  const inValue = describeReferences(value);
  return [...inValue, ...storedFieldReferences(d.name, d.references, value, keySchemas, inValue)];
}

/** A versioned tree's key schema: its declared key's parts, then the version (./versioned-key.ts). */
function withVersions(d: TreeDeclaration, keySchema: JsonSchema): JsonSchema {
  return d.versioned ? versionedKeySchema(keySchema, d.name) : keySchema;
}

function storedIndex(tree: string, name: string, index: IndexDeclaration): StoredIndex {
  if (!('compute' in index)) return { name, on: typeof index.on === 'string' ? [index.on] : [...index.on], unique: index.unique ?? false };
  const version = index.version ?? 1;
  if (!Number.isSafeInteger(version) || version < 1) throw new InvalidSchemaError(`index ${tree}.${name}: version must be a whole number from 1, got ${String(index.version)}`);
  if (typeof index.compute !== 'function') throw new InvalidSchemaError(`index ${tree}.${name}: compute must be a function of the record`);
  const schema = clone(index.value as unknown as JsonSchema);
  if (!isIndexable(schema) || schema['type'] === 'null') {
    throw new InvalidSchemaError(`index ${tree}.${name}: a computed index's value must be a string, number, integer, boolean or timestamp schema`);
  }
  return { name, on: [], unique: index.unique ?? false, computed: { schema, version } };
}

function storedStrategy(d: TreeDeclaration): StoredKeyStrategy {
  const key = d.key;
  switch (key.kind) {
    case 'composite':
      return { kind: 'composite', fields: [...key.fields] };
    case 'custom':
      return { kind: 'custom', schema: clone(key.schema as unknown as JsonSchema), ...(key.field === undefined ? {} : { field: key.field }) };
    default:
      return { kind: key.kind };
  }
}

/** A reference node takes its target's key schema, so the stored schema validates references by itself. */
function resolveRefs(schema: JsonSchema, keySchemas: Map<string, JsonSchema>, trees: Set<string>, tree: string): JsonSchema {
  for (const { segments, node } of findRefNodes(schema)) {
    const target = node[REF_TARGET] as string;
    if (!trees.has(target)) throw new InvalidSchemaError(`tree '${tree}' refers to '${target}', which is not declared`);
    const keySchema = keySchemas.get(target);
    if (!keySchema) throw new InvalidSchemaError(`tree '${tree}': a composite key field refers to '${target}', whose key is itself composite`);
    // setNull drops a deleted target from a list it is an element of, and sets any other field to null:
    // a reference field of objects in a list (`items[].owner`) too.
    const nullable = node[REF_ON_DELETE] === 'setNull' && segments.at(-1) !== '[]';
    for (const k of Object.keys(node)) if (![KIND, REF_TARGET, REF_ON_DELETE].includes(k)) delete node[k];
    Object.assign(node, nullable ? { anyOf: [clone(keySchema), { type: 'null' }] } : clone(keySchema));
  }
  return schema;
}

/**
 * setNull drops a deleted target from a list of references: a list that must
 * keep a minimum of items would be left shorter than its schema allows (the
 * holder was stored so, and then failed its own check).
 */
function checkSetNullLists(tree: string, schema: JsonSchema, path: readonly string[] = []): void {
  const items = schema['items'];
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    const item = items as JsonSchema;
    const minItems = (schema['minItems'] as number | undefined) ?? 0;
    if (item[KIND] === 'ref' && item[REF_ON_DELETE] === 'setNull' && minItems > 0) {
      throw new InvalidSchemaError(
        `tree '${tree}': '${pathText([...path, '[]'])}' holds references that onDelete 'setNull' removes, and must keep at least ${minItems}: deleting a target would leave it shorter (use 'cascade' or 'restrict', or no minItems)`,
      );
    }
    checkSetNullLists(tree, item, [...path, '[]']);
  }
  for (const [name, child] of Object.entries((schema['properties'] ?? {}) as Record<string, JsonSchema>)) checkSetNullLists(tree, child, [...path, name]);
  for (const branch of (schema['anyOf'] ?? []) as JsonSchema[]) checkSetNullLists(tree, branch, path);
}

function checkIndex(tree: string, value: JsonSchema, index: StoredIndex): void {
  for (const path of index.on) {
    const node = schemaAt(value, pathSegments(path));
    if (!node) throw new InvalidSchemaError(`index ${tree}.${index.name}: '${path}' is not a field of the value`);
    const leaf = node[KIND] !== 'ref' && node['type'] === 'array' && node['items'] ? (node['items'] as JsonSchema) : node;
    // A reference to a composite-key record is a list of parts, which an index would take for a list of values.
    if (leaf[KIND] === 'ref' && leaf['type'] === 'array') {
      throw new InvalidSchemaError(
        `index ${tree}.${index.name}: '${path}' refers to tree '${String(leaf[REF_TARGET])}', whose keys are composite; an index on a reference to a composite key is not supported yet`,
      );
    }
    if (!isIndexable(leaf)) {
      throw new InvalidSchemaError(`index ${tree}.${index.name}: '${path}' must be a string, number, integer, boolean, timestamp or reference (or a list of them)`);
    }
  }
}

function checkedLabel(tree: string, value: JsonSchema, label: readonly string[]): string[] {
  if (label.length === 0) throw new InvalidSchemaError(`tree '${tree}': label must name at least one field`);
  for (const path of label) {
    const problem = labelProblem(value, path);
    if (problem) throw new InvalidSchemaError(`tree '${tree}': label ${problem}`);
  }
  return [...label];
}

function isIndexable(node: JsonSchema): boolean {
  if (node[KIND] === 'bytes') return false;
  if (node[KIND] === 'timestamp') return true;
  const branches = (node['anyOf'] as JsonSchema[] | undefined) ?? [node];
  return branches.every((b) => ['string', 'number', 'integer', 'boolean', 'null'].includes(b['type'] as string) || b['enum'] !== undefined || b['const'] !== undefined || (b[KIND] === 'timestamp'));
}

export function schemaAt(schema: JsonSchema, segments: readonly string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of segments) {
    if (!node) return undefined;
    node = segment === '[]' ? (node['items'] as JsonSchema | undefined) : ((node['properties'] as Record<string, JsonSchema> | undefined)?.[segment]);
  }
  return node;
}

function wrap<T>(tree: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof InvalidKeyError) throw new InvalidSchemaError(`tree '${tree}': ${error.reason}`);
    throw error;
  }
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
