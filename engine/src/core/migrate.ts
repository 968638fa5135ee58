/**
 * Running a migration. The step's writes go to new stores (the next generation
 * of each tree it rebuilds: `t/users@1`), in batches of records, each batch one
 * transaction that also moves the migration's cursor; the last transaction
 * switches the catalog to the new stores and empties the old ones. So the
 * database is never half migrated: until that last commit it is the database
 * before the migration, and a failure (or a killed process) leaves only the
 * new stores, which a rollback empties and a reopen with the same code resumes
 * from the cursor. While it runs, the schema version kept beside the catalog is
 * a half step ahead (v + 0.5): every other handle's writes are refused
 * (STALE_SCHEMA), none can land in a tree the cursor already passed.
 */
import { MigrationFailedError } from '../errors.js';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION, type Catalog, type MigrationRecord } from '../schema/catalog.js';
import { compareTree, definitionHash } from '../schema/compatibility.js';
import type { KeyValue } from '../schema/key-brand.js';
import type { Store, StoredKey } from '../storage/backend.js';
import { Engine } from './engine.js';
import { applyChange, clearStore } from './schema-changes.js';
import { CATALOG_KEY, MIGRATION_KEY, RETIRED_KEY, SCHEMA_VERSION_KEY, autoKey, shapeKey } from './meta.js';
import { migrationShape, type MigrationPlan, type MigrationShape, type MigrationTarget } from './migration-plan.js';
import { storageName, type TreeModel } from './tree-model.js';

/** What a running migration reports after each batch (the browser and the CLI draw a progress bar from it). */
export interface MigrationProgress {
  readonly migration: string;
  readonly description: string;
  /** Its place among the migrations this open runs (1-based), and how many there are. */
  readonly step: number;
  readonly steps: number;
  /** Records read so far, of how many its source trees hold. */
  readonly done: number;
  readonly total: number;
}

export interface MigrationRunOptions {
  readonly onProgress?: ((progress: MigrationProgress) => void) | undefined;
  /** Records per transaction. */
  readonly batchSize?: number | undefined;
}

/** The migration in progress, kept in the meta store: what resuming or rolling back needs. */
interface Progress {
  readonly id: string;
  /** Absent in records written before it was kept. */
  readonly description?: string | undefined;
  /** The schema version the migration makes. */
  readonly version: number;
  /** The last revision before the migration: the records it writes take later ones. */
  readonly after: number;
  readonly startedAt: string;
  /** The source tree being read (index into the plan's sources) and the last key read in it. */
  readonly source: number;
  readonly cursor?: StoredKey | undefined;
  readonly records: number;
  /** Records its source trees held when it began (or was resumed): what other processes draw a progress bar against. */
  readonly total?: number | undefined;
  /** Stores and counters written for the new schema: emptied on rollback. */
  readonly stores: readonly string[];
  readonly storages: readonly string[];
  /** The engine handle running it: a batch finding another one here stops (that process took it over). */
  readonly runner: string;
}

/** Another process resumed the migration: this one stops without undoing anything. */
class TakenOver extends Error {}

export const DEFAULT_MIGRATION_BATCH = 5_000;
/** Batches queued for commit at once. */
const IN_FLIGHT = 3;

/**
 * Runs `plan` on the database `from` has open (its catalog is the plan's `from` schema, already
 * reconciled); returns the catalog after it. Throws MigrationFailedError, the database as before.
 */
