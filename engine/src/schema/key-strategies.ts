/**
 * Key strategies, declared as data so the catalog can store them. The functions
 * of a custom strategy live only in application code; the stored catalog keeps
 * its key schema, so generic tools can still validate keys of such trees.
 */
import type { Static, TSchema } from 'typebox';

export interface AutoIncrementKey {
  readonly kind: 'auto';
}
export interface CompositeKey<F extends readonly string[] = readonly string[]> {
  readonly kind: 'composite';
  readonly fields: F;
}
export interface UuidKey {
  readonly kind: 'uuid';
}
export interface HashKey {
  readonly kind: 'hash';
}
export interface CustomKey<S extends TSchema = TSchema, V = never> {
  readonly kind: 'custom';
  readonly schema: S;
  readonly derive: (value: V) => Static<S>;
  /**
   * Set by `fieldKey`: the key is this top-level field of the value. Stored in
   * the catalog, so every tool derives (and checks) the key as the application
   * does; a plain `custom` function cannot be stored, and a tool cannot run it.
   */
  readonly field?: string;
}

export type KeyStrategy = AutoIncrementKey | CompositeKey | UuidKey | HashKey | CustomKey<TSchema, never>;

/** Ids 1, 2, 3, … that never repeat, not even after the highest record is deleted or the database reopened. */
export const autoIncrement = (): AutoIncrementKey => ({ kind: 'auto' });

/** A key made of value fields, ordered field by field. */
export const composite = <const F extends readonly [string, ...string[]]>(...fields: F): CompositeKey<F> => ({
  kind: 'composite',
  fields,
});

/** Time-ordered UUIDs (version 7), so new records land next to each other. */
export const uuid = (): UuidKey => ({ kind: 'uuid' });

/** The SHA-256 of the value's canonical encoding: the same value always gets the same key. */
export const contentHash = (): HashKey => ({ kind: 'hash' });

/**
 * A key that is one top-level field of the value (`fieldKey('iso', t.string())`:
 * the country with `iso: 'FR'` is `countries/"FR"`). Unlike a `custom` function,
 * this derivation is stored in the catalog: the opaque face (the browser, the
 * CLI) derives new keys from the value and refuses a key that disagrees.
 */
export const fieldKey = <const F extends string, S extends TSchema>(field: F, schema: S): CustomKey<S, Readonly<Record<F, Static<S>>>> => ({
  kind: 'custom',
  schema,
  field,
  derive: (value) => value[field],
});

/** A key computed by your function from the value; `schema` describes it for generic tools, which cannot run the function (prefer `fieldKey` where the key is a field). */
export const custom = <S extends TSchema, V = never>(schema: S, derive: (value: V) => Static<S>): CustomKey<S, V> => ({
  kind: 'custom',
  schema,
  derive,
});
