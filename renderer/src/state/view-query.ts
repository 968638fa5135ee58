/**
 * A view's filter and order as the user typed them (operands as text, so the
 * filter bar shows them again after Back or a reload), and their translation
 * into the engine's RecordQuery by each field's kind: a number field reads a
 * number, a reference a key, an `in` list its comma-separated items.
 */
import { refKeyProblem, type QueryableField } from '@trellis/engine/common/record-fields';
import type { FieldCondition, FilterOperator, Match, RecordQuery, RecordSort } from '@trellis/engine/common/record-query';
import { parseUserKey, parseUserValue } from './user-input.js';

export interface FilterRow {
  readonly field: string;
  readonly op: FilterOperator;
  /** The operand as typed; the lower bound of `between`; the items of `in`, comma-separated. */
  readonly value: string;
  /** The upper bound of `between`. */
  readonly to: string;
}

export interface ViewQuery {
  readonly match: Match;
  readonly conditions: readonly FilterRow[];
  readonly sort?: RecordSort;
}

export const NO_OPERAND: ReadonlySet<FilterOperator> = new Set(['empty', 'notEmpty']);

export function sameViewQuery(a: ViewQuery | undefined, b: ViewQuery | undefined): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the view is narrowed (a filter) rather than only ordered. */
export function isFiltered(query: ViewQuery | undefined): boolean {
  return (query?.conditions.length ?? 0) > 0;
}

export type Translation = { readonly ok: true; readonly query: RecordQuery } | { readonly ok: false; readonly problem: string };

/** The query the host runs, or what is wrong with a row (named, for the bar to show). */
export function toRecordQuery(view: ViewQuery, fields: readonly QueryableField[]): Translation {
  const conditions: FieldCondition[] = [];
  for (const row of view.conditions) {
    const field = fields.find((f) => f.path === row.field);
    if (!field) return { ok: false, problem: `There is no field ${row.field}` };
    const condition = conditionOf(row, field);
    if (typeof condition === 'string') return { ok: false, problem: condition };
    conditions.push(condition);
  }
  return { ok: true, query: { ...(conditions.length > 0 ? { where: { match: view.match, conditions } } : {}), ...(view.sort ? { sort: view.sort } : {}) } };
}

function conditionOf(row: FilterRow, field: QueryableField): FieldCondition | string {
  const base = { field: row.field, op: row.op };
  if (NO_OPERAND.has(row.op)) return base;
  if (row.op === 'in') {
    const items = splitList(row.value);
    if (items.length === 0) return `${row.field}: list the values, separated by commas`;
    const values: unknown[] = [];
    for (const item of items) {
      const read = operand(item, field);
      if (!read.ok) return read.problem;
      values.push(read.value);
    }
    return { ...base, values };
  }
  const value = operand(row.value, field);
  if (!value.ok) return value.problem;
  if (row.op !== 'between') return { ...base, value: value.value };
  const to = operand(row.to, field);
  if (!to.ok) return to.problem;
  return { ...base, value: value.value, to: to.value };
}

/** `a, b, c`, or a JSON5 list when it starts with `[` (for keys with commas in them). */
function splitList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const list = parseUserValue(trimmed);
    if (Array.isArray(list)) return list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  return trimmed
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

type Operand = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

function operand(text: string, field: QueryableField): Operand {
  const trimmed = text.trim();
  const ok = (value: unknown): Operand => ({ ok: true, value });
  const problem = (what: string): Operand => ({ ok: false, problem: `${field.path}: ${what}` });
  switch (field.kind) {
    case 'string':
      return text === '' ? problem('type some text') : ok(text);
    case 'number':
    case 'integer': {
      const n = Number(trimmed);
      return trimmed === '' || !Number.isFinite(n) ? problem(`${trimmed || 'nothing'} is not a number`) : ok(n);
    }
    case 'boolean':
      return trimmed === 'true' ? ok(true) : trimmed === 'false' ? ok(false) : problem('true or false');
    case 'timestamp':
      return Number.isFinite(Date.parse(trimmed)) ? ok(trimmed) : problem(`${trimmed || 'nothing'} is not a date (2024-05-01, or 2024-05-01T12:00:00Z)`);
    case 'enum': {
      const found = field.values?.find((v) => String(v) === trimmed);
      return found === undefined ? problem(`one of ${field.values?.join(', ')}`) : ok(found);
    }
    case 'ref': {
      const key = parseUserKey(trimmed);
      if (!key.ok) return problem(key.reason);
      const wrong = refKeyProblem(field, key.key);
      return wrong === undefined ? ok(key.key) : problem(`${trimmed} is not a key: ${wrong}`);
    }
    default:
      return trimmed === '' ? problem('type a value') : ok(parseUserValue(trimmed));
  }
}

/** Words for the operators, as the filter bar shows them. */
export const OPERATOR_LABELS: Readonly<Record<FilterOperator, string>> = {
  eq: '=',
  ne: '≠',
  contains: 'contains',
  startsWith: 'starts with',
  lt: '<',
  le: '≤',
  gt: '>',
  ge: '≥',
  between: 'between',
  in: 'in',
  empty: 'is empty',
  notEmpty: 'is not empty',
};