export async function runMigration(from: Engine, plan: MigrationPlan, place: { step: number; steps: number }, options: MigrationRunOptions): Promise<Catalog> {
  const shape = migrationShape(plan);
  const started = Date.now();
  const stored = from.meta.get(MIGRATION_KEY) as Progress | undefined;
  // Another migration's leftovers (its code changed since it was interrupted): it is rolled back.
  if (stored && stored.id !== plan.id) await rollBack(from, stored);
  const resumed = stored?.id === plan.id ? stored : undefined;
  const to = targetEngine(from, plan, shape, resumed?.version);
  const total = plan.sources.reduce((sum, tree) => sum + from.records(from.model(tree)).count(), 0);
  const progress: Progress = resumed ? await takeOver(from, resumed, total) : await begin(from, to, plan, shape, total);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_MIGRATION_BATCH));
  const report = (done: number) => options.onProgress?.({ migration: plan.id, description: plan.description, ...place, done, total });
  let current = progress;
  const where: { tree?: string; key?: unknown } = {};
  // Batches are queued a few at a time (as insertMany's are: ./batches.ts), so one is prepared while
  // the one before commits. Each body takes the cursor the body before it left: they run in order.
  let failed = false;
  const batch = () =>
    to.transaction(
      (context) => {
        if (failed || current.source >= plan.sources.length) return undefined;
        try {
          current = migrateBatch(from, to, plan, shape, current, context, batchSize, where);
          return current.records;
        } catch (error) {
          failed = true;
          throw error;
        }
      },
      { migrating: true },
    );
  try {
    const queued: Promise<number | undefined>[] = [];
    for (let done = false; !done; ) {
      while (queued.length < IN_FLIGHT) queued.push(batch());
      const records = await queued.shift()!;
      if (records === undefined) done = true;
      else report(records);
    }
    await Promise.all(queued);
    const catalog = await to.transaction(() => finish(from, to, plan, shape, current, Date.now() - started), { migrating: true });
    await clearRetired(to);
    return catalog;
  } catch (error) {
    if (!(error instanceof TakenOver)) await rollBack(from, current);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationFailedError(plan.id, where.tree, where.key, reason, { cause: error });
  }
}

/** The database as `plan.to` sees it: rebuilt trees in their next generation's stores, the schema version one up. */
function targetEngine(from: Engine, plan: MigrationPlan, shape: MigrationShape, version: number | undefined): Engine {
  const generations = { ...from.catalog.generations };
  for (const tree of shape.rebuilt) generations[tree] = (generations[tree] ?? 0) + 1;
  for (const tree of shape.dropped) delete generations[tree];
  const kept = Object.fromEntries(Object.entries(from.catalog.trees).filter(([name]) => !shape.dropped.has(name)));
  const catalog: Catalog = {
    ...from.catalog,
    schemaVersion: version ?? from.catalog.schemaVersion + 1,
    trees: { ...kept, ...Object.fromEntries(plan.to.trees.map((t) => [t.name, t])) },
    generations,
  };
  return new Engine(from.backend, catalog, plan.to.derivers, undefined, plan.to.computers);
}

async function begin(from: Engine, to: Engine, plan: MigrationPlan, shape: MigrationShape, total: number): Promise<Progress> {
  const rebuilt = [...shape.rebuilt].map((tree) => to.model(tree));
  const progress: Progress = {
    id: plan.id,
    description: plan.description,
    total,
    version: to.catalog.schemaVersion,
    after: from.revision(),
    startedAt: new Date().toISOString(),
    source: 0,
    records: 0,
    stores: [...rebuilt.flatMap(storesOf), ...[...shape.rekeyed].map((tree) => keyMapStore(plan.id, tree))],
    storages: rebuilt.map((model) => model.storage),
    runner: from.writerId,
  };
  await from.transaction(
    () => {
      // New stores start empty: a rolled-back attempt may have left entries that no catalog names.
      for (const name of progress.stores) clearStore(from, name);
      from.meta.put(MIGRATION_KEY, progress);
      from.meta.put(SCHEMA_VERSION_KEY, from.catalog.schemaVersion + 0.5);
    },
    { migrating: true },
  );
  return progress;
}

/** Resuming an interrupted migration: this handle runs it from its cursor on. */
async function takeOver(from: Engine, progress: Progress, total: number): Promise<Progress> {
  const mine = { ...progress, total, runner: from.writerId };
  await from.transaction(() => from.meta.put(MIGRATION_KEY, mine), { migrating: true });
  return mine;
}

