/**
 * Opening a database: refuse what is not a Trellis database without touching
 * it, create a new one, or bring a stored catalog in line with the schema the
 * application declares (compatible changes only).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AccessDeniedError, InvalidSchemaError, isTrellisError, NotADatabaseError, ReadOnlyError } from '../errors.js';
import { lmdbOpenInThisProcess, openLmdbBackend } from '../storage/lmdb-backend.js';
import { lmdbDataFileProblem } from '../storage/lmdb-data-file.js';
import { explainAccessError, lmdbAccessProblem, lmdbFileKindProblem, type LmdbFilesProblem } from '../storage/lmdb-files.js';
import { openMemoryBackend, type MemoryVolume } from '../storage/memory-backend.js';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION, checkCatalog, claimsCatalogFormat, type Catalog, type JsonSchema, type MigrationRecord } from '../schema/catalog.js';
import { definitionHash, standing, type TreeChange } from '../schema/compatibility.js';
import { applyChange, rebuildStaleIndexes } from './schema-changes.js';
import { clearRetired, runMigration, type MigrationProgress } from './migrate.js';
import type { Declared } from './migration-plan.js';
import { checkIds, pendingMigrations } from './pending-migrations.js';
import type { Backend } from '../storage/backend.js';
import { Engine } from './engine.js';
import { CATALOG_KEY, META_STORE, REFERENCE_STORES_FORMAT, SCHEMA_VERSION_KEY } from './meta.js';
import { upgradeReferenceStores } from './reference-layout.js';
import { checkStoreBudget, storeSlots, storesFor } from './store-budget.js';

export interface OpenOptions {
  /** Open for reading only: every write is refused with a ReadOnlyError. */
  readonly readOnly?: boolean;
  /**
   * Keep everything in memory (nothing is written to `path`): a fresh database at each open, or, given a
   * `MemoryVolume`, the one this process last closed at `path`.
   */
  readonly inMemory?: boolean | MemoryVolume;
  /** Upper bound of LMDB's memory map, in bytes. */
  readonly mapSize?: number;
  /** Called after each batch of a migration that opening runs (see Migrations in the README). */
  readonly onMigration?: ((progress: MigrationProgress) => void) | undefined;
  /** Records per transaction of a migration (5,000 by default). */
  readonly migrationBatch?: number | undefined;
}

export type { Declared };

/** Opens with the application's schema: creates the database if needed and applies compatible changes. */
export async function openEngine(path: string, declared: Declared | undefined, options: OpenOptions = {}): Promise<Engine> {
  // Before anything is created: a schema the database could not hold is refused as a whole.
  if (declared) checkStoreBudget(declared.trees, 'the schema');
  if (declared?.migrations) checkIds(declared.migrations);
  const backend = options.inMemory ? openMemoryBackend(path, options.inMemory === true ? undefined : options.inMemory) : await openLmdb(path, declared, options);
  try {
    let stored = readCatalog(backend);
    // Format 1's shared reverse-reference store becomes a store per reference; read-only, it is read as it is.
    if (stored && stored.formatVersion < REFERENCE_STORES_FORMAT && !backend.readOnly) stored = await upgradeReferenceStores(backend, stored, declared?.derivers);
    if (!declared) {
      if (!stored) throw new NotADatabaseError(path, 'it holds no Trellis catalog');
      return new Engine(backend, stored);
    }
    // Code that declares no migration is still checked: the database may have run one it does not know.
    if (stored && (declared.migrations?.length || stored.migrations?.length)) stored = await migrate(backend, stored, declared, path, options);
    const engine = await reconcile(backend, stored, declared, path);
    if (!backend.readOnly) {
      // A process that stopped right after a migration left its old stores to empty.
      await clearRetired(engine);
      await rebuildStaleIndexes(engine);
    }
    return engine;
  } catch (error) {
    await backend.close();
    throw error;
  }
}

