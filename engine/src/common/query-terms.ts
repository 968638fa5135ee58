/**
 * The words and bounds of a query, without its TypeBox schemas
 * (./record-query.ts): the browser's first screen reads an address's filter
 * before TypeBox loads, so these stay free of it.
 */

export const FILTER_OPERATORS = ['eq', 'ne', 'contains', 'startsWith', 'lt', 'le', 'gt', 'ge', 'between', 'empty', 'notEmpty', 'in'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Largest `in` list: a filter is typed by a person or built from a selection, not a join. */
export const MAX_IN_VALUES = 1000;
/** Conditions in one filter, groups included: the bar is for people, and each costs every scanned record a test. */
export const MAX_CONDITIONS = 32;
/** Records a query sorts in memory by a field no index serves; past it, the query says to filter first or index the field. */
export const SORT_LIMIT = 100_000;
