/**
 * A filter compiled against a tree's schema into one test of a stored
 * (native) value: every field path is resolved and every operand converted
 * once, so the scan loop only walks objects and compares.
 *
 * Meanings, for people and for the tests: `contains` ignores case (a search);
 * `startsWith` does not (it is what an index prefix serves); a list field
 * passes when one item does, `ne` when no item equals, `empty` when it has
 * none; `ne` passes a missing value; comparisons never pass a missing value.
 */
import { fieldAt, operatorsFor, refKeyProblem, type FieldKind, type QueryableField } from '../common/record-fields.js';
import { conditionsOf, isConditionGroup, MAX_CONDITIONS, type ConditionGroup, type FieldCondition, type RecordFilter } from '../common/record-query.js';
import { InvalidQueryError } from '../errors.js';
import type { TreeModel } from '../core/tree-model.js';

export type Test = (value: unknown) => boolean;

/** A test of the whole record value. */
export function compileFilter(model: TreeModel, filter: RecordFilter): Test {
  if (conditionsOf(filter).length > MAX_CONDITIONS) throw new InvalidQueryError(model.name, `a filter has at most ${MAX_CONDITIONS} conditions`);
  return joined(filter.match, filter.conditions.map((item) => (isConditionGroup(item) ? compileGroup(model, item) : compileCondition(model, item))));
}

function compileGroup(model: TreeModel, group: ConditionGroup): Test {
  return joined(group.match, group.conditions.map((condition) => compileCondition(model, condition)));
}

function joined(match: 'all' | 'any', tests: Test[]): Test {
  if (tests.length === 1) return tests[0]!;
  // An empty "all" holds for everything, an empty "any" for nothing, as in logic.
  return match === 'all' ? (value) => tests.every((test) => test(value)) : (value) => tests.some((test) => test(value));
}

/** The field a condition names, refused when the schema has none there. */
export function conditionField(model: TreeModel, condition: FieldCondition): QueryableField {
  const field = fieldAt(model.stored.value, condition.field);
  if (!field) throw new InvalidQueryError(model.name, `it has no field '${condition.field}'`);
  if (!operatorsFor(field).includes(condition.op)) {
    throw new InvalidQueryError(model.name, `'${condition.op}' does not apply to '${condition.field}' (${describeKind(field)}); use ${operatorsFor(field).join(', ')}`);
  }
  return field;
}

/** A test of one condition on the whole record value. */
export function compileCondition(model: TreeModel, condition: FieldCondition): Test {
  const field = conditionField(model, condition);
  const read = reader(condition.field);
  const leaf = leafTest(model, field, condition);
  const { op } = condition;
  if (op === 'empty' || op === 'notEmpty') {
    const wanted = op === 'empty';
    return (value) => isEmpty(read(value)) === wanted;
  }
  if (!field.list) return (value) => leaf(read(value));
  // A list passes a test when an item does; `ne` when no item is equal.
  if (op === 'ne') {
    const equal = leafTest(model, field, { ...condition, op: 'eq' });
    return (value) => {
      const items = read(value);
      return !Array.isArray(items) || !items.some(equal);
    };
  }
  return (value) => {
    const items = read(value);
    return Array.isArray(items) && items.some(leaf);
  };
}

/** Reads a dotted path from a value; undefined where an object is missing. */
export function reader(path: string): (value: unknown) => unknown {
  const segments = path.split('.');
  if (segments.length === 1) {
    const [name] = segments as [string];
    return (value) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined);
  }
  return (value) => {
    let at = value;
    for (const segment of segments) {
      if (at === null || typeof at !== 'object') return undefined;
      at = (at as Record<string, unknown>)[segment];
    }
    return at;
  };
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Uint8Array) return value.byteLength === 0;
  if (value instanceof Date) return false;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** A test of one stored value at the field (one item, for a list). */
