/**
 * A query over one tree, as data: which records (a filter of conditions on
 * field paths, joined by all/any, one level of groups) and in which order (the
 * key, or a field). The engine runs it (../query/), the host drives it in
 * bounded steps, and the browser builds it in its filter bar; the TypeBox
 * schemas here check it at every boundary.
 *
 * Operand values are in the text form (timestamps as ISO text, references as
 * JSON keys), as the opaque face reads and writes them.
 */
import Type, { type Static } from 'typebox';
import { FILTER_OPERATORS, MAX_CONDITIONS, MAX_IN_VALUES } from './query-terms.js';

export * from './query-terms.js';

const Operand = Type.Unknown();

/** One test of one field: `path` is dotted (`address.city`); a list field matches when any item does (empty/notEmpty test the list). */
export const FieldCondition = Type.Object({
  field: Type.String({ minLength: 1, maxLength: 1024 }),
  op: Type.Enum(FILTER_OPERATORS),
  /** The operand of every operator but empty, notEmpty and in; the lower bound of `between`. */
  value: Type.Optional(Operand),
  /** The upper bound of `between` (inclusive, like the lower one). */
  to: Type.Optional(Operand),
  /** The candidates of `in`. */
  values: Type.Optional(Type.Array(Operand, { maxItems: MAX_IN_VALUES })),
});
export type FieldCondition = Static<typeof FieldCondition>;

const Match = Type.Enum(['all', 'any']);
export type Match = Static<typeof Match>;

export const ConditionGroup = Type.Object({ match: Match, conditions: Type.Array(FieldCondition, { maxItems: MAX_CONDITIONS }) });
export type ConditionGroup = Static<typeof ConditionGroup>;

/** Conditions and groups joined by `match`: enough for "a and (b or c)", the depth a filter bar shows. */
export const RecordFilter = Type.Object({
  match: Match,
  conditions: Type.Array(Type.Union([FieldCondition, ConditionGroup]), { maxItems: MAX_CONDITIONS }),
});
export type RecordFilter = Static<typeof RecordFilter>;

/** The order of the results: by key when `field` is absent. */
export const RecordSort = Type.Object({
  field: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  descending: Type.Optional(Type.Boolean()),
});
export type RecordSort = Static<typeof RecordSort>;

export const RecordQuery = Type.Object({
  where: Type.Optional(RecordFilter),
  sort: Type.Optional(RecordSort),
});
export type RecordQuery = Static<typeof RecordQuery>;

/** How the engine runs a query, for the browser to say (and tests to check). */
export const QueryPlan = Type.Object({
  /** `index`: records come from an index range (`index` names it); `scan`: every record of the tree is read and tested. */
  source: Type.Enum(['index', 'scan']),
  index: Type.Optional(Type.String()),
  /** `memory`: the matches are sorted after the scan (SORT_LIMIT at most); `source`: they come in the order wanted. */
  order: Type.Enum(['source', 'memory']),
  /** One sentence for people: what serves the filter and the order, and why. */
  explanation: Type.String(),
});
export type QueryPlan = Static<typeof QueryPlan>;

export function isConditionGroup(item: FieldCondition | ConditionGroup): item is ConditionGroup {
  return 'match' in item;
}

/** Every condition of a filter, groups flattened (for counting, planning and showing). */
export function conditionsOf(filter: RecordFilter): FieldCondition[] {
  return filter.conditions.flatMap((item) => (isConditionGroup(item) ? item.conditions : [item]));
}
