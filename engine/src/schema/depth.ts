/**
 * One nesting limit for values and the schemas that describe them. Schemas
 * travel as JSON inside the catalog (the browser's `database.info` wraps each
 * in three more levels, and its host refuses JSON deeper than 200), and every
 * reader of values and schemas downstream (TypeBox, msgpack, the editor)
 * recurses. Both walks here stop at the limit, so nothing deep can overflow them.
 */
import { InvalidSchemaError, type ValidationIssue } from '../errors.js';
import { pathText } from './references.js';
import { isPlainObject } from './plain-object.js';

/**
 * The deepest a value may nest (objects and lists; the record itself is
 * level 1), and the deepest a value schema may nest (see `schemaDepthProblem`).
 * A schema within it is at most 2 × (64 + 1) = 130 levels of JSON.
 */
export const MAX_VALUE_DEPTH = 64;

/** Keywords whose value is a map of subschemas, a list of them, or one subschema (or, for old-style `items`, a list). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['anyOf', 'allOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalItems', 'additionalProperties', 'unevaluatedItems', 'unevaluatedProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else', 'contentSchema']);
/** Keywords whose subschemas describe list elements or record fields: they extend the field path. */
const ELEMENT = new Set(['items', 'additionalItems', 'unevaluatedItems', 'contains', 'prefixItems']);
const FIELD = new Set(['properties', 'patternProperties']);

/**
 * Where a schema nests deeper than `limit`, as a field path (`a.b[]`, '' for
 * the root), or undefined when it does not. The root is level 0, so a field
 * at level n sits in n objects or lists, as its values do. Each subschema
 * counts one level (a union and each of its alternatives too), and so does
 * each container nested inside a keyword's data (`const`, `default`); the
 * containers that only hold them (`properties`, `anyOf`, `enum`, `required`)
 * do not. So no two uncounted containers are ever nested directly, and a
 * schema within the limit is at most 2 × (limit + 1) levels of JSON.
 */
export function schemaDepthProblem(schema: unknown, limit = MAX_VALUE_DEPTH): string | undefined {
  const found = subschema(schema, 0, [], limit);
  return found && pathText(found);
}

/**
 * Throws InvalidSchemaError naming the tree and the field path where a schema
 * nests past the limit: checked where trees are declared, where their
 * references are resolved, and where a stored catalog becomes runtime models.
 */
export function assertSchemaDepth(tree: string, what: 'value' | 'key', schema: unknown): void {
  const path = schemaDepthProblem(schema);
  if (path === undefined) return;
  throw new InvalidSchemaError(
    `tree '${tree}': the ${what} schema nests deeper than ${MAX_VALUE_DEPTH} levels at ${path ? `'${path}'` : 'its root'} ` +
      `(each object, list and union counts as a level)`,
  );
}

function subschema(schema: unknown, level: number, path: readonly string[], limit: number): readonly string[] | undefined {
  if (!isContainer(schema)) return undefined;
  if (level > limit) return path;
  if (Array.isArray(schema)) return dataInside(schema, level, path, limit);
  for (const [keyword, child] of Object.entries(schema)) {
    if (!isContainer(child)) continue;
    let found: readonly string[] | undefined;
    const at = ELEMENT.has(keyword) ? [...path, '[]'] : path;
    if (SCHEMA_MAPS.has(keyword) && !Array.isArray(child)) {
      for (const [name, sub] of Object.entries(child)) {
        found ??= subschema(sub, level + 1, FIELD.has(keyword) ? [...path, name] : path, limit);
      }
    } else if ((SCHEMA_LISTS.has(keyword) || SCHEMA_VALUES.has(keyword)) && Array.isArray(child)) {
      for (const sub of child as unknown[]) found ??= subschema(sub, level + 1, at, limit);
    } else if (SCHEMA_VALUES.has(keyword)) {
      found = subschema(child, level + 1, at, limit);
    } else {
      found = dataInside(child, level, path, limit); // the data's own container is held by the keyword
    }
    if (found) return found;
  }
  return undefined;
}

/** The containers inside a data container, one level each. */
function dataInside(data: object, level: number, path: readonly string[], limit: number): readonly string[] | undefined {
  for (const child of Object.values(data)) {
    if (!isContainer(child)) continue;
    if (level + 1 > limit) return path;
    const found = dataInside(child, level + 1, path, limit);
    if (found) return found;
  }
  return undefined;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * A value nested deeper than the limit, as a validation issue at the first
 * object or list past it. Only plain objects and lists are walked (a Date or
 * a Uint8Array is a leaf), never deeper than the limit, and not around a
 * circle (JSON encoding reports that, naming where it closes).
 */
export function valueDepthIssue(value: unknown, limit = MAX_VALUE_DEPTH): ValidationIssue | undefined {
  const path = tooDeep(value, [], limit);
  return path === undefined ? undefined : { path, message: `nests deeper than ${limit} levels of objects and lists` };
}

/** `above`: the containers that hold `value`, outermost first (value's level is above.length + 1). */
function tooDeep(value: unknown, above: unknown[], limit: number): string | undefined {
  const list = Array.isArray(value);
  if (!list && !isPlainObject(value)) return undefined;
  if (above.includes(value)) return undefined;
  if (above.length >= limit) return '';
  above.push(value);
  let found: string | undefined;
  if (list) {
    for (let i = 0; i < value.length && found === undefined; i++) {
      const below = isContainer(value[i]) ? tooDeep(value[i], above, limit) : undefined;
      if (below !== undefined) found = `/${i}${below}`;
    }
  } else {
    for (const name in value) {
      const below = isContainer(value[name]) ? tooDeep(value[name], above, limit) : undefined;
      if (below === undefined) continue;
      found = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}${below}`;
      break;
    }
  }
  above.pop();
  return found;
}
