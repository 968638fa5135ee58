/**
 * The database's schema history as the schema view lists it: one row per
 * schema version, newest first, each with where it came from (the database's
 * creation, a change applied on open, or a migration with its outcome, records
 * and duration), the trees it added, changed or removed (from the hashes of
 * each tree's definition the catalog keeps per version), and the migrations
 * recorded as not needed at that version. Plain TypeScript; the view renders it.
 */
import type { DatabaseInfo } from '../../../../app/contract/index.js';

type StoredVersion = DatabaseInfo['history'][number];
type StoredMigration = DatabaseInfo['migrations'][number];

export interface MigrationRow {
  readonly id: string;
  readonly description: string;
  readonly outcome: StoredMigration['outcome'];
  /** `300 records · 14 ms`, as far as the catalog recorded them (applied migrations only). */
  readonly facts: string;
  /** Records the migration read, when recorded. */
  readonly records?: number;
}

export type VersionOrigin =
  /** The schema the database was created with (its version 1). */
  | { readonly kind: 'created' }
  /** A compatible change (a tree, field or index added), applied as it was declared when the database was opened. */
  | { readonly kind: 'change' }
  | { readonly kind: 'migration'; readonly migration: MigrationRow }
  /** A version the history does not list, known only from the migrations recorded at it. */
  | { readonly kind: 'unrecorded' };

/** What a version did to the trees, against the version before it. */
export interface TreeChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

export interface HistoryRow {
  readonly version: number;
  /** ISO 8601 UTC text, as stored. */
  readonly at: string;
  /** `2026-12-04 17:26 UTC`. */
  readonly when: string;
  readonly origin: VersionOrigin;
  /** Absent when the version before it is not recorded (history kept from a later version on). */
  readonly trees?: TreeChanges;
  /** Migrations the database did not need at this version: it was created by code that declared them already. */
  readonly notNeeded: readonly MigrationRow[];
  /** The database's schema version now. */
  readonly current: boolean;
}

/** Every recorded schema version of `database`, newest first (empty for a database written before the history was kept). */
export function historyRows(database: Pick<DatabaseInfo, 'history' | 'migrations' | 'schemaVersion'>): HistoryRow[] {
  const applied = new Map(database.migrations.filter((m) => m.outcome === 'applied').map((m) => [m.id, m]));
  const rows = new Map<number, HistoryRow>();
  database.history.forEach((entry, i) => {
    const migration = entry.migration === undefined ? undefined : applied.get(entry.migration);
    if (migration) applied.delete(migration.id);
    rows.set(entry.version, {
      ...when(entry.version, entry.at, database.schemaVersion),
      origin: originOf(entry, i, migration),
      ...treeChanges(entry, database.history[i - 1], i),
      notNeeded: [],
    });
  });
  // Shown rather than lost: an applied migration whose version the history does not list.
  for (const migration of applied.values()) {
    if (!rows.has(migration.version)) rows.set(migration.version, { ...when(migration.version, migration.at, database.schemaVersion), origin: { kind: 'migration', migration: migrationRow(migration) }, notNeeded: [] });
  }
  for (const migration of database.migrations.filter((m) => m.outcome === 'not needed')) {
    const row = rows.get(migration.version) ?? { ...when(migration.version, migration.at, database.schemaVersion), origin: { kind: 'unrecorded' }, notNeeded: [] };
    rows.set(migration.version, { ...row, notNeeded: [...row.notNeeded, migrationRow(migration)] });
  }
  return [...rows.values()].sort((a, b) => b.version - a.version);
}

/** Whether the row's version added, changed or removed `tree`. */
export function touchesTree(row: HistoryRow, tree: string): boolean {
  return row.trees !== undefined && [row.trees.added, row.trees.changed, row.trees.removed].some((names) => names.includes(tree));
}

/** `2026-12-04 17:26 UTC` from ISO text; the text itself when it is not a date. */
export function whenText(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const text = new Date(time).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** `14 ms`, `2.5 s`, `3 min 5 s`, `1 h 2 min`. */
export function durationText(ms: number): string {
  if (ms < 1) return 'under 1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`; // past it, the tenths would round to 60.0 s
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

function when(version: number, at: string, current: number): Pick<HistoryRow, 'version' | 'at' | 'when' | 'current'> {
  return { version, at, when: whenText(at), current: version === current };
}

function originOf(entry: StoredVersion, index: number, migration: StoredMigration | undefined): VersionOrigin {
  if (migration) return { kind: 'migration', migration: migrationRow(migration) };
  // A migration the catalog names but no longer lists: still a migration, without its record.
  if (entry.migration !== undefined) return { kind: 'migration', migration: { id: entry.migration, description: '', outcome: 'applied', facts: '' } };
  return index === 0 && entry.version === 1 ? { kind: 'created' } : { kind: 'change' };
}

function migrationRow(migration: StoredMigration): MigrationRow {
  const facts = [
    migration.records === undefined ? undefined : `${migration.records.toLocaleString('en-US')} ${migration.records === 1 ? 'record' : 'records'}`,
    migration.ms === undefined ? undefined : durationText(migration.ms),
  ].filter((fact) => fact !== undefined);
  return {
    id: migration.id,
    description: migration.description,
    outcome: migration.outcome,
    facts: facts.join(' · '),
    ...(migration.records === undefined ? {} : { records: migration.records }),
  };
}

function treeChanges(entry: StoredVersion, before: StoredVersion | undefined, index: number): Pick<HistoryRow, 'trees'> {
  const names = Object.keys(entry.trees).sort();
  if (!before) return index === 0 && entry.version === 1 ? { trees: { added: names, changed: [], removed: [] } } : {};
  // Own keys only: a tree may be called `constructor`.
  const had = (name: string) => Object.hasOwn(before.trees, name);
  return {
    trees: {
      added: names.filter((name) => !had(name)),
      changed: names.filter((name) => had(name) && before.trees[name] !== entry.trees[name]),
      removed: Object.keys(before.trees)
        .filter((name) => !Object.hasOwn(entry.trees, name))
        .sort(),
    },
  };
}
