/**
 * The value DSL: TypeBox schemas, so every tree's value schema *is* JSON Schema
 * and is stored in the catalog as it is. Types that JSON has no form for (bytes,
 * timestamps) and references carry an `x-trellis` marker; their behaviour lives
 * in ./value-kinds.ts, keyed by that marker.
 */
import Type, { type TSchema, type TUnsafe, type TObject, type TProperties } from 'typebox';
import type { Key } from './key-brand.js';
import type { CompositeKey } from './key-strategies.js';

import { KIND_MARKER, ON_DELETE_MARKER, REF_TARGET_MARKER, type OnDelete } from '../common/markers.js';

export type { OnDelete };

export interface RefOptions {
  /**
   * What deleting the target does to this record: refuse the delete (default),
   * delete this record too, or set this field to null (for a list: drop the element).
   */
  readonly onDelete?: OnDelete;
}

/** Marker keywords, kept in the stored JSON Schema (../common/markers.ts). */
export const KIND = KIND_MARKER;
export const REF_TARGET = REF_TARGET_MARKER;
export const REF_ON_DELETE = ON_DELETE_MARKER;

type RefStatic<K, O extends RefOptions> = O extends { onDelete: 'setNull' } ? K | null : K;

/** Where a declaration refers to a tree it can name by value or by string (self / forward refs). */
export type TreeName<T extends string> = T | { readonly name: T };

/**
 * A reference's type: a key of the target. Named by its declaration, a target with a composite key
 * gives a key made of parts, which the type system then keeps out of indexes (./paths.ts); named
 * by a string, the target's key strategy is not known here.
 */
export type RefKey<Target> = Target extends { readonly key: CompositeKey } | { readonly versioned: true } ? Key<TargetName<Target>, readonly unknown[]> : Key<TargetName<Target>>;

type TargetName<Target> = Target extends string ? Target : Target extends { readonly name: infer N extends string } ? N : never;

function nameOf<T extends string>(target: TreeName<T>): T {
  return typeof target === 'string' ? target : target.name;
}

export const t = {
  string: (options?: { minLength?: number; maxLength?: number; pattern?: string }) => Type.String(options ?? {}),
  number: (options?: { minimum?: number; maximum?: number }) => Type.Number(options ?? {}),
  integer: (options?: { minimum?: number; maximum?: number }) => Type.Integer(options ?? {}),
  boolean: () => Type.Boolean(),
  null: () => Type.Null(),
  literal: <const V extends string | number | boolean>(value: V) => Type.Literal(value),
  /** A closed set of strings or numbers, stored as JSON Schema `enum` (the editor completes it). */
  enum: <const V extends readonly [string, ...string[]] | readonly [number, ...number[]]>(values: V) =>
    Type.Unsafe<V[number]>({ type: typeof values[0] === 'string' ? 'string' : 'number', enum: [...values] }),
  array: <S extends TSchema>(item: S, options?: { minItems?: number; maxItems?: number }) =>
    Type.Array(item, options ?? {}),
  /** Objects are closed: a field not declared is an error, which catches typos in hand edits. */
  object: <P extends TProperties>(properties: P): TObject<P> => Type.Object(properties, { additionalProperties: false }),
  optional: <S extends TSchema>(schema: S) => Type.Optional(schema),
  nullable: <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]),
  /** Bytes: a Uint8Array in code, base64 text in JSON5. */
  bytes: (): TUnsafe<Uint8Array> =>
    Type.Unsafe<Uint8Array>({
      type: 'string',
      contentEncoding: 'base64',
      pattern: '^[A-Za-z0-9+/]*={0,2}$',
      [KIND]: 'bytes',
    }),
  /** A point in time: a Date in code (millisecond precision), ISO 8601 UTC text in JSON5. */
  timestamp: (): TUnsafe<Date> =>
    Type.Unsafe<Date>({
      type: 'string',
      format: 'date-time',
      [KIND]: 'timestamp',
    }),
  /** A reference to a record of another (or the same) tree; checked on every write. */
  ref: <const Target extends TreeName<string>, const O extends RefOptions = Record<never, never>>(target: Target, options?: O) =>
    Type.Unsafe<RefStatic<RefKey<Target>, O>>({
      [KIND]: 'ref',
      [REF_TARGET]: nameOf(target),
      [REF_ON_DELETE]: options?.onDelete ?? 'restrict',
    }),
  /** A list of references; `onDelete: 'setNull'` removes the deleted target from the list. */
  refs: <const Target extends TreeName<string>>(target: Target, options?: RefOptions & { minItems?: number; maxItems?: number }) =>
    Type.Array(
      Type.Unsafe<RefKey<Target>>({
        [KIND]: 'ref',
        [REF_TARGET]: nameOf(target),
        [REF_ON_DELETE]: options?.onDelete ?? 'restrict',
      }),
      { ...(options?.minItems === undefined ? {} : { minItems: options.minItems }), ...(options?.maxItems === undefined ? {} : { maxItems: options.maxItems }) },
    ),
};
