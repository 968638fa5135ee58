/**
 * The key a reference over existing fields makes (`references` in a tree's declaration): the
 * values of its fields, in order, as the engine composes it (core/tree-model.ts `fieldTargets`).
 * A field absent or null refers to nothing, as in the engine.
 */
import type { StoredReference } from '@trellis/engine';

/** The target key `value`'s fields make; undefined when a field is absent or null, or `value` is not an object. */
export function fieldReferenceKey(value: unknown, fields: readonly string[]): unknown[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const parts = fields.map((field) => (Object.hasOwn(record, field) ? record[field] : undefined));
  return parts.some((part) => part === undefined || part === null) ? undefined : parts;
}

/** `state (countryCode, stateCode)`: a field reference as people read it in messages. */
export function fieldReferenceName(reference: Pick<StoredReference, 'path' | 'fields'>): string {
  return reference.fields ? `${reference.path} (${reference.fields.join(', ')})` : reference.path;
}
