/**
 * Every request the renderer may make of a host, defined once: the TypeBox
 * schemas here type the client (through `Static`) and validate the host's
 * arguments at run time. A method's name is `area.verb`.
 *
 * Keys and values cross the transport in their JSON form (timestamps as ISO
 * text, bytes as base64 text, as the engine's opaque face gives them), so the
 * same messages work over Electron IPC and over WebSocket.
 */
import Type, { type Static } from 'typebox';
import { MigrationRecord, SchemaVersionEntry, StoredTree } from '@trellis/engine/common/catalog';
import { QueryPlan, RecordQuery } from '@trellis/engine/common/record-query';
import { MAX_ISSUES, MAX_PAGE, MAX_SEARCH_HITS, MAX_UNDO_RECORDS } from './limits.js';
import { rawMethods } from './raw.js';
import { pathMethods } from './paths.js';
import { syncMethods } from './sync.js';
import { Issue, JsonKey, KeyPart, Labels, Limit, RecordEntry, Revision, TreeName } from './record-shapes.js';

export { MAX_ISSUES, MAX_PAGE, MAX_SEARCH_HITS, MAX_UNDO_RECORDS };
export { Issue, JsonKey, Labels, RecordEntry, ReleaseState } from './record-shapes.js';

/**
 * A tree as the catalog stores it (its own schema, engine/src/common/catalog.ts), with what the browser shows beside it.
 * `versioned: true`: its keys are `[...key, version]` and its records can be released (records.release).
 */
export const TreeSummary = Type.Object({
  ...StoredTree.properties,
  count: Type.Integer({ minimum: 0 }),
  /** References in other trees that point into this one (for "Referenced by"). */
  referencedFrom: Type.Array(Type.Object({ tree: Type.String(), path: Type.String() })),
});
export type TreeSummary = Static<typeof TreeSummary>;

export const DatabaseInfo = Type.Object({
  path: Type.String(),
  /** True when writes are refused: opened read-only, or the session's read-only toggle is on. */
  readOnly: Type.Boolean(),
  /** True when the database itself was opened read-only (the toggle cannot turn this off). */
  lockedReadOnly: Type.Boolean(),
  /** True when the session was started read-only (`--read-only`): every database opens read-only and nothing lifts it. */
  startedReadOnly: Type.Boolean(),
  /** What is open: a Trellis database, or any other LMDB environment, read-only (its data through raw.*; `trees` is empty). Absent: a Trellis database. */
  kind: Type.Optional(Type.Union([Type.Literal('trellis'), Type.Literal('raw')])),
  revision: Revision,
  schemaVersion: Type.Integer(),
  trees: Type.Array(TreeSummary),
  /**
   * The schema versions the database has had, oldest first, as its catalog keeps them (the catalog's own
   * schema): empty for a database written before the catalog kept them, and for a raw LMDB environment.
   */
  history: Type.Array(SchemaVersionEntry),
  /** The migrations the database ran or recorded as not needed, in the order they were declared (the catalog's own schema). */
  migrations: Type.Array(MigrationRecord),
  /**
   * Present when the database is a replica of a Trellis server (sync.*): the server's address, and the trees whose
   * records must be checked out (sync.checkOut) before they are changed or deleted, as the server last said.
   */
  replica: Type.Optional(Type.Object({ server: Type.String(), checkOut: Type.Array(Type.String()) })),
});
export type DatabaseInfo = Static<typeof DatabaseInfo>;

/** A record that points at another one, with its label when it has one; REFERENCED error payloads use it too (errors.ts). */
export const Holder = Type.Object({ tree: Type.String(), key: JsonKey, text: Type.String(), path: Type.String(), label: Type.Optional(Type.String()) });
/** The holders of one tree and field, counted exactly; `hasMore`: the count is larger than the holders listed. */
const HolderGroup = Type.Object({ tree: Type.String(), path: Type.String(), count: Type.Integer({ minimum: 0 }), holders: Type.Array(Holder), hasMore: Type.Boolean() });
/** Which group to page through, and the last holder key already shown. */
const HolderGroupPage = Type.Object({ tree: TreeName, path: Type.String({ minLength: 1, maxLength: 4096 }), after: Type.Optional(JsonKey) });

/**
 * A record one write changed: as it was before and as it is after (null: it
 * did not exist / no longer does). A record written twice in one transaction
 * is listed once, with its first `before` and its last `after`. What an undo
 * (put `before` back if the record is still `after`) and a redo need.
 */
