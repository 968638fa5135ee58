/**
 * What a migration is to the engine: the schema before and after, the trees
 * whose records the application's step is handed, and the trees it writes.
 * The typed face (../typed/migrations.ts) makes these from the application's
 * declarations; ./migrate.ts runs them.
 */
import { isDeepStrictEqual } from 'node:util';
import { InvalidSchemaError } from '../errors.js';
import type { KeyValue } from '../schema/key-brand.js';
import type { StoredTree } from '../schema/catalog.js';
import type { Engine } from './engine.js';
import type { WriteContext } from './write-context.js';

/** A schema as opening needs it: the assembled trees, and the key functions of custom-key trees. */
export interface Declared {
  readonly trees: readonly StoredTree[];
  readonly derivers: ReadonlyMap<string, (value: unknown) => unknown>;
  /** The functions of computed indexes, by `tree/index` (absent: none, as for a tool without the application's code). */
  readonly computers?: ReadonlyMap<string, (value: unknown) => unknown> | undefined;
  /** The migrations that lead to this schema, oldest first. */
  readonly migrations?: readonly MigrationPlan[] | undefined;
}

/** Where a step writes, for the batch it runs in. */
export interface MigrationTarget {
  /** The database as the migration's `to` schema sees it: the trees it rebuilds are in new stores. */
  readonly engine: Engine;
  /** The database as the migration's `from` schema sees it, for reading. */
  readonly source: Engine;
  readonly context: WriteContext;
  /** The key a record of a re-keyed tree was given by this migration (the old key itself for a tree not re-keyed). */
  newKey(tree: string, oldKey: unknown): KeyValue;
}

export interface MigrationPlan {
  readonly id: string;
  readonly description: string;
  readonly from: Declared;
  readonly to: Declared;
  /** Trees of `from` whose records are handed to `visit`, in this order. */
  readonly sources: readonly string[];
  /** Trees of `to` the step writes besides the sources it keeps by name and the new trees. */
  readonly rebuilds: readonly string[];
  /** Called for each record of each source tree, in key order, inside its batch's transaction. */
  visit(tree: string, key: KeyValue, value: unknown, target: MigrationTarget): void;
}

/** Migration ids name stores (`m/<id>/<tree>`) and appear in messages: short and plain. */
export const MIGRATION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** The trees a migration writes into new stores, and those it leaves, drops or re-keys. */
export interface MigrationShape {
  /** Trees of `to` written from scratch, in new stores. */
  readonly rebuilt: ReadonlySet<string>;
  /** Trees of `to` kept in their stores (their definition may add indexes or optional fields). */
  readonly carried: ReadonlySet<string>;
  /** Trees of `from` that `to` no longer has. */
  readonly dropped: ReadonlySet<string>;
  /** Rebuilt trees whose key changed: the records' new keys are kept, old → new, while the migration runs. */
  readonly rekeyed: ReadonlySet<string>;
}

export function migrationShape(plan: MigrationPlan): MigrationShape {
  const from = new Map(plan.from.trees.map((t) => [t.name, t]));
  const to = new Map(plan.to.trees.map((t) => [t.name, t]));
  const where = `migration '${plan.id}'`;
  for (const source of plan.sources) if (!from.has(source)) throw new InvalidSchemaError(`${where} reads tree '${source}', which its 'from' schema does not declare`);
  for (const tree of plan.rebuilds) if (!to.has(tree)) throw new InvalidSchemaError(`${where} rebuilds tree '${tree}', which its 'to' schema does not declare`);
  const rebuilt = new Set([...to.keys()].filter((name) => !from.has(name) || plan.sources.includes(name) || plan.rebuilds.includes(name)));
  const carried = new Set([...to.keys()].filter((name) => !rebuilt.has(name)));
  const dropped = new Set([...from.keys()].filter((name) => !to.has(name)));
  const rekeyed = new Set(
    [...rebuilt].filter((name) => {
      const before = from.get(name);
      const after = to.get(name)!;
      return before !== undefined && !(isDeepStrictEqual(before.key, after.key) && isDeepStrictEqual(before.keySchema, after.keySchema));
    }),
  );
  // A tree kept as it is would keep references to keys the migration gives up.
  for (const name of carried) {
    for (const ref of to.get(name)!.references) {
      if (rekeyed.has(ref.target)) {
        throw new InvalidSchemaError(`${where} re-keys tree '${ref.target}', and tree '${name}' refers to it (${ref.path}): migrate '${name}' too (each.${name}), mapping its references with step.newKey`);
      }
      if (dropped.has(ref.target) || (!to.has(ref.target) && from.has(ref.target))) {
        throw new InvalidSchemaError(`${where} drops tree '${ref.target}', which tree '${name}' refers to (${ref.path})`);
      }
    }
  }
  return { rebuilt, carried, dropped, rekeyed };
}
