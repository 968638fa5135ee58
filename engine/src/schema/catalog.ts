/**
 * The catalog: the schema a database stores about itself, as plain JSON, so
 * a tool without the application's code can read, validate and edit it.
 */
import type { OnDelete } from './values.js';

export type JsonSchema = Record<string, unknown>;

export const CATALOG_FORMAT = 'trellis';
export const CATALOG_FORMAT_VERSION = 1;

export type StoredKeyStrategy =
  | { readonly kind: 'auto' }
  | { readonly kind: 'composite'; readonly fields: readonly string[] }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'hash' }
  | { readonly kind: 'custom'; readonly schema: JsonSchema };

export interface StoredIndex {
  readonly name: string;
  /** Dotted field paths; more than one for a compound index. */
  readonly on: readonly string[];
  readonly unique: boolean;
}

export interface StoredReference {
  /** Where the reference sits, e.g. `owner`, `address.owner`, `friends[]`. */
  readonly path: string;
  readonly target: string;
  readonly onDelete: OnDelete;
  /** True for a list of references. */
  readonly many: boolean;
}

export interface StoredTree {
  readonly name: string;
  readonly key: StoredKeyStrategy;
  readonly keySchema: JsonSchema;
  /** The value's JSON Schema with references resolved to their target's key schema. */
  readonly value: JsonSchema;
  readonly indexes: readonly StoredIndex[];
  readonly references: readonly StoredReference[];
}

export interface Catalog {
  readonly format: typeof CATALOG_FORMAT;
  readonly formatVersion: number;
  /** Grows by one each time a compatible schema change is applied. */
  readonly schemaVersion: number;
  readonly trees: Readonly<Record<string, StoredTree>>;
}

export function isCatalog(value: unknown): value is Catalog {
  const v = value as Partial<Catalog> | undefined;
  return typeof v === 'object' && v !== null && v.format === CATALOG_FORMAT && typeof v.trees === 'object';
}