async function openLmdb(path: string, declared: Declared | undefined, options: OpenOptions): Promise<Backend> {
  try {
    return await openLmdbChecked(path, declared, options);
  } catch (error) {
    // A folder that cannot even be listed, or one lmdb-js fails to create.
    const denied = isTrellisError(error) ? undefined : explainAccessError(error);
    if (denied) throw new AccessDeniedError(path, `${denied} (${(error as Error).message})`);
    throw error;
  }
}

async function openLmdbChecked(path: string, declared: Declared | undefined, options: OpenOptions): Promise<Backend> {
  const mayCreate = declared !== undefined && !options.readOnly;
  const dataFile = join(path, 'data.mdb');
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new NotADatabaseError(path, 'it is a file; a database is a folder');
    throwProblem(path, lmdbFileKindProblem(path));
    if (!existsSync(dataFile)) {
      if (readdirSync(path).length > 0) throw new NotADatabaseError(path, 'the folder holds other files and no data.mdb');
      // Only opening with a schema, for writing, makes a new database; nothing is created otherwise.
      if (!mayCreate) throw new NotADatabaseError(path, 'the folder is empty');
    }
  } else if (!mayCreate) {
    throw new NotADatabaseError(path, 'there is nothing at this path');
  }
  throwProblem(path, lmdbAccessProblem(path, options.readOnly ?? false, lmdbOpenInThisProcess(path)));
  let stores = 0;
  if (existsSync(dataFile)) {
    const problem = lmdbDataFileProblem(dataFile);
    if (problem) throw new NotADatabaseError(path, problem);
    stores = await probe(path);
  }
  return openLmdbBackend(path, { ...options, storeSlots: storeSlots(stores, declared ? storesFor(declared.trees) : 0) });
}

function throwProblem(path: string, problem: LmdbFilesProblem | undefined): void {
  if (problem) throw problem.kind === 'access-denied' ? new AccessDeniedError(path, problem.reason) : new NotADatabaseError(path, problem.reason);
}

/**
 * Opens an existing environment read-only first, so that a file LMDB does not
 * recognise, or an LMDB environment of another program, is refused untouched.
 * Answers how many stores the environment holds (the names in its root).
 */
async function probe(path: string): Promise<number> {
  let backend: Backend;
  try {
    // The same room as any open: lmdb-js would hand this environment to another open meanwhile in this process.
    backend = openLmdbBackend(path, { readOnly: true, storeSlots: storeSlots(0, 0) });
  } catch (error) {
    if (isTrellisError(error)) throw error;
    throw new NotADatabaseError(path, `LMDB cannot open it (${(error as Error).message})`);
  }
  try {
    const meta = readCatalogFrom(backend, true);
    if (meta === 'foreign') throw new NotADatabaseError(path, 'it is an LMDB environment without a Trellis catalog');
    return backend.storeNames().length;
  } catch (error) {
    // A catalog that is Trellis's but does not match its schema is refused here, before any writable open.
    if (error instanceof NotADatabaseError || error instanceof InvalidSchemaError) throw error;
    throw new NotADatabaseError(path, `LMDB cannot read it (${(error as Error).message})`);
  } finally {
    await backend.close();
  }
}

function readCatalog(backend: Backend): Catalog | undefined {
  const found = readCatalogFrom(backend, false);
  return found === 'foreign' || found === 'empty' ? undefined : found;
}

function readCatalogFrom(backend: Backend, probing: boolean): Catalog | 'empty' | 'foreign' {
  // In a read-only environment a missing sub-database cannot be opened: an empty one is foreign too.
  let value: unknown;
  try {
    value = backend.store(META_STORE, { kind: 'plain' }).get(CATALOG_KEY);
  } catch (error) {
    if (probing) return 'foreign';
    throw error;
  }
  if (value === undefined) return probing ? 'foreign' : 'empty';
  if (!claimsCatalogFormat(value)) return 'foreign';
  const version = value.formatVersion;
  if (typeof version === 'number' && version > CATALOG_FORMAT_VERSION) {
    throw new NotADatabaseError(backend.location, `its format version ${version} is newer than this engine reads (${CATALOG_FORMAT_VERSION})`);
  }
  // Everything the engine builds from the catalog assumes its shape: all of it is checked (the probe's read too).
  const checked = checkCatalog(value);
  if (!checked.ok) throw new InvalidSchemaError(`the catalog stored in ${backend.location} is damaged at ${checked.problem}`);
  return checked.catalog;
}

