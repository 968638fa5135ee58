/**
 * Events a host pushes to every connected renderer, as TypeBox schemas: the
 * payload types are `Static<>` of them, and the in-process transport checks
 * payloads against them.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { MENU_COMMAND_IDS } from './commands.js';
import type { EventName } from './event-names.js';
import { DatabaseInfo, JsonKey, QueryProgress } from './methods.js';
import { LeaseChange, SyncStatus } from './sync.js';

export const RecordChange = Type.Object({
  tree: Type.String(),
  key: JsonKey,
  text: Type.String(),
  /** `release` / `lifecycle`: a versioned record was released or given a lifecycle number; its value did not change. */
  kind: Type.Union([Type.Literal('insert'), Type.Literal('update'), Type.Literal('delete'), Type.Literal('release'), Type.Literal('lifecycle')]),
  revision: Type.Integer({ minimum: 0 }),
  /** False when another process wrote it. */
  local: Type.Boolean(),
});
export type RecordChange = Static<typeof RecordChange>;

/** Another process's migration as the host last read it (records done of the total its source trees held). */
export const MigrationRunning = Type.Object({
  id: Type.String(),
  description: Type.Optional(Type.String()),
  /** The schema version it makes. */
  version: Type.Number(),
  done: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  startedAt: Type.String(),
});
export type MigrationRunning = Static<typeof MigrationRunning>;

/** The event table: name → payload. */
export const events = {
  /** Committed writes, by this host or by any other process. `resync`: too many to list, re-read what is shown. */
  changes: Type.Object({ revision: Type.Integer({ minimum: 0 }), changes: Type.Array(RecordChange), resync: Type.Boolean() }),
  /** Another database was opened in this host, or the read-only state changed. */
  database: DatabaseInfo,
  /** Electron only: a native menu item asks the renderer to run a command from its registry. */
  command: Type.Object({ id: Type.Enum(MENU_COMMAND_IDS) }),
  /** A running query's progress (every renderer hears it; each follows only the ids it opened). */
  query: Type.Object({ id: Type.String(), progress: QueryProgress }),
  /**
   * Another process is migrating the open database (every ~500 ms while it runs; writes are refused meanwhile), or
   * `ended`: it finished or was rolled back. A finished one is followed by a `database` event with the new schema.
   */
  migration: Type.Union([MigrationRunning, Type.Object({ ended: Type.Literal(true) })]),
  /** A replica's sync status changed (at most every 100 ms, and only when it did). */
  sync: SyncStatus,
  /** A check-out was taken, renewed, given back or broken, by this replica or another. */
  lease: LeaseChange,
} as const satisfies Record<EventName, TSchema>;

export type HostEvents = { [E in EventName]: Static<(typeof events)[E]> };