function migrateBatch(
  from: Engine,
  to: Engine,
  plan: MigrationPlan,
  shape: MigrationShape,
  progress: Progress,
  context: MigrationTarget['context'],
  batchSize: number,
  where: { tree?: string; key?: unknown },
): Progress {
  const stored = from.meta.get(MIGRATION_KEY) as Progress | undefined;
  if (stored?.runner !== progress.runner) throw new TakenOver(`another process took migration '${plan.id}' over, or rolled it back`);
  const tree = plan.sources[progress.source]!;
  const model = from.model(tree);
  const rekeyed = shape.rekeyed.has(tree) ? to.store(keyMapStore(plan.id, tree)) : undefined;
  const target: MigrationTarget = { engine: to, source: from, context, newKey: (name, oldKey) => newKey(from, to, plan, shape, name, oldKey) };
  // The watchers of other processes reread after the schema event: a log of the new stores' keys would only mislead them.
  context.logAsCount = true;
  let last: StoredKey | undefined;
  let read = 0;
  const query = progress.cursor === undefined ? { limit: batchSize } : { after: progress.cursor, limit: batchSize };
  for (const entry of from.records(model).entries(query)) {
    const key = model.key.fromStored(entry.key);
    where.tree = tree;
    where.key = key;
    const written = context.written.length;
    plan.visit(tree, key, entry.value, target);
    // The new key of a re-keyed record: the first record of its tree the step wrote for it.
    const made = rekeyed || model.releaseStore ? context.written.slice(written).find((w) => w.tree === tree && w.kind !== 'delete') : undefined;
    if (rekeyed && made) rekeyed.put(model.key.parts(key), made.key);
    if (made && model.releaseStore) carryRelease(from, to, model, entry.key, made.key);
    last = entry.key;
    read++;
  }
  delete where.tree;
  delete where.key;
  const next: Progress =
    read < batchSize ? { ...progress, source: progress.source + 1, cursor: undefined, records: progress.records + read } : { ...progress, cursor: last, records: progress.records + read };
  from.meta.put(MIGRATION_KEY, next);
  return next;
}

function newKey(from: Engine, to: Engine, plan: MigrationPlan, shape: MigrationShape, tree: string, oldKey: unknown): KeyValue {
  const checked = from.model(tree).key.check(oldKey);
  if (!shape.rekeyed.has(tree)) return checked;
  const found = to.store(keyMapStore(plan.id, tree)).get(from.model(tree).key.parts(checked));
  if (found === undefined) {
    throw new Error(
      `${tree} ${JSON.stringify(checked)} has no new key: it does not exist, or its tree is migrated after this one (list '${tree}' earlier in each)`,
    );
  }
  return to.model(tree).key.fromStored(found as StoredKey);
}

/** The last transaction: carried trees take their new definitions, the old stores are emptied, the catalog switches. */
function finish(from: Engine, to: Engine, plan: MigrationPlan, shape: MigrationShape, progress: Progress, ms: number): Catalog {
  if ((from.meta.get(MIGRATION_KEY) as Progress | undefined)?.runner !== progress.runner) throw new TakenOver(`another process took migration '${plan.id}' over`);
  for (const tree of shape.carried) {
    const change = compareTree(from.catalog.trees[tree], to.catalog.trees[tree]!);
    if (change) applyChange(to, change);
  }
  // The old stores are emptied once the switch is committed (clearRetired): LMDB frees their pages
  // at once, where removing their entries one by one made this transaction the slowest of the migration.
  const retired = [...shape.rekeyed].map((tree) => keyMapStore(plan.id, tree));
  for (const tree of [...shape.rebuilt, ...shape.dropped]) {
    const old = from.models.get(tree);
    if (!old) continue;
    retired.push(...storesOf(old));
    from.meta.remove(autoKey(old.storage));
    from.meta.remove(shapeKey(old.storage));
  }
  to.meta.put(RETIRED_KEY, [...retiredStores(to.meta), ...retired]);
  const at = new Date().toISOString();
  const version = progress.version;
  const record: MigrationRecord = { id: plan.id, description: plan.description, outcome: 'applied', at, version, records: progress.records, ms };
  const catalog: Catalog = {
    ...to.catalog,
    format: CATALOG_FORMAT,
    formatVersion: CATALOG_FORMAT_VERSION,
    schemaVersion: version,
    history: [...(from.catalog.history ?? []), { version, after: progress.after, at, trees: mapValues(to.catalog.trees, definitionHash), migration: plan.id }],
    migrations: [...(from.catalog.migrations ?? []), record],
  };
  to.meta.put(CATALOG_KEY, catalog);
  to.meta.put(SCHEMA_VERSION_KEY, version);
  to.meta.remove(MIGRATION_KEY);
  return catalog;
}

