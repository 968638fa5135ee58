/**
 * Decides what opening a database with a new schema does to the stored one:
 * nothing (same), apply (new tree, new optional field, index added, removed or
 * changed), or refuse with the tree and field named.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { canonicalJson } from './key-codec.js';
import { IncompatibleSchemaError } from '../errors.js';
import { KIND, REF_ON_DELETE } from './values.js';
import type { JsonSchema, StoredIndex, StoredReference, StoredTree } from './catalog.js';

export interface TreeChange {
  readonly tree: string;
  /** Indexes to (re)build from the records, and to drop. */
  readonly buildIndexes: readonly StoredIndex[];
  readonly dropIndexes: readonly StoredIndex[];
  /** References over existing fields added (their reverse entries built, every target checked) and removed. */
  readonly buildReferences?: readonly StoredReference[];
  readonly dropReferences?: readonly StoredReference[];
  readonly isNew: boolean;
}

/**
 * How the application's definition of a tree stands to the stored one:
 * - `same`: nothing to do;
 * - `newer`: the change to apply (a compatible change, as `compareTree` decides);
 * - `older`: the code was written for an earlier version of this tree, and the stored one only added to it
 *   (optional fields, indexes): the code works on the stored definition, which is never rewritten downwards.
 * `past`: hashes of the definitions the tree has had (the catalog's history). Throws IncompatibleSchemaError.
 */
export type TreeStanding = { readonly kind: 'same' } | { readonly kind: 'newer'; readonly change: TreeChange } | { readonly kind: 'older' };

export function standing(stored: StoredTree | undefined, declared: StoredTree, past: ReadonlySet<string>): TreeStanding {
  if (stored && isDeepStrictEqual(stored, declared)) return { kind: 'same' };
  // A definition the tree has had before, which the stored one extends: older code, whatever else would apply.
  if (stored && past.has(definitionHash(declared)) && extends_(stored, declared)) return { kind: 'older' };
  try {
    const change = compareTree(stored, declared);
    return change ? { kind: 'newer', change } : { kind: 'same' };
  } catch (error) {
    // The stored tree has what the code does not know (an optional field added by newer code): older code.
    if (stored && extends_(stored, declared)) return { kind: 'older' };
    throw error;
  }
}

/**
 * Whether `later` is `earlier` with only additions older code can live with: optional fields (at any
 * depth of objects), indexes; every field `earlier` declares is as it was (a field made nullable or
 * optional, or a reference's onDelete changed, is not an addition: older code would misread it).
 */
function extends_(later: StoredTree, earlier: StoredTree): boolean {
  if (!isDeepStrictEqual(later.key, earlier.key) || !isDeepStrictEqual(later.keySchema, earlier.keySchema)) return false;
  if (!earlier.indexes.every((index) => later.indexes.some((kept) => isDeepStrictEqual(kept, index)))) return false;
  return addsFields(later.value, earlier.value);
}

function addsFields(later: JsonSchema, earlier: JsonSchema): boolean {
  if (isDeepStrictEqual(later, earlier)) return true;
  const laterProps = later['properties'] as Record<string, JsonSchema> | undefined;
  const earlierProps = earlier['properties'] as Record<string, JsonSchema> | undefined;
  if (!laterProps || !earlierProps) return false;
  const rest = (s: JsonSchema) => ({ ...s, properties: undefined });
  if (!isDeepStrictEqual(rest(later), rest(earlier))) return false; // `required` included: the same fields are required
  for (const [name, field] of Object.entries(earlierProps)) {
    const kept = laterProps[name];
    if (!kept || !addsFields(kept, field)) return false;
  }
  return true;
}

/** A tree's definition as a short hash of its catalog entry (keys sorted): equal definitions, equal hashes. */
export function definitionHash(tree: StoredTree): string {
  return createHash('sha256').update(canonicalJson(tree)).digest('hex').slice(0, 32);
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
    ...compareFieldReferences(stored, next),
    isNew: false,
  };
}

/**
 * References over existing fields live beside the value schema, not in it: one added is built from the
 * stored records (opening fails if one refers to nothing), one removed is dropped, and one that names other
 * fields or another tree under the same name is refused (the stored entries would mean something else).
 */
function compareFieldReferences(stored: StoredTree, next: StoredTree): Pick<TreeChange, 'buildReferences' | 'dropReferences'> {
  const overFields = (tree: StoredTree) => tree.references.filter((ref) => ref.fields);
  const before = new Map(overFields(stored).map((ref) => [ref.path, ref]));
  const after = new Map(overFields(next).map((ref) => [ref.path, ref]));
  for (const [path, ref] of after) {
    const old = before.get(path);
    if (old && (old.target !== ref.target || !isDeepStrictEqual(old.fields, ref.fields))) {
      throw new IncompatibleSchemaError(next.name, path, `the reference over (${old.fields!.join(', ')}) to ${old.target} now names (${ref.fields!.join(', ')}) of ${ref.target}: give the new one another name`);
    }
  }
  const buildReferences = [...after.values()].filter((ref) => !before.has(ref.path));
  const dropReferences = [...before.values()].filter((ref) => !after.has(ref.path));
  return { ...(buildReferences.length ? { buildReferences } : {}), ...(dropReferences.length ? { dropReferences } : {}) };
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
