/**
 * Reading the stored value schema (JSON Schema with Trellis's markers) by
 * value path: which fields an object has, what a place may hold, whether it
 * is a reference and to which tree. What each kind of place means is the
 * value types' business (values/); this only walks the schema.
 */
import { KIND_MARKER, refTargetOf } from '@trellis/engine/common/markers';
import { valueTypeFor } from '../../values/registry.js';
import { isSchema, type JsonSchema } from '../../values/schema-shape.js';
import type { PathSegment } from '../text/ast-paths.js';

export type Schema = JsonSchema;

/** A node carrying a kind marker is one value (a reference, a timestamp), whatever its own unions. */
function isMarked(schema: Schema): boolean {
  return typeof schema[KIND_MARKER] === 'string';
}

/** The alternatives a schema allows, with unions flattened. */
export function branches(schema: Schema): Schema[] {
  // A marked node (a reference carries its target's key schema, maybe with
  // `anyOf: [key, null]`) is one thing, not its alternatives.
  if (isMarked(schema)) return [schema];
  const anyOf = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(anyOf)) return anyOf.filter(isSchema).flatMap(branches);
  return [schema];
}

/** Every schema that may describe the value at `path` (several under a union). */
export function schemasAt(root: Schema, path: readonly PathSegment[]): Schema[] {
  let current = branches(root);
  for (const segment of path) {
    current = current.flatMap((schema) => {
      if (typeof segment === 'number') {
        const prefix = schema['prefixItems'];
        if (Array.isArray(prefix) && isSchema(prefix[segment])) return branches(prefix[segment]);
        const items = schema['items'];
        return isSchema(items) ? branches(items) : [];
      }
      const properties = schema['properties'];
      const child = isSchema(properties) ? properties[segment] : undefined;
      return isSchema(child) ? branches(child) : [];
    });
  }
  return current;
}

/** The tree a reference at `path` points into, if the place is a reference. */
export function refTargetAt(root: Schema, path: readonly PathSegment[]): string | undefined {
  for (const schema of schemasAt(root, path)) {
    const target = refTargetOf(schema);
    if (target !== undefined) return target;
  }
  return undefined;
}

/** A reference path as the catalog writes it (`friends[]`, `address.owner`) for a value path. */
export function referencePath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, s) => (typeof s === 'number' ? `${text}[]` : text ? `${text}.${s}` : s), '');
}

export interface FieldInfo {
  readonly name: string;
  readonly required: boolean;
  readonly schema: Schema;
}

/** The fields an object at `path` may have (merged over union branches). */
export function fieldsAt(root: Schema, path: readonly PathSegment[]): FieldInfo[] {
  const fields = new Map<string, FieldInfo>();
  for (const schema of schemasAt(root, path)) {
    const properties = schema['properties'];
    if (!isSchema(properties)) continue;
    const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
    for (const [name, child] of Object.entries(properties)) {
      if (isSchema(child) && !fields.has(name)) fields.set(name, { name, required: required.includes(name), schema: child });
    }
  }
  return [...fields.values()];
}

/** A short human description of what a place holds, for completion details and hovers. */
export function describeSchema(schema: Schema): string {
  const parts = branches(schema).map((s) => valueTypeFor(s).describe(s, describeSchema));
  return [...new Set(parts)].join(' | ');
}