/**
 * Runs the migrations the database has not run yet, each from its `from` schema (compatible
 * changes to reach it applied first), and answers the catalog after the last.
 */
async function migrate(backend: Backend, stored: Catalog, declared: Declared, path: string, options: OpenOptions): Promise<Catalog> {
  const pending = pendingMigrations(stored, declared.migrations ?? [], path);
  let catalog = stored;
  for (const [i, plan] of pending.entries()) {
    if (backend.readOnly) throw new ReadOnlyError(path);
    const from = await reconcile(backend, catalog, plan.from, path);
    catalog = await runMigration(from, plan, { step: i + 1, steps: pending.length }, { onProgress: options.onMigration, batchSize: options.migrationBatch });
  }
  return catalog;
}

async function reconcile(backend: Backend, stored: Catalog | undefined, declared: Declared, path: string): Promise<Engine> {
  const changes: TreeChange[] = [];
  const olderCode = new Map<string, JsonSchema>();
  const past = pastDefinitions(stored);
  for (const tree of declared.trees) {
    const found = standing(stored?.trees[tree.name], tree, past.get(tree.name) ?? new Set());
    if (found.kind === 'newer') changes.push(found.change);
    // Code written for an earlier definition works on the stored one, which it never rewrites.
    else if (found.kind === 'older') olderCode.set(tree.name, tree.value);
  }
  const current = stored ?? emptyCatalog();
  const trees = { ...current.trees, ...Object.fromEntries(declared.trees.filter((t) => !olderCode.has(t.name)).map((t) => [t.name, t])) };
  const changed = changes.length > 0 || !stored;
  const engine = new Engine(backend, changed ? { ...current, trees } : current, declared.derivers, olderCode, declared.computers);
  if (!changed) return engine;
  if (backend.readOnly) throw new ReadOnlyError(path);
  // The stored trees and the declared ones together, before anything is written.
  checkStoreBudget(Object.values(trees), `${path} with this schema`);
  await engine.transaction(
    () => {
      for (const change of changes) applyChange(engine, change);
      // Read under the write lock: every record with a later revision is written under the new version.
      const version = current.schemaVersion + 1;
      const entry = { version, after: engine.revision(), at: new Date().toISOString(), trees: mapValues(trees, definitionHash) };
      // A new database was made by code that declares its migrations: none of them is needed.
      const migrations = stored ? current.migrations : notNeeded(declared, version);
      const history = [...(current.history ?? []), entry];
      const next: Catalog = { ...current, format: CATALOG_FORMAT, formatVersion: CATALOG_FORMAT_VERSION, schemaVersion: version, trees, history, ...(migrations?.length ? { migrations } : {}) };
      engine.catalog = next;
      engine.meta.put(CATALOG_KEY, next);
      engine.meta.put(SCHEMA_VERSION_KEY, version);
    },
    { reconciling: true },
  );
  return engine;
}

function notNeeded(declared: Declared, version: number): MigrationRecord[] {
  const at = new Date().toISOString();
  return (declared.migrations ?? []).map((m) => ({ id: m.id, description: m.description, outcome: 'not needed', at, version }));
}

function emptyCatalog(): Catalog {
  return { format: CATALOG_FORMAT, formatVersion: CATALOG_FORMAT_VERSION, schemaVersion: 0, trees: {} };
}

/** The hashes of every definition each tree has had, from the catalog's history. */
function pastDefinitions(catalog: Catalog | undefined): Map<string, Set<string>> {
  const past = new Map<string, Set<string>>();
  for (const entry of catalog?.history ?? []) {
    for (const [tree, hash] of Object.entries(entry.trees)) past.set(tree, (past.get(tree) ?? new Set()).add(hash));
  }
  return past;
}

function mapValues<V, W>(record: Readonly<Record<string, V>>, map: (value: V) => W): Record<string, W> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, map(v)]));
}
