/**
 * The sync protocol between a Trellis server and its replicas: every message
 * a TypeBox schema, checked on arrival by both sides (a peer is never
 * trusted), versioned by PROTOCOL_VERSION. JSON over one WebSocket: the
 * replica sends requests `{ id, request }`, the server answers each with
 * `{ id, result }` or `{ id, error }`, and sends `{ poke }` after each commit.
 *
 * Keys and values travel in the opaque face's text form (JSON); revisions are
 * the server's. A replica's cursor is the last server revision it applied.
 */
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { MAX_LEASE_MINUTES } from './leases.js';

/** Raised when a message's meaning changes; a peer with another version is refused with PROTOCOL. */
export const PROTOCOL_VERSION = 1;
/** Bounds a peer cannot exceed (a message past them is refused before it is read). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
export const MAX_MUTATIONS_PER_PUSH = 1_000;
export const MAX_OPS_PER_MUTATION = 10_000;
export const MAX_PULL_CHANGES = 10_000;
export const MAX_ID_BLOCK = 1_000_000;

const Name = Type.String({ minLength: 1, maxLength: 256 });
const Revision = Type.Integer({ minimum: 0 });
const Json = Type.Unknown();

/** One record as the server has it: its value (null: deleted) and the revision that gave it. */
/** A record as the server has it now; `release`: its state in a versioned tree (absent: a draft, lifecycle 0). */
export const RecordChange = Type.Object({
  tree: Name,
  key: Json,
  value: Json,
  revision: Revision,
  release: Type.Optional(Type.Object({ released: Type.Boolean(), lifecycle: Type.Integer({ minimum: 0 }) })),
});
export type RecordChange = Static<typeof RecordChange>;

/** A record written by a replica's transaction, with the server revision the edit was based on (null: it did not exist). */
export const Op = Type.Object({ tree: Name, key: Json, value: Json, base: Type.Union([Revision, Type.Null()]) });
export type Op = Static<typeof Op>;

/** One local transaction of a replica: applied once, whole or not at all. */
export const Mutation = Type.Object({ id: Type.Integer({ minimum: 1 }), ops: Type.Array(Op, { minItems: 1, maxItems: MAX_OPS_PER_MUTATION }) });
export type Mutation = Static<typeof Mutation>;

const Hello = Type.Object({
  kind: Type.Literal('hello'),
  protocol: Type.Integer(),
  clientId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }),
  token: Type.Optional(Type.String({ maxLength: 512 })),
});
const Pull = Type.Object({ kind: Type.Literal('pull'), since: Revision, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PULL_CHANGES })) });
const Snapshot = Type.Object({
  kind: Type.Literal('snapshot'),
  /** Where the last page ended; absent for the first page. */
  after: Type.Optional(Type.Object({ tree: Name, key: Json })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PULL_CHANGES })),
});
const Push = Type.Object({ kind: Type.Literal('push'), mutations: Type.Array(Mutation, { minItems: 1, maxItems: MAX_MUTATIONS_PER_PUSH }) });
const IdBlock = Type.Object({ kind: Type.Literal('ids'), tree: Name, size: Type.Integer({ minimum: 1, maximum: MAX_ID_BLOCK }) });
const CheckOut = Type.Object({ kind: Type.Literal('checkOut'), tree: Name, key: Json, minutes: Type.Integer({ minimum: 1, maximum: MAX_LEASE_MINUTES }) });
/** Gives a check-out back; `force` breaks another's (administrators only). */
const CheckIn = Type.Object({ kind: Type.Literal('checkIn'), tree: Name, key: Json, force: Type.Optional(Type.Boolean()) });

export const SyncRequest = Type.Union([Hello, Pull, Snapshot, Push, IdBlock, CheckOut, CheckIn]);
export type SyncRequest = Static<typeof SyncRequest>;

export const ClientMessage = Type.Object({ id: Type.Integer({ minimum: 0 }), request: SyncRequest });
export type ClientMessage = Static<typeof ClientMessage>;

export const LeaseShape = Type.Object({
  tree: Name,
  key: Json,
  user: Type.String(),
  clientId: Type.String(),
  since: Type.Integer({ minimum: 0 }),
  expires: Type.Integer({ minimum: 0 }),
});
export const LeaseChange = Type.Object({ tree: Name, key: Json, lease: Type.Union([LeaseShape, Type.Null()]) });

