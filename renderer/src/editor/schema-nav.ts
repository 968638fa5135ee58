/**
 * Reading the stored value schema (JSON Schema with `x-trellis` markers) by
 * value path: which fields an object has, what a place may hold, whether it
 * is a reference and to which tree.
 */
import type { PathSegment } from './ast-paths.js';

export type Schema = Readonly<Record<string, unknown>>;

const KIND = 'x-trellis';
const REF_TARGET = 'x-ref';

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The alternatives a schema allows, with unions flattened. */
export function branches(schema: Schema): Schema[] {
  // A marked node (a reference carries its target's key schema, maybe with
  // `anyOf: [key, null]`) is one thing, not its alternatives.
  if (kindOf(schema) !== undefined) return [schema];
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

/** Whether null is allowed here, including a nullable reference's own `anyOf`. */
export function allowsNull(schema: Schema): boolean {
  if (schema['type'] === 'null' || (Array.isArray(schema['type']) && schema['type'].includes('null'))) return true;
  const anyOf = schema['anyOf'];
  return Array.isArray(anyOf) && anyOf.some((b) => isSchema(b) && allowsNull(b));
}

export function kindOf(schema: Schema): string | undefined {
  const kind = schema[KIND];
  return typeof kind === 'string' ? kind : undefined;
}

/** The tree a reference at `path` points into, if the place is a reference. */
export function refTargetAt(root: Schema, path: readonly PathSegment[]): string | undefined {
  for (const schema of schemasAt(root, path)) {
    const target = schema[REF_TARGET];
    if (kindOf(schema) === 'ref' && typeof target === 'string') return target;
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
  const parts = branches(schema).map((s) => {
    const kind = kindOf(s);
    if (kind === 'ref') return `key of ${String(s[REF_TARGET])}${allowsNull(s) ? ' | null' : ''}`;
    if (kind === 'timestamp') return 'timestamp (ISO text)';
    if (kind === 'bytes') return 'bytes (base64 text)';
    if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
    if ('const' in s) return JSON.stringify(s['const']);
    if (s['type'] === 'array' && isSchema(s['items'])) return `list of ${describeSchema(s['items'])}`;
    return typeof s['type'] === 'string' ? s['type'] : Array.isArray(s['type']) ? s['type'].join(' | ') : 'any';
  });
  return [...new Set(parts)].join(' | ');
}
