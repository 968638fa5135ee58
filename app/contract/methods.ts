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
import { StoredTree } from '@trellis/engine/common/catalog';
import { MAX_ISSUES, MAX_PAGE, MAX_SEARCH_HITS } from './limits.js';

export { MAX_ISSUES, MAX_PAGE, MAX_SEARCH_HITS };

const KeyPart = Type.Union([Type.String({ maxLength: 4096 }), Type.Number(), Type.Boolean()]);
/** A record key in JSON form: a part, or a tuple of parts for composite keys. */
export const JsonKey = Type.Union([KeyPart, Type.Array(KeyPart, { minItems: 1, maxItems: 32 })]);
export type JsonKey = Static<typeof JsonKey>;

const TreeName = Type.String({ minLength: 1, maxLength: 256 });
const Limit = Type.Integer({ minimum: 1, maximum: MAX_PAGE });
const Revision = Type.Integer({ minimum: 0 });

/** One offending place in a value (JSON Pointer path); error payloads use it too (errors.ts). */
export const Issue = Type.Object({ path: Type.String(), message: Type.String() });

/** A record as the renderer sees it; `value` is absent and `problems` set when the stored value does not decode. */
export const RecordEntry = Type.Object({
  key: JsonKey,
  /** The canonical OpaqueKey text, e.g. `users/42`. */
  text: Type.String(),
  revision: Revision,
  value: Type.Optional(Type.Unknown()),
  problems: Type.Optional(Type.Array(Issue)),
});
export type RecordEntry = Static<typeof RecordEntry>;

/** A tree as the catalog stores it (its own schema, engine/src/common/catalog.ts), with what the browser shows beside it. */
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
  revision: Revision,
  schemaVersion: Type.Integer(),
  trees: Type.Array(TreeSummary),
});
export type DatabaseInfo = Static<typeof DatabaseInfo>;

/**
 * Labels of the records an answer's records refer to (common/labels.ts), by OpaqueKey text:
 * `{ 'states/["FR","IDF"]': 'Île-de-France' }`. Resolved by the host in the same call, so a page
 * shows its references' labels without a request per reference; a target without a label (or
 * missing) is left out, and so are references past the host's bound (app/host/labels.ts).
 */
export const Labels = Type.Record(Type.String(), Type.String());
export type Labels = Static<typeof Labels>;

/** A record that points at another one, with its label when it has one; REFERENCED error payloads use it too (errors.ts). */
export const Holder = Type.Object({ tree: Type.String(), key: JsonKey, text: Type.String(), path: Type.String(), label: Type.Optional(Type.String()) });
/** The holders of one tree and field, counted exactly; `hasMore`: the count is larger than the holders listed. */
const HolderGroup = Type.Object({ tree: Type.String(), path: Type.String(), count: Type.Integer({ minimum: 0 }), holders: Type.Array(Holder), hasMore: Type.Boolean() });
/** Which group to page through, and the last holder key already shown. */
const HolderGroupPage = Type.Object({ tree: TreeName, path: Type.String({ minLength: 1, maxLength: 4096 }), after: Type.Optional(JsonKey) });

const empty = Type.Object({});

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
  'records.delete': {
    args: Type.Object({ tree: TreeName, key: JsonKey, expectedRevision: Type.Optional(Revision) }),
    result: Type.Object({ deleted: Type.Boolean() }),
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
} as const;

export type MethodName = keyof typeof methods;
export type ArgsOf<M extends MethodName> = Static<(typeof methods)[M]['args']>;
export type ResultOf<M extends MethodName> = Static<(typeof methods)[M]['result']>;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
