/**
 * Migrations as the application declares them: a step from one schema to the
 * next, whose function sees each old record typed by the old declaration and
 * writes typed by the new one. The engine runs them in batches
 * (../core/migrate.ts); this module turns the declaration into its plan.
 */
import { InvalidSchemaError } from '../errors.js';
import { assembleTrees } from '../schema/assemble.js';
import { definitionHash } from '../schema/compatibility.js';
import { migrationShape, type Declared, type MigrationPlan, type MigrationTarget } from '../core/migration-plan.js';
import type { Key } from '../schema/key-brand.js';
import type { KeyOf, TreeDeclaration, ValueOf } from '../schema/tree.js';
import { TransactionTree } from './tree-handle.js';
import { TreeReader } from './tree-reader.js';

/** The part of a schema a migration needs (a `Schema` of ./database.ts). */
export interface SchemaTrees {
  readonly trees: readonly TreeDeclaration[];
}

type Named<S extends SchemaTrees, N> = Extract<S['trees'][number], { readonly name: N }>;
type Names<S extends SchemaTrees> = S['trees'][number]['name'];

/** Every tree of a schema, to read. */
export type ReadTrees<S extends SchemaTrees> = { readonly [D in S['trees'][number] as D['name']]: TreeReader<D> };
/** Every tree of a schema, to write (a migration writes only the trees it rebuilds). */
export type WriteTrees<S extends SchemaTrees> = { readonly [D in S['trees'][number] as D['name']]: TransactionTree<D> };

/** What a migration's function is given with each old record. */
export interface MigrationStep<From extends SchemaTrees, To extends SchemaTrees, D extends TreeDeclaration> {
  /** The record's key in the old tree. */
  readonly key: KeyOf<D>;
  /** The database as it was, to read other records (by the old declarations). */
  readonly from: ReadTrees<From>;
  /**
   * The trees the migration writes: new trees, the trees it reads records of and keeps by name, and those
   * listed in `rebuild`, all starting empty. Writing another tree is refused.
   */
  readonly to: WriteTrees<To>;
  /**
   * The key this migration gave a record of a re-keyed tree (one whose key strategy changed), to rewrite a
   * reference to it; the key itself for a tree that keeps its keys. The referenced tree must be migrated first.
   */
  newKey<N extends Names<From> & Names<To>>(tree: N, oldKey: Key<N>): KeyOf<Named<To, N>>;
}

export interface MigrationDeclaration<From extends SchemaTrees = SchemaTrees, To extends SchemaTrees = SchemaTrees> {
  /** Recorded in the database once run; never reused, never changed. Letters, digits, '_', '.', '-'. */
  readonly id: string;
  /** A sentence for people: shown in the migration history and by `npm run migrate --dry-run`. */
  readonly description: string;
  /** The schema before this step (kept in the application's code, as it was declared then). */
  readonly from: From;
  /** The schema after it: the next step's `from`, or the application's current schema. */
  readonly to: To;
  /**
   * For each old tree to migrate record by record: its function, called once per record in key order.
   * Trees are migrated in the order listed here: list a tree before those that refer to it.
   */
  readonly each?: NoInfer<{ readonly [D in From['trees'][number] as D['name']]?: (value: ValueOf<D>, step: MigrationStep<From, To, D>) => void }> | undefined;
  /** Trees of `to` the functions write besides those of `each` and the new trees (e.g. the tree two old ones merge into). */
  readonly rebuild?: NoInfer<readonly Names<To>[]> | undefined;
}

/** Declares a migration (see Migrations in the README); checked when a database is opened with it. */
export function migration<From extends SchemaTrees, To extends SchemaTrees>(declaration: MigrationDeclaration<From, To>): MigrationDeclaration<From, To> {
  return declaration;
}

/** A migration between any schemas, as a schema lists them (its functions' parameters are each its own). */
export interface AnyMigration {
  readonly id: string;
  readonly description: string;
  readonly from: SchemaTrees;
  readonly to: SchemaTrees;
  readonly each?: object | undefined;
  readonly rebuild?: readonly string[] | undefined;
}

