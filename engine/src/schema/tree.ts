/**
 * A tree declaration: its name, key strategy, value schema and indexes. Static
 * types of values and keys are inferred from it, never written by hand.
 */
import type { Static, TObject, TSchema } from 'typebox';
import { InvalidSchemaError } from '../errors.js';
import { assertSchemaDepth } from './depth.js';
import type { Key, KeyPart } from './key-brand.js';
import type { AutoIncrementKey, CompositeKey, CustomKey, HashKey, KeyStrategy, UuidKey } from './key-strategies.js';
import type { IndexablePath, PathValue, ReferencePath } from './paths.js';
import type { TreeName } from './values.js';

export interface FieldIndexDeclaration<P extends string = string> {
  /** A field path ('name', 'address.city'), or a tuple of paths for a compound index. */
  readonly on: P | readonly [P, ...P[]];
  readonly unique?: boolean;
}

/**
 * An index whose values the application computes from each record (`computedIndex`): none, one or
 * several per record, each valid for `value` (a string, number, integer, boolean or timestamp schema).
 */
export interface ComputedIndexDeclaration<V = never, S extends TSchema = TSchema> {
  readonly value: S;
  readonly compute: (record: V) => Static<S> | readonly Static<S>[] | null | undefined;
  readonly unique?: boolean;
  /** Give the function a new version when it changes: the index is rebuilt when opened. 1 by default. */
  readonly version?: number;
}

/** Makes a computed index of a tree's records: `computedIndexes: (index) => ({ byDomain: index(t.string(), (user) => …) })`. */
export type ComputedIndexFactory<V> = <S extends TSchema>(
  value: S,
  compute: (record: V) => Static<S> | readonly Static<S>[] | null | undefined,
  options?: { readonly unique?: boolean; readonly version?: number },
) => ComputedIndexDeclaration<V, S>;

export type IndexDeclaration<P extends string = string, V = never> = FieldIndexDeclaration<P> | ComputedIndexDeclaration<V>;

export interface TreeDeclaration<
  N extends string = string,
  V extends TObject = TObject,
  K extends KeyStrategy = KeyStrategy,
  I extends Record<string, IndexDeclaration> = Record<string, IndexDeclaration>,
  F extends Readonly<Record<string, FieldReferenceDeclaration>> = Readonly<Record<string, FieldReferenceDeclaration>>,
> {
  readonly name: N;
  readonly value: V;
  readonly key: K;
  readonly indexes: I;
  /** The field paths whose values label a record (common/labels.ts); absent: the heuristic decides. */
  readonly label?: readonly string[];
  /** Records are versioned: a key is `[...declared key, version]`, and a record can be released (see `tree`). */
  readonly versioned?: boolean;
  /** References over existing fields, by name (see `tree`). */
  readonly references?: F;
}

/**
 * A reference whose target key is made of fields the value already has, in the order of the target's key
 * parts: `state: { fields: ['countryCode', 'stateCode'], target: states }`. A record whose fields are
 * absent or null refers to nothing. Deleting the target is refused (`restrict`) or deletes the record (`cascade`).
 */
export interface FieldReferenceDeclaration<F extends string = string> {
  readonly fields: readonly [F, F, ...F[]];
  readonly target: TreeName<string>;
  readonly onDelete?: 'restrict' | 'cascade';
}

/**
 * Fields a composite key may be made of, as the schema check at open time
 * demands: required, and a string, number, boolean (enums and literals too) or
 * a reference (to a tree whose key is one value); not a timestamp, bytes, list, object or nullable field.
 */
export type KeyField<V> = {
  [F in keyof V & string]-?: Record<never, never> extends Pick<V, F>
    ? never
    : V[F] extends Key<string, readonly unknown[]> // a reference to a composite key: parts within parts
      ? never
      : V[F] extends KeyPart | Key<string>
        ? F
        : never;
}[keyof V & string];

/** The key strategies a value type admits: composite and custom keys are checked against its fields. */
export type KeyFor<V> =
  | AutoIncrementKey
  | UuidKey
  | HashKey
  | CompositeKey<readonly [KeyField<V>, ...KeyField<V>[]]>
  | CustomKey<TSchema, V>;

/**
 * Declares a tree; a value or key schema nested deeper than MAX_VALUE_DEPTH is refused here (InvalidSchemaError).
 * `label` names the field path(s) whose text labels a record in tools (text, numbers or booleans; checked when the
 * schema is assembled); without it, the heuristic of common/labels.ts picks one. `computedIndexes` are indexes
 * whose values a function computes from the record (looked up with `index(name)` like the others).
 * `versioned: true` makes every key `[...key, version]`: a record can be released (it never changes again,
 * and references to it name that exact version), and `newVersion` makes the next version as a draft.
 * `references` are references made of fields the value already has (`FieldReferenceDeclaration`).
 */