export const WrittenRecord = Type.Object({
  tree: Type.String(),
  key: JsonKey,
  text: Type.String(),
  before: Type.Union([RecordEntry, Type.Null()]),
  after: Type.Union([RecordEntry, Type.Null()]),
});
export type WrittenRecord = Static<typeof WrittenRecord>;
/** The records a write changed, in the order they were first written (a delete's cascades and unlinked holders before the record); `undoable` is false, and the list empty, past MAX_UNDO_RECORDS. */
const WrittenRecords = { written: Type.Array(WrittenRecord, { maxItems: MAX_UNDO_RECORDS }), undoable: Type.Boolean() };

/** One write of a batch: a put of `value`, or a delete when `value` is absent; `expectedRevision` and `create` as for records.put. */
const BatchWrite = Type.Object({
  tree: TreeName,
  key: JsonKey,
  value: Type.Optional(Type.Unknown()),
  expectedRevision: Type.Optional(Revision),
  create: Type.Optional(Type.Boolean()),
});
/** Why a batch wrote nothing: this record is not as the batch expected (changed, deleted, or created meanwhile). */
const BatchConflict = Type.Object({
  tree: Type.String(),
  key: JsonKey,
  text: Type.String(),
  /** The revision the write expected; null when it expected no record (create). */
  expected: Type.Union([Revision, Type.Null()]),
  /** The record as it is now; null when there is none. */
  current: Type.Union([RecordEntry, Type.Null()]),
});

const empty = Type.Object({});

