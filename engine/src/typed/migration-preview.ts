/**
 * What opening a database with a schema would migrate, without writing: the
 * migrations it ran, those still to run (with the trees each reads, writes,
 * keeps, drops and re-keys, and how many records the database holds in the
 * trees it reads), and one left in progress by a process that died.
 * `npm run migrate -- PATH --dry-run` prints it.
 */
import { openEngine } from '../core/open.js';
import { migrationInProgress, type MigrationInProgress } from '../core/migrate.js';
import { migrationShape } from '../core/migration-plan.js';
import { pendingMigrations } from '../core/pending-migrations.js';
import { assembleTrees } from '../schema/assemble.js';
import type { MigrationRecord } from '../schema/catalog.js';
import { migrationPlans } from './migrations.js';
import type { Schema } from './database.js';

export interface PendingMigration {
  readonly id: string;
  readonly description: string;
  /** Trees whose records the step reads, with how many the database holds now (undefined: made by an earlier step). */
  readonly reads: Readonly<Record<string, number | undefined>>;
  readonly rebuilds: readonly string[];
  readonly keeps: readonly string[];
  readonly drops: readonly string[];
  readonly rekeys: readonly string[];
}

export interface MigrationPreview {
  readonly schemaVersion: number;
  readonly ran: readonly MigrationRecord[];
  readonly pending: readonly PendingMigration[];
  /** A migration a process left unfinished: opening with the code that declares it resumes it. */
  readonly inProgress?: MigrationInProgress | undefined;
}

/** Throws MigrationMissingError / InvalidSchemaError as opening would; NotADatabaseError for what is not a database. */
export async function previewMigrations(path: string, declared: Schema): Promise<MigrationPreview> {
  const trees = assembleTrees(declared.trees);
  const derivers = new Map<string, (value: unknown) => unknown>();
  const plans = migrationPlans(declared.migrations ?? [], { trees, derivers });
  const engine = await openEngine(path, undefined, { readOnly: true });
  try {
    const catalog = engine.catalog;
    const pending = pendingMigrations(catalog, plans, path).map((plan): PendingMigration => {
      const shape = migrationShape(plan);
      const count = (tree: string) => (engine.models.has(tree) ? engine.records(engine.model(tree)).count() : undefined);
      return {
        id: plan.id,
        description: plan.description,
        reads: Object.fromEntries(plan.sources.map((tree) => [tree, count(tree)])),
        rebuilds: [...shape.rebuilt],
        keeps: [...shape.carried],
        drops: [...shape.dropped],
        rekeys: [...shape.rekeyed],
      };
    });
    return { schemaVersion: catalog.schemaVersion, ran: catalog.migrations ?? [], pending, inProgress: migrationInProgress(engine) };
  } finally {
    await engine.close();
  }
}
