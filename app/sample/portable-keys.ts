/**
 * Key strategies with types this package can name. The engine's index does
 * not export its key-strategy interfaces (AutoIncrementKey, UuidKey,
 * CompositeKey), so the declaration files that `tsc -b` must write for the
 * exported trees cannot name them (TS2883). These structurally equal
 * interfaces can be named; the values are the engine's own. Drop this file
 * once @trellis/engine exports those types.
 */
import { autoIncrement, composite, uuid } from '@trellis/engine';

export interface AutoKey {
  readonly kind: 'auto';
}
export interface UuidV7Key {
  readonly kind: 'uuid';
}
export interface FieldsKey<F extends readonly string[]> {
  readonly kind: 'composite';
  readonly fields: F;
}

export const autoKey = (): AutoKey => autoIncrement();
export const uuidKey = (): UuidV7Key => uuid();
export const fieldsKey = <const F extends readonly [string, ...string[]]>(...fields: F): FieldsKey<F> => composite(...fields);