export const Welcome = Type.Object({
  serverId: Type.String(),
  catalogHash: Type.String(),
  /** Whom the token names, and whether it may break another's check-out. */
  user: Type.String(),
  admin: Type.Boolean(),
  /** The server's trees as stored (the authority on the schema). */
  trees: Type.Record(Type.String(), Json),
  revision: Revision,
  /** The last mutation of this client the server has taken (applied or refused). */
  lastMutationId: Type.Integer({ minimum: 0 }),
  /** Trees whose records must be checked out before they are changed, and every check-out now. */
  checkOut: Type.Array(Name),
  leases: Type.Array(LeaseShape),
});
export type Welcome = Static<typeof Welcome>;

/** Changes after `since` up to `to`, each record once with its latest value; `more` when the limit cut them. */
export const PullResult = Type.Union([
  Type.Object({ kind: Type.Literal('changes'), to: Revision, changes: Type.Array(RecordChange), more: Type.Boolean() }),
  /** The log no longer reaches back to `since`: take a snapshot, then pull from its `at`. */
  Type.Object({ kind: Type.Literal('snapshot-needed'), revision: Revision }),
]);
export type PullResult = Static<typeof PullResult>;

export const SnapshotPage = Type.Object({
  /** The revision the snapshot began at: changes after it are pulled once the last page is in. */
  at: Revision,
  records: Type.Array(RecordChange),
  /**
   * The last record of this page (null: the page reaches the end of every tree). A page stands for every
   * record from just after the request's `after` to here: a replica's records in that span not in it are gone.
   */
  next: Type.Union([Type.Object({ tree: Name, key: Json }), Type.Null()]),
  /** Records in all trees now, for a progress bar. */
  total: Type.Integer({ minimum: 0 }),
});
export type SnapshotPage = Static<typeof SnapshotPage>;

const CurrentRecord = Type.Union([Type.Object({ value: Json, revision: Revision }), Type.Null()]);
export const MutationOutcome = Type.Union([
  /** Applied: the revision each op's record got (for a delete, the deletion's). */
  Type.Object({ id: Type.Integer(), status: Type.Literal('applied'), revisions: Type.Array(Revision) }),
  /** Not applied: a record had moved on from the edit's base (stale), or the write was refused (its code and message). */
  Type.Object({
    id: Type.Integer(),
    status: Type.Union([Type.Literal('conflict'), Type.Literal('refused')]),
    code: Type.String(),
    message: Type.String(),
    /** The server's records of the mutation's ops as they are now, in op order. */
    current: Type.Array(CurrentRecord),
  }),
]);
export type MutationOutcome = Static<typeof MutationOutcome>;

export const PushResult = Type.Object({ outcomes: Type.Array(MutationOutcome), lastMutationId: Type.Integer({ minimum: 0 }) });
export type PushResult = Static<typeof PushResult>;

export const IdBlockResult = Type.Object({ tree: Name, first: Type.Integer({ minimum: 1 }), last: Type.Integer({ minimum: 1 }) });
export type IdBlockResult = Static<typeof IdBlockResult>;

export const SyncError = Type.Object({ code: Type.String(), message: Type.String() });
export type SyncError = Static<typeof SyncError>;

export const ServerMessage = Type.Union([
  Type.Object({ id: Type.Integer(), result: Json }),
  Type.Object({ id: Type.Integer(), error: SyncError }),
  /** A commit happened: pull if behind `poke`. */
  Type.Object({ poke: Revision }),
  /** A check-out was taken, given back or broken. */
  Type.Object({ lease: LeaseChange }),
]);
export type ServerMessage = Static<typeof ServerMessage>;

/** The result schema of each request kind: the replica checks every answer. */
export const CheckInResult = Type.Object({ removed: Type.Boolean() });
export const RESULTS = { hello: Welcome, pull: PullResult, snapshot: SnapshotPage, push: PushResult, ids: IdBlockResult, checkOut: LeaseShape, checkIn: CheckInResult } as const;
export type ResultOf<K extends SyncRequest['kind']> = Static<(typeof RESULTS)[K]>;

export const checkClientMessage = Compile(ClientMessage);
export const checkServerMessage = Compile(ServerMessage);
export const checkResult = {
  hello: Compile(Welcome),
  pull: Compile(PullResult),
  snapshot: Compile(SnapshotPage),
  push: Compile(PushResult),
  ids: Compile(IdBlockResult),
  checkOut: Compile(LeaseShape),
  checkIn: Compile(CheckInResult),
} as const;
