/**
 * A migration of every item (1M at the full size): `name` renamed `label` and
 * `score` (a number) turned into whole `cents`, the group index and the
 * references to owners kept. The engine runs it as an application would,
 * opening a copy of its v1 database with the v2 schema and its migration;
 * raw lmdb-js does the same by hand: the converted records, their index and
 * reverse-reference entries written to new sub-databases in transactions of
 * the engine's batch size (owner checked), then the old ones emptied.
 * One step is the whole migration of one fresh copy.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open as openLmdbRoot, type Database } from 'lmdb';
import { autoIncrement, migration, open, schema, t, tree } from '@trellis/engine';
import { benchSchema, owners, type Item } from './data.js';
import type { Run, Side, Workload } from './harness.js';
import { tempDir } from './workloads.js';

/** Records per migration transaction, the engine's default. */
const MIGRATION_BATCH = 5_000;

const itemsV2 = tree('items', {
  key: autoIncrement(),
  value: t.object({ label: t.string(), group: t.string(), cents: t.integer(), visits: t.integer(), active: t.boolean(), owner: t.ref(owners) }),
  indexes: { byGroup: { on: 'group' } },
});
const v2 = schema(owners, itemsV2);
const toV2 = migration({
  id: 'items-label-cents',
  description: 'items: name → label, score → cents',
  from: benchSchema,
  to: v2,
  each: {
    items: (item, step) => {
      const { name, score, ...rest } = item;
      step.to.items.put(step.key, { ...rest, label: name, cents: Math.round(score * 100) });
    },
  },
});
const app = v2.withMigrations(toV2);

/** Where the loaded v1 databases are: their data files are copied before each round (untimed). */
export interface MigrationSources {
  readonly engine: string;
  readonly lmdb: string;
}

export function migrationWorkload(sources: MigrationSources, count: number, rounds: number): Workload {
  const copy = (file: string, label: string) => {
    const dir = tempDir(label);
    copyFileSync(file, join(dir, 'data.mdb'));
    return dir;
  };
  const sides: Side[] = [
    {
      name: 'trellis',
      start(): Run {
        const dir = copy(join(sources.engine, 'db', 'data.mdb'), 'migrate-engine');
        return once(async () => {
          const db = await open(dir, app);
          const migrated = db.items.count();
          await db.close();
          return migrated;
        }, count);
      },
    },
    {
      name: 'raw lmdb',
      start(): Run {
        const dir = copy(join(sources.lmdb, 'data.mdb'), 'migrate-lmdb');
        return once(() => migrateByHand(dir), count);
      },
    },
  ];
  return { name: `migration: rename + type change (${count.toLocaleString('en-US')} records)`, unit: 'records', sides, step: count, warmupRounds: 0, rounds, aims: [] };
}

/** A run whose one step is `work`, which must answer `expected` records. */
function once(work: () => Promise<number>, expected: number): Run {
  let done = false;
  return {
    async step() {
      if (done) return 0;
      done = true;
      const migrated = await work();
      if (migrated !== expected) throw new Error(`migrated ${migrated} of ${expected}`);
      return migrated;
    },
  };
}

interface ItemV2 {
  label: string;
  group: string;
  cents: number;
  visits: number;
  active: boolean;
  owner: number;
}

/** What a careful user writes with lmdb-js alone: new sub-databases filled in batches, then the old ones emptied. */
async function migrateByHand(dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const root = openLmdbRoot({ path: dir });
  const records: Database<Item, number> = root.openDB('items', { sharedStructuresKey: Symbol.for('structures') });
  const ownerStore: Database<{ name: string }, number> = root.openDB('owners', {});
  const byGroup: Database<null, [string, number]> = root.openDB('byGroup', {});
  const refs: Database<null, [number, number]> = root.openDB('refs', {});
  const records2: Database<ItemV2, number> = root.openDB('items2', { sharedStructuresKey: Symbol.for('structures2') });
  const byGroup2: Database<null, [string, number]> = root.openDB('byGroup2', {});
  const refs2: Database<null, [number, number]> = root.openDB('refs2', {});
  let after: number | undefined;
  let migrated = 0;
  for (;;) {
    const read = await root.transaction(() => {
      let n = 0;
      for (const { key, value } of records.getRange(after === undefined ? { limit: MIGRATION_BATCH } : { start: after, limit: MIGRATION_BATCH + 1 })) {
        if (key === after) continue;
        if (!ownerStore.doesExist(value.owner)) throw new Error(`owner ${value.owner} does not exist`);
        const { name, score, ...rest } = value;
        records2.put(key, { ...rest, label: name, cents: Math.round(score * 100) });
        byGroup2.put([value.group, key], null);
        refs2.put([value.owner, key], null);
        after = key;
        n++;
      }
      return n;
    });
    migrated += read;
    if (read < MIGRATION_BATCH) break;
  }
  await Promise.all([records.clearAsync(), byGroup.clearAsync(), refs.clearAsync()]);
  const count = (records2.getStats() as { entryCount: number }).entryCount - 1; // less the shared-structures record
  await root.close();
  if (count !== migrated) throw new Error(`raw lmdb holds ${count} migrated records, read ${migrated}`);
  return migrated;
}
