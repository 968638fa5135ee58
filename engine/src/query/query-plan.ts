/**
 * How a query runs: where its records come from (an index range that serves
 * one condition exactly, or the whole tree in key order), what is still tested
 * on each record, and whether the matches need a sort in memory afterwards.
 * The explanation is what the browser shows beside the filter.
 */
import { conditionsOf, isConditionGroup, SORT_LIMIT, type FieldCondition, type QueryPlan, type RecordFilter, type RecordQuery } from '../common/record-query.js';
import { InvalidQueryError } from '../errors.js';
import { prefixRange, type StoredKey } from '../storage/backend.js';
import type { KeyPart } from '../schema/key-brand.js';
import type { EngineState } from '../core/engine-state.js';
import type { IndexModel, TreeModel } from '../core/tree-model.js';
import { compileFilter, conditionField, reader, comparableOf, type Test } from './predicate.js';

/** Strings sort by UTF-8 bytes; no code point sorts after this one. */
const TEXT_END = '\u{10FFFF}';

/** Operators an index range answers exactly, on the index's first field. */
const RANGE_OPERATORS = new Set(['eq', 'startsWith', 'lt', 'le', 'gt', 'ge', 'between']);

export interface IndexSource {
  readonly kind: 'index';
  readonly index: IndexModel;
  readonly start: StoredKey | undefined;
  readonly end: StoredKey | undefined;
  /** Tests the entry's first indexed part (a null or a part of another type is in a range's bounds but not in the condition). */
  readonly partTest: ((part: KeyPart) => boolean) | undefined;
}

export interface Plan {
  readonly description: QueryPlan;
  readonly source: IndexSource | { readonly kind: 'scan' };
  readonly reverse: boolean;
  /** What each record must still pass; undefined when the source alone decides (no value is read). */
  readonly residual: Test | undefined;
  /** For a sort in memory: what each match is ordered by; undefined for the key. */
  readonly sortBy: ((value: unknown) => unknown) | undefined;
  readonly memorySort: boolean;
  readonly descending: boolean;
}

export function planQuery(engine: EngineState, model: TreeModel, query: RecordQuery): Plan {
  const where = query.where && query.where.conditions.length > 0 ? query.where : undefined;
  const test = where && compileFilter(model, where); // refuses a bad filter before anything runs
  const descending = query.sort?.descending ?? false;
  const sortField = query.sort?.field;
  const served = where && servedCondition(model, where);
  const withoutServed = where && served && residualFilter(where, served.condition);
  const residualAfterIndex = withoutServed && withoutServed.conditions.length > 0 ? compileFilter(model, withoutServed) : undefined;
  const filterText = where ? ` where ${conditionsOf(where).map(describeCondition).join(where.match === 'all' ? ' and ' : ' or ')}` : '';

  if (sortField === undefined) {
    if (served && !query.sort) {
      return {
        description: { source: 'index', index: served.index.stored.name, order: 'source', explanation: `Through index ${served.index.stored.name}${filterText}, in ${served.index.stored.name} order.` },
        source: served.source,
        reverse: false,
        residual: residualAfterIndex,
        sortBy: undefined,
        memorySort: false,
        descending: false,
      };
    }
    if (served && countSource(engine, served.source) <= SORT_LIMIT) {
      return {
        description: { source: 'index', index: served.index.stored.name, order: 'memory', explanation: `Through index ${served.index.stored.name}${filterText}, then sorted by key.` },
        source: served.source,
        reverse: false,
        residual: residualAfterIndex,
        sortBy: undefined,
        memorySort: true,
        descending,
      };
    }
    return scanPlan(`Every record read and tested${filterText}, in key order${descending ? ', last first' : ''}.`, test, descending, !where);
  }

  const field = conditionField(model, { field: sortField, op: 'empty' });
  if (field.list) throw new InvalidQueryError(model.name, `'${sortField}' is a list: sort by a field with one value`);
  const sortBy = sortValue(sortField, field.kind);
  const sortIndex = model.indexes.find((index) => !index.computed && index.stored.on[0] === sortField);
  const treeCount = engine.records(model).count();
  const wholeIndex: IndexSource | undefined = sortIndex && { kind: 'index', index: sortIndex, start: undefined, end: undefined, partTest: undefined };
  // Records without a value at the field have no index entry: in index order they are not listed at all.
  const unlisted = wholeIndex ? Math.max(0, treeCount - countSource(engine, wholeIndex)) : 0;
  const indexKeepsAll = unlisted === 0 || treeCount > SORT_LIMIT;
  if (sortIndex && wholeIndex && indexKeepsAll && !(served && served.index !== sortIndex && countSource(engine, served.source) <= SORT_LIMIT)) {
    const sameField = served && served.index === sortIndex;
    const source: IndexSource = sameField ? served.source : wholeIndex;
    const left = unlisted > 0 && !sameField ? ` ${unlisted.toLocaleString('en-US')} records without a ${sortField} are not listed.` : '';
    return {
      description: { source: 'index', index: sortIndex.stored.name, order: 'source', explanation: `Through index ${sortIndex.stored.name}${filterText}, in ${sortField} order${descending ? ', largest first' : ''}.${left}` },
      source,
      reverse: descending,
      residual: sameField ? residualAfterIndex : test,
      sortBy: undefined,
      memorySort: false,
      descending,
    };
  }
  if (!where && treeCount > SORT_LIMIT) {
    throw new InvalidQueryError(model.name, `sorting by '${sortField}' needs an index on it, or a filter that leaves at most ${SORT_LIMIT.toLocaleString('en-US')} records (the tree has ${treeCount.toLocaleString('en-US')})`);
  }
  const then = `, then sorted by ${sortField}${descending ? ', largest first' : ''} (up to ${SORT_LIMIT.toLocaleString('en-US')} matches)`;
  if (served) {
    return {
      description: { source: 'index', index: served.index.stored.name, order: 'memory', explanation: `Through index ${served.index.stored.name}${filterText}${then}.` },
      source: served.source,
      reverse: false,
      residual: residualAfterIndex,
      sortBy,
      memorySort: true,
      descending,
    };
  }
  return { ...scanPlan(`Every record read and tested${filterText}${then}.`, test, false, false, 'memory'), sortBy, memorySort: true, descending };
}