/** Empties what an interrupted or failed migration wrote, and gives the database its schema version back. */
async function rollBack(engine: Engine, progress: Progress): Promise<void> {
  await engine.transaction(
    () => {
      for (const name of progress.stores) clearStore(engine, name);
      for (const storage of progress.storages) {
        engine.meta.remove(autoKey(storage));
        engine.meta.remove(shapeKey(storage));
      }
      engine.meta.remove(MIGRATION_KEY);
      engine.meta.put(SCHEMA_VERSION_KEY, engine.catalog.schemaVersion);
    },
    { migrating: true },
  );
}

/** A migration in progress as the meta store keeps it: running in some process now, or left by one that died. */
export interface MigrationInProgress {
  readonly id: string;
  readonly description?: string;
  /** The schema version it makes. */
  readonly version: number;
  /** Records read so far (`records` too, its older name), of `total` (0 in a record from before totals were kept). */
  readonly done: number;
  readonly records: number;
  readonly total: number;
  readonly startedAt: string;
}

/** The migration in progress in a database (running in another process, or left by one that died), if any. */
export function migrationInProgress(engine: Engine): MigrationInProgress | undefined {
  const progress = engine.meta.get(MIGRATION_KEY) as Progress | undefined;
  if (!progress) return undefined;
  const { id, description, version, records, startedAt } = progress;
  return { id, ...(description === undefined ? {} : { description }), version, done: records, records, total: Math.max(progress.total ?? 0, records), startedAt };
}

/**
 * The stores migrations own besides the catalog's: those a migration in progress writes, and the old
 * ones a finished migration left to empty (the integrity check counts them as known).
 */
export function storesOfMigrations(meta: Store): readonly string[] {
  return [...((meta.get(MIGRATION_KEY) as Progress | undefined)?.stores ?? []), ...retiredStores(meta)];
}

function retiredStores(meta: Store): readonly string[] {
  return (meta.get(RETIRED_KEY) as string[] | undefined) ?? [];
}

/**
 * Empties the stores finished migrations left behind (right after each, and on the next writable open
 * if the process stopped in between), then forgets them.
 */
export async function clearRetired(engine: Engine): Promise<void> {
  const names = retiredStores(engine.meta);
  if (names.length === 0) return;
  for (const name of names) await engine.store(name, name.startsWith('t/') ? 'records' : 'plain').clear();
  await engine.transaction(() => engine.meta.remove(RETIRED_KEY), { migrating: true });
}

/**
 * A released record stays released through a migration that rewrites it (the migration is the application's
 * own, deliberate change): its state goes with the record the step wrote for it, in a tree still versioned.
 */
function carryRelease(from: Engine, to: Engine, model: TreeModel, oldKey: StoredKey, newKey: KeyValue): void {
  const state = from.store(model.releaseStore!).get(oldKey);
  const target = to.models.get(model.name)?.releaseStore;
  if (state !== undefined && target) to.store(target).put(newKey, state);
}

function storesOf(model: TreeModel): string[] {
  const release = model.releaseStore ? [model.releaseStore] : [];
  return [model.storeName, ...model.indexes.map((i) => i.storeName), ...model.references.map((r) => r.storeName), ...release];
}

/** Old key → new key of a re-keyed tree, while its migration runs. */
const keyMapStore = (id: string, tree: string) => `m/${id}/${storageName(tree, 0)}`;

function mapValues<V, W>(record: Readonly<Record<string, V>>, map: (value: V) => W): Record<string, W> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, map(v)]));
}