export function tree<
  const N extends string,
  V extends TObject,
  K extends KeyFor<Static<V>>,
  const I extends Record<string, FieldIndexDeclaration<IndexablePath<Static<V>> | ReferencePath<Static<V>>>> = Record<never, never>,
  C extends Record<string, ComputedIndexDeclaration<Static<V>>> = Record<never, never>,
  const R extends boolean = false,
  const F extends Record<string, FieldReferenceDeclaration<keyof Static<V> & string>> = Record<never, never>,
>(
  name: N,
  declaration: {
    value: V;
    key: K;
    indexes?: I;
    computedIndexes?: (index: ComputedIndexFactory<Static<V>>) => C;
    label?: LabelDeclaration<Static<V>>;
    versioned?: R;
    references?: F;
  },
): TreeDeclaration<N, V, K, I & C, F> & { readonly versioned: R } {
  assertSchemaDepth(name, 'value', declaration.value);
  if (declaration.key.kind === 'custom') assertSchemaDepth(name, 'key', declaration.key.schema);
  if (declaration.key.kind === 'custom' && declaration.key.field !== undefined) assertKeyField(name, declaration.value, declaration.key.field);
  const computedIndexes = declaration.computedIndexes?.((value, compute, options) => ({ value, compute, ...options }));
  const indexes = { ...declaration.indexes, ...computedIndexes } as I & C;
  for (const computed of Object.keys(computedIndexes ?? {})) {
    if (Object.hasOwn(declaration.indexes ?? {}, computed)) throw new InvalidSchemaError(`tree '${name}': index '${computed}' is declared twice (in indexes and in computedIndexes)`);
  }
  const versioned = (declaration.versioned ?? false) as R;
  if (versioned && declaration.key.kind === 'hash') {
    throw new InvalidSchemaError(`tree '${name}': a content-addressed record never changes, so it has no versions: declare it without 'versioned', or give it another key`);
  }
  const declared = { name, value: declaration.value, key: declaration.key, indexes, versioned, ...(declaration.references ? { references: declaration.references } : {}) };
  const label = declaration.label;
  return label === undefined ? declared : { ...declared, label: typeof label === 'string' ? [label] : [...label] };
}

/** A fieldKey's field must be a required top-level field: every value then implies its key. */
function assertKeyField(tree: string, value: TObject, field: string): void {
  if (!Object.hasOwn(value.properties, field) || !(value.required ?? []).includes(field)) {
    throw new InvalidSchemaError(`tree '${tree}': the key field '${field}' must be a required field of the value`);
  }
}

/** One field path, or several (their values joined), as in an index declaration. */
export type LabelDeclaration<V> = IndexablePath<V> | readonly [IndexablePath<V>, ...IndexablePath<V>[]];


export type ValueOf<T extends TreeDeclaration> = Static<T['value']>;

type RawKeyOf<T extends TreeDeclaration> = T['key'] extends AutoIncrementKey
  ? number
  : T['key'] extends UuidKey | HashKey
    ? string
    : T['key'] extends CompositeKey<infer F>
      ? { readonly [I in keyof F]: F[I] extends keyof ValueOf<T> ? ValueOf<T>[F[I]] : never }
      : T['key'] extends CustomKey<infer S, never>
        ? Static<S>
        : never;

/** A versioned tree's key: the declared key's parts, then the version. */
type VersionedKeyOf<R> = R extends readonly unknown[] ? readonly [...R, number] : readonly [R, number];

/** The exact key type of a tree, branded with its name. */
export type KeyOf<T extends TreeDeclaration> = Key<T['name'], T extends { readonly versioned: true } ? VersionedKeyOf<RawKeyOf<T>> : RawKeyOf<T>>;

/** The key of a versioned tree's record without its version: what all its versions share. */
export type IdentityOf<T extends TreeDeclaration> = RawKeyOf<T>;

/** The value an index is looked up by: one field value, or a tuple for a compound index. */
export type IndexValueOf<T extends TreeDeclaration, I extends keyof T['indexes']> = T['indexes'][I] extends { value: infer S extends TSchema }
  ? Static<S>
  : T['indexes'][I] extends {
  on: infer P;
}
  ? P extends `${string}->${string}`
    ? string | number | boolean | Date // a field of another tree, which the declaration names by a string
    : P extends readonly string[]
    ? { readonly [J in keyof P]: IndexScalar<PathValue<ValueOf<T>, P[J] & string>> }
    : IndexScalar<PathValue<ValueOf<T>, P & string>>
  : never;

/**
 * An index on a list field holds one entry per element; dates are indexed as
 * themselves. Absent and null values are not indexed, so they cannot be looked
 * up (an `equals: undefined` would mean no condition at all).
 */
type IndexScalar<X> = NonNullable<NonNullable<X> extends readonly (infer E)[] ? E : X>;