function scanPlan(explanation: string, test: Test | undefined, reverse: boolean, wholeTree: boolean, order: 'source' | 'memory' = 'source'): Plan {
  return {
    description: { source: 'scan', order, explanation: wholeTree ? `Every record, in key order${reverse ? ', last first' : ''}.` : explanation },
    source: { kind: 'scan' },
    reverse,
    residual: test,
    sortBy: undefined,
    memorySort: false,
    descending: reverse,
  };
}

/** Index entries (or records) a source will read. */
export function countSource(engine: EngineState, source: IndexSource): number {
  return engine.store(source.index.storeName).countRange({ start: source.start, end: source.end });
}

/** The first condition of the top level an index answers exactly (equality before ranges): only when every condition must hold. */
function servedCondition(model: TreeModel, where: RecordFilter): { condition: FieldCondition; index: IndexModel; source: IndexSource } | undefined {
  const topLevel = where.conditions.filter((item): item is FieldCondition => !isConditionGroup(item));
  if (where.match === 'any' && where.conditions.length > 1) return undefined;
  const candidates = [...topLevel.filter((c) => c.op === 'eq'), ...topLevel.filter((c) => c.op !== 'eq')];
  for (const condition of candidates) {
    if (!RANGE_OPERATORS.has(condition.op)) continue;
    const field = conditionField(model, condition);
    if (field.list) continue; // a list field has an index entry per item: a record would come once per matching item
    const index = model.indexes.find((i) => !i.computed && i.stored.on[0] === condition.field && (condition.op !== 'startsWith' || i.prefixable));
    if (!index) continue;
    return { condition, index, source: indexBounds(index, condition) };
  }
  return undefined;
}

function indexBounds(index: IndexModel, condition: FieldCondition): IndexSource {
  const width = index.stored.on.length;
  const part = (value: unknown): KeyPart => {
    const native = index.fromJsonParts(width > 1 ? [value] : [value])[0];
    return index.toParts(width > 1 ? [native] : [native])[0]!;
  };
  const after = (p: KeyPart) => prefixRange([p]).end;
  const base = { kind: 'index' as const, index };
  switch (condition.op) {
    case 'eq': {
      const p = part(condition.value);
      return { ...base, ...prefixRange([p]), partTest: (x) => x === p };
    }
    case 'startsWith': {
      const text = condition.value as string;
      return { ...base, start: [text], end: [text + TEXT_END], partTest: (x) => typeof x === 'string' && x.startsWith(text) };
    }
    case 'gt': {
      const p = part(condition.value);
      return { ...base, start: after(p), end: undefined, partTest: (x) => typeof x === typeof p && x > p };
    }
    case 'ge': {
      const p = part(condition.value);
      return { ...base, start: [p], end: undefined, partTest: (x) => typeof x === typeof p && x >= p };
    }
    case 'lt': {
      const p = part(condition.value);
      return { ...base, start: undefined, end: [p], partTest: (x) => typeof x === typeof p && x < p };
    }
    case 'le': {
      const p = part(condition.value);
      return { ...base, start: undefined, end: after(p), partTest: (x) => typeof x === typeof p && x <= p };
    }
    default: {
      const low = part(condition.value);
      const high = part(condition.to);
      return { ...base, start: [low], end: after(high), partTest: (x) => typeof x === typeof low && x >= low && x <= high };
    }
  }
}

/** The filter without the condition the index answers. */
function residualFilter(where: RecordFilter, served: FieldCondition): RecordFilter {
  return { match: where.match, conditions: where.conditions.filter((item) => item !== served) };
}

function sortValue(path: string, kind: Parameters<typeof comparableOf>[0]): (value: unknown) => unknown {
  const read = reader(path);
  const comparable = comparableOf(kind);
  return (value) => {
    const at = read(value);
    return at === undefined || at === null ? undefined : comparable(at);
  };
}

function describeCondition(condition: FieldCondition): string {
  const value = (v: unknown) => JSON.stringify(v);
  switch (condition.op) {
    case 'empty':
      return `${condition.field} is empty`;
    case 'notEmpty':
      return `${condition.field} is not empty`;
    case 'between':
      return `${condition.field} between ${value(condition.value)} and ${value(condition.to)}`;
    case 'in':
      return `${condition.field} in ${value(condition.values)}`;
    default:
      return `${condition.field} ${OPERATOR_WORDS[condition.op]} ${value(condition.value)}`;
  }
}

const OPERATOR_WORDS = { eq: '=', ne: '≠', contains: 'contains', startsWith: 'starts with', lt: '<', le: '≤', gt: '>', ge: '≥' } as const;
