/**
 * The typed face: declare trees once, open a database with them, and get a
 * handle per tree whose values and keys are typed from the declaration.
 */
import { openEngine, type OpenOptions } from '../core/open.js';
import { assembleTrees } from '../schema/assemble.js';
import { InvalidSchemaError } from '../errors.js';
import { watchChanges, type WatchOptions } from '../core/watch.js';
import { OpaqueDatabase, type IntegrityCheck } from '../opaque/opaque-database.js';
import type { Engine } from '../core/engine.js';
import type { ChangeListener } from '../core/changes.js';
import type { Catalog } from '../schema/catalog.js';
import type { TreeDeclaration } from '../schema/tree.js';
import { TransactionTree, TreeHandle } from './tree-handle.js';
import { computersOf, migrationPlans, type AnyMigration } from './migrations.js';
import { perform, type PerformRequest, type PerformResult } from '../opaque/perform.js';

export interface Schema<T extends readonly TreeDeclaration[] = readonly TreeDeclaration[]> {
  readonly trees: T;
  /** The migrations that lead from earlier schemas to this one, oldest first (see `withMigrations`). */
  readonly migrations?: readonly AnyMigration[];
}

export interface DeclaredSchema<T extends readonly TreeDeclaration[]> extends Schema<T> {
  /**
   * This schema, reached from earlier ones by these migrations, oldest first: the last one's `to` is this
   * schema, each one's `to` the next one's `from`. Opening runs those the database has not run yet.
   */
  withMigrations(...migrations: readonly AnyMigration[]): Schema<T>;
}

/** Gathers tree declarations into one schema; checked (names, references, indexes) when opened. */
export function schema<const T extends readonly TreeDeclaration[]>(...trees: T): DeclaredSchema<T> {
  return { trees, withMigrations: (...migrations) => ({ trees, migrations }) };
}

type ByName<T extends readonly TreeDeclaration[], H extends 'handle' | 'tx'> = {
  readonly [D in T[number] as D['name']]: H extends 'handle' ? TreeHandle<D, T[number]> : TransactionTree<D, T[number]>;
};

export type TransactionTrees<S extends Schema> = ByName<S['trees'], 'tx'>;

export type Database<S extends Schema> = ByName<S['trees'], 'handle'> & DatabaseCore<S>;

export interface DatabaseCore<S extends Schema> {
  readonly path: string;
  readonly catalog: Catalog;
  /** The same database seen without the application's types, as generic tools see it. */
  readonly opaque: OpaqueDatabase;
  /** Runs `body` atomically; it must be synchronous. If it throws, nothing is written. */
  transaction<R>(body: (trees: TransactionTrees<S>) => R): Promise<R>;
  /**
   * Requests run in order in one transaction, values native (opaque/perform.ts): one result each, or
   * nothing written and a RequestFailedError naming the failed request. In-process code can also write
   * a `transaction`; a batch is the form that travels (a tool, a server) as one round trip.
   */
  perform(requests: readonly PerformRequest<S['trees'][number]['name']>[]): Promise<PerformResult[]>;
  /** Changes committed by this process, delivered after each commit. */
  onChange(listener: ChangeListener): () => void;
  /** Changes committed by other processes too, found by polling the change log. */
  watch(listener: ChangeListener, options?: WatchOptions): () => void;
  /** The last committed revision. */
  revision(): number;
  close(): Promise<void>;
}

const RESERVED = new Set(['path', 'catalog', 'opaque', 'transaction', 'perform', 'onChange', 'watch', 'revision', 'close', 'then']);

/**
 * Opens `path` with the declared trees; `integrityCheck` is what `db.opaque.verify()` runs (given by ../open-database.ts).
 * `withEngine` sees the engine before any handle exists (a replica hooks its outbox into the write path there).
 */
export async function openTyped<S extends Schema>(path: string, declared: S, options: OpenOptions, integrityCheck: IntegrityCheck, withEngine?: (engine: Engine) => void): Promise<Database<S>> {
  for (const t of declared.trees) {
    if (RESERVED.has(t.name)) throw new InvalidSchemaError(`tree name '${t.name}' is reserved by the database API`);
  }
  const trees = assembleTrees(declared.trees);
  const derivers = new Map(
    declared.trees.flatMap((t) => (t.key.kind === 'custom' ? [[t.name, t.key.derive as (v: unknown) => unknown] as const] : [])),
  );
  const computers = computersOf(declared.trees);
  const migrations = declared.migrations?.length ? migrationPlans(declared.migrations, { trees, derivers, computers }) : undefined;
  const engine = await openEngine(path, { trees, derivers, computers, migrations }, options);
  withEngine?.(engine);
  return makeDatabase(engine, declared, integrityCheck);
}

function makeDatabase<S extends Schema>(engine: Engine, declared: S, integrityCheck: IntegrityCheck): Database<S> {
  const core: DatabaseCore<S> = {
    path: engine.path,
    get catalog() {
      return engine.catalog;
    },
    opaque: new OpaqueDatabase(engine, integrityCheck),
    transaction: (body) =>
      engine.transaction((context) => {
        const trees = Object.fromEntries(declared.trees.map((t) => [t.name, new TransactionTree(engine, engine.model(t.name), context)]));
        return body(trees as unknown as TransactionTrees<S>);
      }),
    perform: (requests) => perform(engine, requests, 'native'),
    onChange: (listener) => engine.onChange(listener),
    watch: (listener, options) => watchChanges(engine, listener, options),
    revision: () => engine.revision(),
    close: () => engine.close(),
  };
  const handles: Record<string, unknown> = {};
  for (const t of declared.trees) handles[t.name] = new TreeHandle(engine, engine.model(t.name));
  // Copy the core's properties with their getters (Object.assign would freeze `catalog`).
  return Object.defineProperties(handles, Object.getOwnPropertyDescriptors(core)) as unknown as Database<S>;
}
