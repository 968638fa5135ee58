/**
 * Decides what opening a database with a new schema does to the stored one:
 * nothing (same), apply (new tree, new optional field, index added, removed or
 * changed), or refuse with the tree and field named.
 */
import { isDeepStrictEqual } from 'node:util';
import { IncompatibleSchemaError } from '../errors.js';
import { KIND, REF_ON_DELETE } from './values.js';
import type { JsonSchema, StoredIndex, StoredTree } from './catalog.js';

export interface TreeChange {
  readonly tree: string;
  /** Indexes to (re)build from the records, and to drop. */
  readonly buildIndexes: readonly StoredIndex[];
  readonly dropIndexes: readonly StoredIndex[];
  readonly isNew: boolean;
}

/** Throws IncompatibleSchemaError; returns the work needed, or undefined when nothing changed. */
export function compareTree(stored: StoredTree | undefined, next: StoredTree): TreeChange | undefined {
  if (!stored) return { tree: next.name, buildIndexes: next.indexes, dropIndexes: [], isNew: true };
  if (isDeepStrictEqual(stored, next)) return undefined;
  if (!isDeepStrictEqual(stored.key, next.key) || !isDeepStrictEqual(stored.keySchema, next.keySchema)) {
    throw new IncompatibleSchemaError(next.name, '(key)', `the key changed from ${JSON.stringify(stored.key)} to ${JSON.stringify(next.key)}`);
  }
  compareValue(next.name, '', stored.value, next.value);
  const same = (a: StoredIndex, b: StoredIndex) => isDeepStrictEqual(a, b);
  return {
    tree: next.name,
    buildIndexes: next.indexes.filter((n) => !stored.indexes.some((s) => same(s, n))),
    dropIndexes: stored.indexes.filter((s) => !next.indexes.some((n) => same(s, n))),
    isNew: false,
  };
}

function compareValue(tree: string, path: string, before: JsonSchema, after: JsonSchema): void {
  if (isDeepStrictEqual(withoutOnDelete(before), withoutOnDelete(after))) return;
  if (before[KIND] === 'ref' && after[KIND] === 'ref') return compareReference(tree, path, before, after);
  const oldProps = before['properties'] as Record<string, JsonSchema> | undefined;
  const newProps = after['properties'] as Record<string, JsonSchema> | undefined;
  if (!oldProps || !newProps) throw new IncompatibleSchemaError(tree, path, 'the field changed type');
  const oldRequired = new Set((before['required'] as string[] | undefined) ?? []);
  const newRequired = new Set((after['required'] as string[] | undefined) ?? []);
  for (const name of Object.keys(oldProps)) {
    const field = path ? `${path}.${name}` : name;
    const next = newProps[name];
    if (!next) throw new IncompatibleSchemaError(tree, field, 'the field was removed');
    if (!oldRequired.has(name) && newRequired.has(name)) throw new IncompatibleSchemaError(tree, field, 'an optional field became required');
    compareValue(tree, field, oldProps[name]!, next);
  }
  for (const name of Object.keys(newProps)) {
    if (!oldProps[name] && newRequired.has(name)) {
      throw new IncompatibleSchemaError(tree, path ? `${path}.${name}` : name, 'a new field must be optional (stored records do not have it)');
    }
  }
  const rest = (s: JsonSchema) => ({ ...s, properties: undefined, required: undefined });
  if (!isDeepStrictEqual(rest(before), rest(after))) throw new IncompatibleSchemaError(tree, path, 'the object’s settings changed');
}

/**
 * `onDelete: 'setNull'` also makes a single reference nullable. Becoming
 * nullable keeps every stored record valid; ceasing to be is refused, as
 * records may hold null.
 */
function compareReference(tree: string, path: string, before: JsonSchema, after: JsonSchema): void {
  const nullable = (s: JsonSchema) => ((s['anyOf'] as JsonSchema[] | undefined) ?? []).some((b) => b['type'] === 'null');
  const shape = (s: JsonSchema) => {
    const branches = (s['anyOf'] as JsonSchema[] | undefined)?.filter((b) => b['type'] !== 'null');
    return withoutOnDelete(branches?.length === 1 ? { ...s, anyOf: undefined, ...branches[0] } : s);
  };
  if (!isDeepStrictEqual(shape(before), shape(after))) throw new IncompatibleSchemaError(tree, path, 'the reference changed its target or type');
  if (nullable(before) && !nullable(after)) {
    throw new IncompatibleSchemaError(tree, path, "the reference can no longer be null (it was onDelete: 'setNull'), but stored records may hold null");
  }
}

/** What deleting a target does to a reference is behaviour, not shape: changing it needs no migration. */
function withoutOnDelete(schema: JsonSchema): unknown {
  return JSON.parse(JSON.stringify(schema, (key, value: unknown) => (key === REF_ON_DELETE ? undefined : value)));
}