/** The engine's plans for the declared steps, each checked to lead to the next and the last to `current`. */
export function migrationPlans(migrations: readonly AnyMigration[], current: Declared): MigrationPlan[] {
  const plans = migrations.map(plan);
  plans.forEach((p, i) => {
    const next = plans[i + 1]?.from ?? current;
    const to = hashes(p.to);
    const differing = [...new Set([...to.keys(), ...hashes(next).keys()])].filter((name) => to.get(name) !== hashes(next).get(name));
    if (differing.length > 0) {
      const what = plans[i + 1] ? `migration '${plans[i + 1]!.id}' starts from` : 'the schema declares';
      throw new InvalidSchemaError(`migration '${p.id}' leads to a schema other than ${what} (trees ${differing.map((d) => `'${d}'`).join(', ')} differ)`);
    }
  });
  return plans;
}

function hashes(declared: Declared): Map<string, string> {
  return new Map(declared.trees.map((t) => [t.name, definitionHash(t)]));
}

function declaredOf(schema: SchemaTrees): Declared {
  const derivers = new Map(schema.trees.flatMap((t) => (t.key.kind === 'custom' ? [[t.name, t.key.derive as (v: unknown) => unknown] as const] : [])));
  return { trees: assembleTrees(schema.trees), derivers, computers: computersOf(schema.trees) };
}

/** The functions of the computed indexes of these trees, by `tree/index`. */
export function computersOf(trees: readonly TreeDeclaration[]): Map<string, (value: unknown) => unknown> {
  const found = new Map<string, (value: unknown) => unknown>();
  for (const t of trees) {
    for (const [name, index] of Object.entries(t.indexes)) if ('compute' in index) found.set(`${t.name}/${name}`, index.compute as (value: unknown) => unknown);
  }
  return found;
}

type StepFunction = (value: unknown, step: unknown) => void;

function plan(declaration: AnyMigration): MigrationPlan {
  const each = (declaration.each ?? {}) as Record<string, StepFunction | undefined>;
  const made: MigrationPlan = {
    id: declaration.id,
    description: declaration.description,
    from: declaredOf(declaration.from),
    to: declaredOf(declaration.to),
    sources: Object.keys(each).filter((name) => each[name] !== undefined),
    rebuilds: [...(declaration.rebuild ?? [])],
    visit(tree, key, value, target) {
      const step = stepOf(target);
      each[tree]!(value, { ...step, key, newKey: target.newKey });
    },
  };
  // One set of tree handles per batch (the batch's write context), not per record.
  const steps = new WeakMap<MigrationTarget['context'], { from: object; to: object }>();
  let rebuilt: ReadonlySet<string> | undefined;
  const stepOf = (target: MigrationTarget) => {
    let step = steps.get(target.context);
    if (!step) {
      rebuilt ??= migrationShape(made).rebuilt;
      step = { from: readers(declaration.from, target), to: writers(declaration.to, target, rebuilt, made.id) };
      steps.set(target.context, step);
    }
    return step;
  };
  return made;
}

function readers(schema: SchemaTrees, target: MigrationTarget): object {
  return Object.fromEntries(schema.trees.map((t) => [t.name, new TreeReader(target.source, target.source.model(t.name))]));
}

function writers(schema: SchemaTrees, target: MigrationTarget, rebuilt: ReadonlySet<string>, id: string): object {
  const trees: Record<string, unknown> = {};
  for (const t of schema.trees) {
    if (rebuilt.has(t.name)) {
      trees[t.name] = new TransactionTree(target.engine, target.engine.model(t.name), target.context);
    } else {
      Object.defineProperty(trees, t.name, {
        enumerable: true,
        get: () => {
          throw new InvalidSchemaError(`migration '${id}' does not rebuild tree '${t.name}' (it is kept as it is): list it in \`rebuild\` to write it`);
        },
      });
    }
  }
  return trees;
}
