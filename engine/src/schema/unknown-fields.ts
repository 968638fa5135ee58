/**
 * Older code writing newer data: a field that a newer definition of the tree
 * added is unknown to the code, so a value the code writes in full (a put, or
 * an update that builds a fresh object) would drop it. The stored record's
 * unknown fields are carried over into the value written, at every level of
 * nested objects the code knows; fields the code declares are the code's to
 * keep, change or remove.
 *
 * Lists are taken as the code wrote them: their elements have no identity to
 * match an old element's unknown fields to a new one.
 */
import { isPlainObject } from './plain-object.js';

type JsonSchema = Record<string, unknown>;

export function keepUnknownFields(codeSchema: JsonSchema, before: unknown, after: unknown): unknown {
  if (!isPlainObject(before) || !isPlainObject(after)) return after;
  const properties = objectProperties(codeSchema);
  if (!properties) return after;
  let kept: Record<string, unknown> | undefined;
  for (const [name, old] of Object.entries(before)) {
    const known = Object.hasOwn(properties, name);
    let value: unknown;
    if (!known) {
      if (Object.hasOwn(after, name)) continue;
      value = old;
    } else {
      if (!Object.hasOwn(after, name)) continue; // removed by the code, which knows the field
      value = keepUnknownFields(properties[name]!, old, after[name]);
      if (value === after[name]) continue;
    }
    kept ??= { ...after };
    kept[name] = value;
  }
  return kept ?? after;
}

/** The properties of an object schema, or of the object branch of a nullable one. */
function objectProperties(schema: JsonSchema): Record<string, JsonSchema> | undefined {
  const own = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (own) return own;
  for (const branch of (schema['anyOf'] as JsonSchema[] | undefined) ?? []) {
    const found = branch['properties'] as Record<string, JsonSchema> | undefined;
    if (found) return found;
  }
  return undefined;
}
