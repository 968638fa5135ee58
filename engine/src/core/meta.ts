/** Keys of the meta store, which holds the catalog and the counters. */
export const META_STORE = '__meta';
export const CHANGES_STORE = '__changes';
/** Catalog format 1's one store of reverse references for every tree; format 2 has a store per reference (tree-model.ts `referenceStoreName`). */
export const REFS_STORE = '__refs';
/** What sharing a database keeps (../sync/sync-store.ts): a server's identity, clients and leases; a replica's cursor and outbox. */
export const SYNC_STORE = '__sync';
/** The catalog format from which each reference has its own store of reverse entries. */
export const REFERENCE_STORES_FORMAT = 2;

export const CATALOG_KEY = 'catalog';
/**
 * The catalog's schema version, beside it: every write transaction reads it (a number, not the
 * whole catalog) to find out whether another process changed the schema since this one opened.
 */
export const SCHEMA_VERSION_KEY = 'schemaVersion';
/** The migration running, or left by a process that died while it ran (./migrate.ts). */
export const MIGRATION_KEY = 'migration';
/** Stores a finished migration no longer uses, to be emptied (./migrate.ts `clearRetired`). */
export const RETIRED_KEY = 'retiredStores';
/** The last revision given out; every write takes the next one. */
export const REVISION_KEY = 'revision';
/** The last auto-increment id of a tree: ['auto', tree]. */
export const autoKey = (tree: string) => ['auto', tree] as const;
/**
 * How many transactions inserted or deleted records of a tree: ['shape', tree].
 * Updates leave it alone (they move no record's position), so caches of row
 * positions (./positions.ts) stay valid across them, in every process.
 */
export const shapeKey = (tree: string) => ['shape', tree] as const;
/**
 * A computed index written past without its function (a tool without the application's code): ['stale', store].
 * Its lookups are refused until code with the function opens the database and rebuilds it.
 */
export const staleIndexKey = (store: string) => ['stale', store] as const;