const QueryId = Type.String({ minLength: 1, maxLength: 64 });
/** How far a query has got; `ordered`: pages can be read (always, but for a sort in memory before it ends). */
export const QueryProgress = Type.Object({
  scanned: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  matches: Type.Integer({ minimum: 0 }),
  done: Type.Boolean(),
  truncated: Type.Boolean(),
  ordered: Type.Boolean(),
  cancelled: Type.Boolean(),
  /** Why the run stopped, when it failed on the way (e.g. too many matches to sort). */
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type QueryProgressPayload = Static<typeof QueryProgress>;

/** One page of an import: a record's key is absent where the tree makes it (auto-increment, uuid, derived). */
const ImportRecords = Type.Array(Type.Object({ key: Type.Optional(JsonKey), value: Type.Unknown() }), { maxItems: MAX_PAGE });

/** The method table: name → arguments and result. */
export const methods = {
  'database.info': { args: empty, result: DatabaseInfo },
  /** Opens another database in this host (File › Open, Open Recent, drag and drop). */
  'database.open': {
    args: Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }), readOnly: Type.Optional(Type.Boolean()) }),
    result: DatabaseInfo,
  },
  'database.recent': { args: empty, result: Type.Object({ paths: Type.Array(Type.String()) }) },
  /** The session's read-only toggle. */
  'session.setReadOnly': { args: Type.Object({ readOnly: Type.Boolean() }), result: DatabaseInfo },

  /**
   * A page of records in key order. Continue with `after` (the last key of the
   * previous page: keyset paging); `offset` is for jumps (scrollbar drags) and
   * costs a walk over keys, not values.
   */
  'records.page': {
    args: Type.Object({
      tree: TreeName,
      limit: Limit,
      after: Type.Optional(JsonKey),
      // Past 2^53 integers are not exact (1e300 is an "integer"): a bound, not a wrap-around.
      offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
      start: Type.Optional(JsonKey),
      end: Type.Optional(JsonKey),
      prefix: Type.Optional(Type.Union([Type.String({ maxLength: 4096 }), Type.Array(KeyPart, { maxItems: 32 })])),
      reverse: Type.Optional(Type.Boolean()),
    }),
    result: Type.Object({ entries: Type.Array(RecordEntry), count: Type.Integer({ minimum: 0 }), hasMore: Type.Boolean(), labels: Type.Optional(Labels) }),
  },
  'records.get': {
    args: Type.Object({ tree: TreeName, key: JsonKey }),
    result: Type.Object({ entry: Type.Union([RecordEntry, Type.Null()]), labels: Type.Optional(Labels) }),
  },
  /** How many records come before this key: the row to scroll to for "jump to key". */
  'records.position': {
    args: Type.Object({ tree: TreeName, key: JsonKey }),
    result: Type.Object({ position: Type.Integer({ minimum: 0 }), exists: Type.Boolean() }),
  },
  /**
   * Checks a value against the tree's stored schema and its references, without
   * writing. At most MAX_ISSUES issues, schema issues first; `total` counts
   * them all and `truncated` says some were left off.
   */
  'records.validate': {
    args: Type.Object({ tree: TreeName, value: Type.Unknown() }),
    result: Type.Object({
      issues: Type.Array(Issue, { maxItems: MAX_ISSUES }),
      total: Type.Integer({ minimum: 0 }),
      truncated: Type.Boolean(),
    }),
  },
  'records.insert': {
    args: Type.Object({ tree: TreeName, value: Type.Unknown() }),
    result: Type.Object({ entry: RecordEntry }),
  },
  /**
   * Writes a value at a key. `expectedRevision` makes it conditional (a stale
   * one is a CONFLICT carrying the current record); `create: true` refuses to
   * overwrite an existing record (DUPLICATE_KEY).
   */
  'records.put': {
    args: Type.Object({
      tree: TreeName,
      key: JsonKey,
      value: Type.Unknown(),
      expectedRevision: Type.Optional(Revision),
      create: Type.Optional(Type.Boolean()),
    }),
    result: Type.Object({ entry: RecordEntry }),
  },
  /** Deletes a record and what cascades from it; `written` lists every record removed or unlinked, with its value before (for undo). */
  'records.delete': {
    args: Type.Object({ tree: TreeName, key: JsonKey, expectedRevision: Type.Optional(Revision) }),
    result: Type.Object({ deleted: Type.Boolean(), ...WrittenRecords }),
  },

  // Versioned trees (`TreeSummary.versioned`): released records never change; each answers the record as records.put does.
  /**
   * Releases a record of a versioned tree: from then on records.put and records.delete of it answer RELEASED.
   * Refused (VALIDATION, at the reference's field) while it refers to a draft of a versioned tree. Releasing a
   * released record changes nothing. `expectedRevision` as for records.put (CONFLICT with the current record).
   */
  'records.release': {
    args: Type.Object({ tree: TreeName, key: JsonKey, expectedRevision: Type.Optional(Revision) }),
    result: Type.Object({ entry: RecordEntry }),
  },
  /** Sets the lifecycle number of a record of a versioned tree, released or not (its value and revision stay). */
  'records.setLifecycle': {
    args: Type.Object({
      tree: TreeName,
      key: JsonKey,
      lifecycle: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
      expectedRevision: Type.Optional(Revision),
    }),
    result: Type.Object({ entry: RecordEntry }),
  },
  /** Makes the next version of a record of a versioned tree (after its newest one) as a draft copy of it; answers the new record. */
  'records.newVersion': {
    args: Type.Object({ tree: TreeName, key: JsonKey }),
    result: Type.Object({ entry: RecordEntry }),
  },
  /**
   * The records that point at this one, without a scan (the engine's reverse-reference index):
   * all in index order, or one group's (`group`: a tree and field), continuing after a holder's key.
   */
  'records.referencedBy': {
    args: Type.Object({ tree: TreeName, key: JsonKey, limit: Type.Optional(Limit), group: Type.Optional(HolderGroupPage) }),
    result: Type.Object({ holders: Type.Array(Holder), truncated: Type.Boolean() }),
  },
  /** Each tree and field that points at this record, with its exact count and its first `limit` holders. */
  'records.referenceGroups': {
    args: Type.Object({ tree: TreeName, key: JsonKey, limit: Type.Optional(Limit) }),
    result: Type.Object({ groups: Type.Array(HolderGroup) }),
  },
  /** Records found through a secondary index, in index order; continue with `after` = the last hit's cursor. */
  'index.lookup': {
    args: Type.Object({
      tree: TreeName,
      index: Type.String({ minLength: 1, maxLength: 256 }),
      limit: Limit,
      equals: Type.Optional(Type.Unknown()),
      prefix: Type.Optional(Type.String({ maxLength: 4096 })),
      start: Type.Optional(Type.Unknown()),
      end: Type.Optional(Type.Unknown()),
      reverse: Type.Optional(Type.Boolean()),
      after: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 64 })),
    }),
    result: Type.Object({
      hits: Type.Array(Type.Object({ indexed: Type.Array(Type.Unknown()), cursor: Type.Array(Type.Unknown()), entry: RecordEntry })),
      hasMore: Type.Boolean(),
      labels: Type.Optional(Labels),
    }),
  },

  // Labels for records: finding a record by what it is called (reference completion).
  /**
   * Records of a tree whose label or key text contains `text` (case and accents ignored), best
   * first: a key part equal to it, the label starting with it, a key part starting with it, a word
   * of the label starting with it, then anywhere. Over the whole tree: keys equal to the text and an
   * index on the label field (for a prefix) are read directly; when they do not fill the list, a
   * scan bounded by SEARCH_SCAN_LIMIT records (`complete: false` when it stopped there).
   * Empty text lists the first records in key order.
   */
  'records.search': {
    args: Type.Object({ tree: TreeName, text: Type.String({ maxLength: 256 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEARCH_HITS })) }),
    result: Type.Object({
      hits: Type.Array(Type.Object({ key: JsonKey, text: Type.String(), label: Type.Optional(Type.String()) }), { maxItems: MAX_SEARCH_HITS }),
      /** Whether every record was looked at (or the index answered in full). */
      complete: Type.Boolean(),
      /** Records looked at to answer (read now, or kept from the search before: app/host/search-rows.ts). */
      scanned: Type.Integer({ minimum: 0 }),
    }),
  },

  // Queries: a filter on any field and an order, run by the host in slices (progress as `query` events).
  /** Starts a query over a tree; its plan says whether an index serves it. A filter the tree cannot answer is INVALID_QUERY. */
  'query.open': {
    args: Type.Object({ tree: TreeName, query: RecordQuery }),
    result: Type.Object({ id: QueryId, plan: QueryPlan, progress: QueryProgress }),
  },
  /** Matches `offset`… in result order (none until `progress.ordered`: a sort in memory orders them at the end). */
  'query.page': {
    args: Type.Object({ id: QueryId, limit: Limit, offset: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) }),
    result: Type.Object({ entries: Type.Array(RecordEntry), progress: QueryProgress, labels: Type.Optional(Labels) }),
  },
  /** Stops reading records; the matches found so far stay pageable. */
  'query.cancel': { args: Type.Object({ id: QueryId }), result: Type.Object({ progress: QueryProgress }) },
  /** Forgets a query (a view closed or replaced). */
  'query.close': { args: Type.Object({ id: QueryId }), result: Type.Object({ closed: Type.Boolean() }) },

  // Any LMDB database, read-only (issue 10 item 8): raw.databases, raw.page, raw.get (raw.ts).
  ...rawMethods,

  // Paths across records and request batches (issue 13): records.resolvePath, records.resolvePaths, records.perform (paths.ts).
  ...pathMethods,

  // A replica of a Trellis server: its sync's status, what waits to be sent, conflicts, check-outs (sync.ts).
  ...syncMethods,

  // --- Undo and redo (issue 10, item 6) ---
  /**
   * Several conditional writes in ONE transaction, all or nothing: what an undo
   * or a redo writes. A write whose record is not as expected (a stale
   * `expectedRevision`, or `create` over an existing record) makes the whole
   * batch write nothing and answer that record as `conflict`; other refusals
   * (VALIDATION, REFERENCED, …) are errors as for records.put.
   */
  'records.applyWrites': {
    args: Type.Object({ writes: Type.Array(BatchWrite, { minItems: 1, maxItems: MAX_UNDO_RECORDS }) }),
    result: Type.Union([
      Type.Object({ applied: Type.Literal(true), ...WrittenRecords }),
      Type.Object({ applied: Type.Literal(false), conflict: BatchConflict }),
    ]),
  },

  // ---- Export and import (issue 10, item 5). Export reads through records.page; an import
  // checks and writes in pages of at most MAX_PAGE records, each page a record of the file. ----
  /**
   * Checks records for an import into one tree, writing nothing: each problem names the record by
   * its `index` in `records` and a JSON Pointer into `{key, value}`. A reference nothing in this
   * page provides carries its `target` text, for the renderer to settle against the rest of its file.
   */
  'import.check': {
    args: Type.Object({ tree: TreeName, records: ImportRecords }),
    result: Type.Object({
      problems: Type.Array(Type.Object({ index: Type.Integer({ minimum: 0 }), path: Type.String(), message: Type.String(), target: Type.Optional(Type.String()) }), { maxItems: MAX_ISSUES }),
      truncated: Type.Boolean(),
    }),
  },
  /**
   * Writes one page of an import in one transaction (refused while read-only). `awaited`: OpaqueKey
   * texts of records a later page writes, which references in this one may name. Answers each
   * record's key and the value it replaced (absent: the record is new), for an undo.
   */
  'import.write': {
    args: Type.Object({ tree: TreeName, records: ImportRecords, awaited: Type.Optional(Type.Array(Type.String({ maxLength: 8192 }), { maxItems: 100_000 })) }),
    result: Type.Object({ written: Type.Array(Type.Object({ key: JsonKey, text: Type.String(), previous: Type.Optional(Type.Unknown()) })) }),
  },
} as const;

export type MethodName = keyof typeof methods;
export type ArgsOf<M extends MethodName> = Static<(typeof methods)[M]['args']>;
export type ResultOf<M extends MethodName> = Static<(typeof methods)[M]['result']>;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
