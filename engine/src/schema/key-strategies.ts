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

/** A key computed by your function from the value; `schema` describes it for generic tools. */
export const custom = <S extends TSchema, V = never>(schema: S, derive: (value: V) => Static<S>): CustomKey<S, V> => ({
  kind: 'custom',
  schema,
  derive,
});
