/**
 * The keywords Trellis adds to the JSON Schema it stores for each tree. The
 * engine writes them (../schema/values.ts), and everything that reads a stored
 * schema — the integrity check, the host, the browser — recognises values by
 * them. JSON has no form of its own for bytes, timestamps or references.
 */

/** Which Trellis value a schema describes: `{ 'x-trellis': 'timestamp', ... }`. */
export const KIND_MARKER = 'x-trellis';
/** A reference's target tree: `{ 'x-trellis': 'ref', 'x-ref': 'users' }`. */
export const REF_TARGET_MARKER = 'x-ref';
/** What deleting a reference's target does to the holder. */
export const ON_DELETE_MARKER = 'x-on-delete';

export const MARKED_KINDS = ['bytes', 'timestamp', 'ref'] as const;
export type MarkedKind = (typeof MARKED_KINDS)[number];
// Declared with the catalog that stores it (a type only: nothing of TypeBox comes along at run time).
export type { OnDelete } from './catalog.js';

type SchemaLike = Readonly<Record<string, unknown>>;

/** The marked kind of a schema node, if it carries one this version knows. */
export function markedKindOf(schema: SchemaLike): MarkedKind | undefined {
  const kind = schema[KIND_MARKER];
  return MARKED_KINDS.find((known) => known === kind);
}

/** The tree a reference schema node points at (undefined for anything else). */
export function refTargetOf(schema: SchemaLike): string | undefined {
  const target = schema[REF_TARGET_MARKER];
  return schema[KIND_MARKER] === 'ref' && typeof target === 'string' ? target : undefined;
}
