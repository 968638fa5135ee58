/**
 * Paths across records (`project->owner->email`, the engine's grammar in
 * engine/src/common/path-syntax.ts) and request batches: the shapes of
 * records.resolvePath (the record panel's path bar), records.resolvePaths
 * (a path column of the table: one call per block of rows) and
 * records.perform (reads and writes in one transaction, `{ "$key": n }`
 * placeholders, the failing request named in the error's `request`).
 */
import Type, { type Static } from 'typebox';
import { MAX_CELL_RESULTS, MAX_PAGE, MAX_PATH_ROWS, MAX_PERFORM_PATH_RESULTS, MAX_PERFORM_REQUESTS } from './limits.js';
import { JsonKey, KeyPart, Labels, RecordEntry, Revision, TreeName } from './record-shapes.js';

export { MAX_CELL_RESULTS, MAX_PATH_ROWS, MAX_PERFORM_PATH_RESULTS, MAX_PERFORM_REQUESTS };

/** A path's text; the engine refuses one past its own bound (2,048 characters) with INVALID_PATH, saying why. */
export const PathText = Type.String({ minLength: 1, maxLength: 4096 });

/** A record a path went through: the start first, the one holding the value last. `label` when its tree has one. */
export const PathHop = Type.Object({ tree: Type.String(), key: JsonKey, text: Type.String(), revision: Revision, label: Type.Optional(Type.String()) });
export type PathHop = Static<typeof PathHop>;

/** One result of a path: its value in JSON form (absent where a lenient path stopped), and the records it went through. */
export const PathMatch = Type.Object({ value: Type.Optional(Type.Unknown()), hops: Type.Array(PathHop) });
export type PathMatch = Static<typeof PathMatch>;

const PathResolution = { matches: Type.Array(PathMatch), truncated: Type.Boolean() };

/** Where a path stopped for one record (the engine's BAD_PATH): the step (1-based; 0: the record is not there), its text, the record it stood at, why. */
export const PathStop = Type.Object({
  step: Type.Integer({ minimum: 0 }),
  stepText: Type.String(),
  /** OpaqueKey text of the record the path stood at. */
  at: Type.String(),
  reason: Type.String(),
  message: Type.String(),
});
export type PathStop = Static<typeof PathStop>;

/** `{ "$key": n }`: the key request n of the batch (an earlier insert or put) produced. */
const KeyPlaceholder = Type.Object({ $key: Type.Integer({ minimum: 0, maximum: MAX_PERFORM_REQUESTS - 1 }) }, { additionalProperties: false });
/** A key in a batch: a JSON key, a placeholder, or a composite key with placeholders among its parts. */
const BatchKey = Type.Union([JsonKey, KeyPlaceholder, Type.Array(Type.Union([KeyPart, KeyPlaceholder]), { minItems: 1, maxItems: 32 })]);
const ExpectedRevision = { expectedRevision: Type.Optional(Revision) };

/** One request of a batch, by `op`; `expectedRevision` as for records.put (the engine's `ifRevision`). Values may hold placeholders anywhere. */
export const PerformRequest = Type.Union([
  Type.Object({ op: Type.Literal('get'), tree: TreeName, key: BatchKey }),
  Type.Object({ op: Type.Literal('path'), tree: TreeName, key: BatchKey, path: PathText, lenient: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })) }),
  Type.Object({ op: Type.Literal('insert'), tree: TreeName, value: Type.Unknown() }),
  Type.Object({ op: Type.Literal('put'), tree: TreeName, key: BatchKey, value: Type.Unknown(), create: Type.Optional(Type.Boolean()), ...ExpectedRevision }),
  /** A shallow patch: the fields given replace the record's. */
  Type.Object({ op: Type.Literal('update'), tree: TreeName, key: BatchKey, patch: Type.Record(Type.String(), Type.Unknown()), ...ExpectedRevision }),
  Type.Object({ op: Type.Literal('delete'), tree: TreeName, key: BatchKey, ...ExpectedRevision }),
  /** Writes `value` at the end of `path` from the record (the last record the path reaches). */
  Type.Object({ op: Type.Literal('setPath'), tree: TreeName, key: BatchKey, path: PathText, value: Type.Unknown(), ...ExpectedRevision }),
]);
export type PerformRequest = Static<typeof PerformRequest>;

/** The record a write left (setPath: the last record its path reached), and its revision now. */
const WrittenResult = Type.Object({ op: Type.Union([Type.Literal('insert'), Type.Literal('put'), Type.Literal('update'), Type.Literal('setPath')]), tree: Type.String(), key: JsonKey, text: Type.String(), revision: Revision });

export const PerformResult = Type.Union([
  Type.Object({ op: Type.Literal('get'), entry: Type.Union([RecordEntry, Type.Null()]) }),
  Type.Object({ op: Type.Literal('path'), ...PathResolution }),
  WrittenResult,
  Type.Object({ op: Type.Literal('delete'), deleted: Type.Boolean() }),
]);
export type PerformResult = Static<typeof PerformResult>;

export const pathMethods = {
  /**
   * Follows a path from one record: every result's value with the records it went through (labelled), at most
   * `limit` (MAX_PAGE) of them, `truncated` when a fan-out had more. `labels`: of the records the hops name and
   * of those the values refer to. A path that does not fit the schema is INVALID_PATH (`pathProblem` with the
   * step and character); data that does not lead on is BAD_PATH (`pathProblem` with the step and the record).
   */
  'records.resolvePath': {
    args: Type.Object({ tree: TreeName, key: JsonKey, path: PathText, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })) }),
    result: Type.Object({ ...PathResolution, labels: Type.Optional(Labels) }),
  },
  /**
   * One path from each of several records of a tree (a path column, for the rows of a block): per record, its
   * results (at most `limit`, default 5) or where the path stopped (`stopped`, the engine's BAD_PATH for that
   * record). A path that does not fit the schema fails the whole call (INVALID_PATH).
   */
  'records.resolvePaths': {
    args: Type.Object({
      tree: TreeName,
      keys: Type.Array(JsonKey, { minItems: 1, maxItems: MAX_PATH_ROWS }),
      path: PathText,
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CELL_RESULTS })),
    }),
    result: Type.Object({
      rows: Type.Array(Type.Union([Type.Object(PathResolution), Type.Object({ stopped: PathStop })]), { maxItems: MAX_PATH_ROWS }),
      labels: Type.Optional(Labels),
    }),
  },
  /**
   * Requests run in order in ONE transaction: one result each, or nothing written and the error of the request
   * that failed, with its position in `request`. Refused in a read-only session unless every request is a read
   * (get, path). At most MAX_PERFORM_REQUESTS requests; the path requests' `limit`s (100 when absent) add up to
   * at most MAX_PERFORM_PATH_RESULTS.
   */
  'records.perform': {
    args: Type.Object({ requests: Type.Array(PerformRequest, { minItems: 1, maxItems: MAX_PERFORM_REQUESTS }) }),
    result: Type.Object({ results: Type.Array(PerformResult) }),
  },
} as const;
