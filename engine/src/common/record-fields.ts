/**
 * The fields of a tree a query can test or sort by, read from its stored value
 * schema: each dotted path with the kind of value found there. The engine
 * compiles filters with it and the browser's filter bar offers its fields and
 * fitting inputs, so both read a schema the same way.
 */
import { KIND_MARKER, REF_TARGET_MARKER } from './markers.js';
import type { FilterOperator } from './record-query.js';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'timestamp' | 'enum' | 'ref' | 'bytes' | 'object' | 'any';

export interface QueryableField {
  /** Dotted, like index declarations: `address.city`. */
  readonly path: string;
  readonly kind: FieldKind;
  /** A list of such values (`tags`, `watchers`): a condition holds when an item passes it. */
  readonly list: boolean;
  /** The allowed values of an enum. */
  readonly values?: readonly (string | number)[];
  /** The tree a reference points at. */
  readonly target?: string;
  /** A reference's key: the type of each part, and whether the key is a list of them (composite). */
  readonly key?: { readonly parts: readonly PartType[]; readonly composite: boolean };
}

export type PartType = 'string' | 'number' | 'integer' | 'boolean' | 'any';

type Schema = Readonly<Record<string, unknown>>;

/** Nesting followed into objects; deeper fields are still reachable by typing a path (compiled as `any`). */
const MAX_DEPTH = 6;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `anyOf: [X, {type: 'null'}]` (nullable) is X; other unions stay as they are. */
function withoutNull(schema: Schema): Schema {
  const branches = schema['anyOf'];
  if (!Array.isArray(branches)) return schema;
  const others = branches.filter((branch) => isSchema(branch) && branch['type'] !== 'null') as Schema[];
  return others.length === 1 ? others[0]! : schema;
}

/** The kind of value a schema node holds. */
export function fieldKindOf(node: Schema): FieldKind {
  const schema = withoutNull(node);
  const marked = schema[KIND_MARKER];
  if (marked === 'timestamp' || marked === 'bytes') return marked;
  if (marked === 'ref' && typeof schema[REF_TARGET_MARKER] === 'string') return 'ref';
  if (Array.isArray(schema['enum'])) return 'enum';
  const type = schema['type'];
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' || type === 'object') return type;
  return 'any';
}

function describe(path: string, node: Schema, list: boolean): QueryableField {
  const schema = withoutNull(node);
  const kind = fieldKindOf(schema);
  const values = kind === 'enum' ? (schema['enum'] as (string | number)[]) : undefined;
  const target = kind === 'ref' ? (schema[REF_TARGET_MARKER] as string) : undefined;
  const key = kind === 'ref' ? refKeyOf(schema) : undefined;
  return { path, kind, list, ...(values ? { values } : {}), ...(target ? { target } : {}), ...(key ? { key } : {}) };
}

function partTypeOf(schema: unknown): PartType {
  const type = isSchema(schema) ? schema['type'] : undefined;
  return type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' ? type : 'any';
}

/** A reference's node carries its target's key schema: one part, or `prefixItems` for a composite key. */
function refKeyOf(schema: Schema): QueryableField['key'] {
  const items = schema['prefixItems'];
  if (schema['type'] === 'array' && Array.isArray(items)) return { parts: items.map(partTypeOf), composite: true };
  return { parts: [partTypeOf(schema)], composite: false };
}

/** Why a value is not a key of a reference's target (undefined when it is one), for a filter's operand. */
export function refKeyProblem(field: QueryableField, value: unknown): string | undefined {
  const key = field.key;
  if (!key) return undefined;
  const partProblem = (part: unknown, type: PartType): boolean => {
    if (type === 'any') return !(typeof part === 'string' || typeof part === 'boolean' || (typeof part === 'number' && Number.isFinite(part)));
    if (type === 'integer') return !Number.isInteger(part);
    if (type === 'number') return !(typeof part === 'number' && Number.isFinite(part));
    return typeof part !== type;
  };
  const describe = key.composite ? `a list of ${key.parts.length} parts (${key.parts.join(', ')})` : `${key.parts[0] === 'integer' ? 'a whole number' : key.parts[0] === 'any' ? 'a key' : `a ${key.parts[0]}`}`;
  const wanted = `a key of ${field.target ?? 'the target'} is ${describe}`;
  if (key.composite) {
    if (!Array.isArray(value) || value.length !== key.parts.length || value.some((part, i) => partProblem(part, key.parts[i]!))) return wanted;
    return undefined;
  }
  return partProblem(value, key.parts[0]!) ? wanted : undefined;
}

/** Every field of a value schema, objects first listed then walked into (so `address` and `address.city` both appear). */
export function queryableFields(valueSchema: Schema): QueryableField[] {
  const fields: QueryableField[] = [];
  const walk = (schema: Schema, prefix: string, depth: number) => {
    const properties = withoutNull(schema)['properties'];
    if (!isSchema(properties) || depth > MAX_DEPTH) return;
    for (const [name, child] of Object.entries(properties)) {
      if (!isSchema(child)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      const node = withoutNull(child);
      const items = node['type'] === 'array' && isSchema(node['items']) ? node['items'] : undefined;
      const field = describe(path, items ?? node, items !== undefined);
      fields.push(field);
      if (field.kind === 'object' && !field.list) walk(node, path, depth + 1);
    }
  };
  walk(valueSchema, '', 0);
  return fields;
}

/** The operators that mean something for a field (the filter bar offers these; the engine refuses others). */
export function operatorsFor(field: Pick<QueryableField, 'kind' | 'list'>): FilterOperator[] {
  const presence: FilterOperator[] = ['empty', 'notEmpty'];
  switch (field.kind) {
    case 'string':
      return ['contains', 'eq', 'ne', 'startsWith', 'lt', 'le', 'gt', 'ge', 'between', 'in', ...presence];
    case 'number':
    case 'integer':
    case 'timestamp':
      return ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'in', ...presence];
    case 'enum':
    case 'ref':
      return ['eq', 'ne', 'in', ...presence];
    case 'boolean':
      return ['eq', 'ne', ...presence];
    case 'bytes':
    case 'object':
      return presence;
    case 'any':
      return ['eq', 'ne', 'contains', ...presence];
  }
}

/** The field at a dotted path, or undefined when the schema has none there. */
export function fieldAt(valueSchema: Schema, path: string): QueryableField | undefined {
  return queryableFields(valueSchema).find((field) => field.path === path);
}