function leafTest(model: TreeModel, field: QueryableField, condition: FieldCondition): Test {
  const operand = operandReader(model, field, condition);
  const comparable = comparableOf(field.kind);
  const { op } = condition;
  switch (op) {
    case 'eq':
    case 'ne': {
      const wanted = operand(condition.value, 'value');
      const equal = (v: unknown) => v !== undefined && comparable(v) === wanted;
      return op === 'eq' ? equal : (v) => !equal(v);
    }
    case 'in': {
      if (!Array.isArray(condition.values)) throw new InvalidQueryError(model.name, `'in' on '${field.path}' needs a list of values`);
      const wanted = new Set(condition.values.map((v, i) => operand(v, `values[${i}]`)));
      return (v) => v !== undefined && wanted.has(comparable(v));
    }
    case 'contains': {
      const needle = textOperand(model, field, condition.value).toLowerCase();
      const text = field.kind === 'string' ? (v: unknown) => (typeof v === 'string' ? v : undefined) : (v: unknown) => (v === undefined ? undefined : String(comparable(v)));
      return (v) => text(v)?.toLowerCase().includes(needle) ?? false;
    }
    case 'startsWith': {
      const start = textOperand(model, field, condition.value);
      return (v) => typeof v === 'string' && v.startsWith(start);
    }
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const bound = operand(condition.value, 'value');
      const inRange = ORDER_TESTS[op];
      return (v) => {
        const c = v === undefined || v === null ? undefined : comparable(v);
        return typeof c === typeof bound && inRange(c as never, bound as never);
      };
    }
    case 'between': {
      const low = operand(condition.value, 'value');
      const high = operand(condition.to, 'to');
      return (v) => {
        const c = v === undefined || v === null ? undefined : comparable(v);
        return typeof c === typeof low && (c as never) >= (low as never) && (c as never) <= (high as never);
      };
    }
    case 'empty':
    case 'notEmpty':
      return isEmpty;
  }
}

const ORDER_TESTS = {
  lt: (a: number | string, b: number | string) => a < b,
  le: (a: number | string, b: number | string) => a <= b,
  gt: (a: number | string, b: number | string) => a > b,
  ge: (a: number | string, b: number | string) => a >= b,
} as const;

type Comparable = string | number | boolean | null;
type KeyPartList = readonly (string | number | boolean)[];

/** What a stored value is compared as: timestamps as milliseconds, keys and other values as JSON text. */
export function comparableOf(kind: FieldKind): (value: unknown) => Comparable {
  switch (kind) {
    case 'timestamp':
      return (v) => (v instanceof Date ? v.getTime() : null);
    case 'ref':
    case 'any':
    case 'object':
    case 'bytes':
      return (v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as Comparable));
    default:
      return (v) => v as Comparable;
  }
}

/** Converts an operand from its text form to what stored values are compared as, refusing one of the wrong sort. */
function operandReader(model: TreeModel, field: QueryableField, condition: FieldCondition): (operand: unknown, name: string) => Comparable {
  const refuse = (name: string, expected: string): never => {
    throw new InvalidQueryError(model.name, `'${condition.op}' on '${field.path}' needs ${name} to be ${expected}`);
  };
  switch (field.kind) {
    case 'string':
      return (v, name) => (typeof v === 'string' ? v : refuse(name, 'text'));
    case 'number':
    case 'integer':
      return (v, name) => (typeof v === 'number' && Number.isFinite(v) ? v : refuse(name, 'a number'));
    case 'boolean':
      return (v, name) => (typeof v === 'boolean' ? v : refuse(name, 'true or false'));
    case 'timestamp':
      return (v, name) => {
        const time = typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? v : Number.NaN;
        return Number.isFinite(time) ? time : refuse(name, 'a date and time (ISO 8601 text like 2024-05-01 or 2024-05-01T12:00:00Z)');
      };
    case 'enum':
      return (v, name) => (field.values?.includes(v as string | number) ? (v as string | number) : refuse(name, `one of ${JSON.stringify(field.values)}`));
    case 'ref':
      return (v, name) => {
        const problem = refKeyProblem(field, v);
        if (problem !== undefined || !isJsonKey(v)) return refuse(name, `a key: ${problem ?? 'a number, text, or a list of parts'}`);
        return typeof v === 'object' ? JSON.stringify(v) : (v as Comparable);
      };
    default:
      return (v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as Comparable));
  }
}

function textOperand(model: TreeModel, field: QueryableField, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new InvalidQueryError(model.name, `a text search on '${field.path}' needs some text`);
  return value;
}

function isJsonKey(value: unknown): value is Comparable | KeyPartList {
  const part = (p: unknown) => typeof p === 'string' || typeof p === 'boolean' || (typeof p === 'number' && Number.isFinite(p));
  return part(value) || (Array.isArray(value) && value.length > 0 && value.every(part));
}

function describeKind(field: QueryableField): string {
  return `${field.list ? 'a list of ' : ''}${field.kind === 'ref' ? `references to ${field.target}` : field.kind}`;
}
