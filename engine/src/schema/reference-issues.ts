/**
 * Validation errors inside a reference, in words: a reference is a key of
 * another tree, and its schema is that key's schema, so a wrongly shaped one
 * made JSON Schema's own messages ("/st/2: schema is false"). Here every error
 * at or below a reference becomes one issue at the reference, saying which
 * tree's key was expected and what such a key is made of.
 */
import { KIND, REF_TARGET } from './values.js';

type JsonSchema = Record<string, unknown>;

export interface ReferenceAt {
  /** The reference's place in the value (a JSON pointer, as validation errors give it). */
  readonly path: string;
  readonly target: string;
  /** What a key of the target is, e.g. `[string, string]` or `integer ≥ 1`. */
  readonly shape: string;
  readonly nullable: boolean;
}

/** The reference at or above `instancePath` in a value of `schema`, if the path runs through one. */
export function referenceAt(schema: JsonSchema, instancePath: string): ReferenceAt | undefined {
  const segments = instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: JsonSchema | undefined = schema;
  for (let depth = 0; node !== undefined; depth++) {
    const ref = refIn(node);
    if (ref) {
      const path = depth === 0 ? '' : `/${instancePath.slice(1).split('/').slice(0, depth).join('/')}`;
      return { path, target: String(ref.node[REF_TARGET]), shape: keyShape(ref.node), nullable: ref.nullable };
    }
    if (depth === segments.length) return undefined;
    node = child(node, segments[depth]!);
  }
  return undefined;
}

/**
 * The reference a schema node is, with the key schema it holds: a nullable
 * reference (`onDelete: 'setNull'`) holds it as the non-null branch of a union.
 */
function refIn(node: JsonSchema): { node: JsonSchema; nullable: boolean } | undefined {
  const branches = node['anyOf'] as JsonSchema[] | undefined;
  if (node[KIND] !== 'ref') {
    // `t.nullable(t.ref(…))`: a union of the reference and null.
    const ref = branches?.find((b) => b[KIND] === 'ref');
    return ref ? { node: ref, nullable: branches!.some((b) => b['type'] === 'null') } : undefined;
  }
  const key = branches?.find((b) => b['type'] !== 'null');
  return key ? { node: { ...key, [REF_TARGET]: node[REF_TARGET] }, nullable: true } : { node, nullable: false };
}

function child(node: JsonSchema, segment: string): JsonSchema | undefined {
  const properties = node['properties'] as Record<string, JsonSchema> | undefined;
  if (properties && Object.hasOwn(properties, segment)) return properties[segment];
  const prefix = node['prefixItems'] as JsonSchema[] | undefined;
  if (prefix && /^\d+$/.test(segment) && Number(segment) < prefix.length) return prefix[Number(segment)];
  const items = node['items'];
  if (items && typeof items === 'object' && /^\d+$/.test(segment)) return items as JsonSchema;
  // Through a union (a nullable object, say): the first branch that has the segment.
  for (const branch of (node['anyOf'] as JsonSchema[] | undefined) ?? []) {
    const found = child(branch, segment);
    if (found) return found;
  }
  return undefined;
}

/** A key schema in a few words: `[string, string]` for a composite key, else the one part's type. */
function keyShape(node: JsonSchema): string {
  const prefix = node['prefixItems'] as JsonSchema[] | undefined;
  return prefix ? `[${prefix.map(partShape).join(', ')}]` : partShape(node);
}

function partShape(part: JsonSchema): string {
  const values = part['enum'] as unknown[] | undefined;
  if (values) return `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  if ('const' in part) return JSON.stringify(part['const']);
  const type = typeof part['type'] === 'string' ? part['type'] : 'value';
  const minimum = part['minimum'];
  return typeof minimum === 'number' ? `${type} ≥ ${minimum}` : type;
}
