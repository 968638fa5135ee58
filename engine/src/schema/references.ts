/**
 * Finding references in a value schema, and the referenced keys in a value.
 */
import { KIND, REF_ON_DELETE, REF_TARGET, type OnDelete } from './values.js';
import type { JsonSchema, StoredReference } from './catalog.js';

export interface RefNode {
  readonly segments: readonly string[];
  readonly node: JsonSchema;
}

/** Every reference node of a schema, with its path; `[]` marks a list element. */
export function findRefNodes(schema: JsonSchema, segments: readonly string[] = []): RefNode[] {
  if (schema[KIND] === 'ref') return [{ segments, node: schema }];
  const out: RefNode[] = [];
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  for (const [name, child] of Object.entries(properties ?? {})) out.push(...findRefNodes(child, [...segments, name]));
  const items = schema['items'];
  if (items && typeof items === 'object') out.push(...findRefNodes(items as JsonSchema, [...segments, '[]']));
  for (const branch of (schema['anyOf'] as JsonSchema[] | undefined) ?? []) out.push(...findRefNodes(branch, segments));
  return out;
}

export function describeReferences(schema: JsonSchema): StoredReference[] {
  return findRefNodes(schema).map(({ segments, node }) => ({
    path: pathText(segments),
    target: node[REF_TARGET] as string,
    onDelete: (node[REF_ON_DELETE] as OnDelete | undefined) ?? 'restrict',
    many: segments.includes('[]'),
  }));
}

export function pathText(segments: readonly string[]): string {
  return segments.reduce((text, s) => (s === '[]' ? `${text}[]` : text ? `${text}.${s}` : s), '');
}

export function pathSegments(path: string): string[] {
  return path.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
}

/** Values found at a path; a `[]` segment fans out over list elements. Null and absent values are skipped. */
export function valuesAt(value: unknown, segments: readonly string[]): unknown[] {
  // A top-level field, by far the most common path: one look, no intermediate lists.
  if (segments.length === 1 && segments[0] !== '[]') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    const found = (value as Record<string, unknown>)[segments[0]!];
    return found === null || found === undefined ? [] : [found];
  }
  let current: unknown[] = [value];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || item === undefined) continue;
      if (segment === '[]') {
        if (Array.isArray(item)) next.push(...item);
      } else if (typeof item === 'object' && !Array.isArray(item)) {
        next.push((item as Record<string, unknown>)[segment]);
      }
    }
    current = next;
  }
  return current.filter((v) => v !== null && v !== undefined);
}
