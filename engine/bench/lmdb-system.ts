/**
 * Raw lmdb-js doing by hand what the engine does: records in one sub-database,
 * index entries `[group, id]` and reverse references `[owner, id]` in two more,
 * the owner checked by a lookup, all in one `transaction` per batch.
 */
import { open, type Database } from 'lmdb';
import { BATCH, IMPORT_BATCH, PAGE, type GroupChange, type System } from './system.js';
import { ndjsonItems } from './import-lines.js';
import type { Item } from './data.js';

const LAST = Number.MAX_SAFE_INTEGER;

export function openLmdb(dir: string): System {
  // The way a careful user opens it: msgpack values with shared structures, data in named sub-databases.
  const root = open({ path: dir });
  const records: Database<Item, number> = root.openDB('items', { sharedStructuresKey: Symbol.for('structures') });
  const owners: Database<{ name: string }, number> = root.openDB('owners', {});
  const byGroup: Database<null, [string, number]> = root.openDB('byGroup', {});
  const refs: Database<null, [number, number]> = root.openDB('refs', {});
  let lastId = 0;

  function insertOne(item: Item, id = ++lastId): number {
    if (!owners.doesExist(item.owner)) throw new Error(`owner ${item.owner} does not exist`);
    records.put(id, item);
    byGroup.put([item.group, id], null);
    refs.put([item.owner, id], null);
    return id;
  }

  return {
    name: 'raw lmdb',
    async load(ownerCount, data) {
      await root.transaction(() => {
        for (let i = 1; i <= ownerCount; i++) owners.put(i, { name: `owner-${i}` });
      });
      for (let from = 0; from < data.length; from += BATCH) {
        await root.transaction(() => {
          for (let i = from; i < Math.min(data.length, from + BATCH); i++) insertOne(data[i]!);
        });
      }
    },
    get: (id) => records.get(id)!.visits,
    scan() {
      const it = records.getRange()[Symbol.iterator]();
      return () => {
        const next = it.next();
        return next.done ? undefined : next.value.value;
      };
    },
    page(start) {
      let sum = 0;
      for (const { value } of records.getRange({ start, limit: PAGE })) sum += value.visits;
      return sum;
    },
    byGroup(group) {
      let sum = 0;
      for (const [, id] of byGroup.getKeys({ start: [group, 0], end: [group, LAST], limit: PAGE })) sum += records.get(id)!.visits;
      return sum;
    },
    referrers(owner) {
      let sum = 0;
      for (const [, id] of refs.getKeys({ start: [owner, 0], end: [owner, LAST], limit: PAGE })) sum += id;
      return sum;
    },
    insert: (batch) =>
      root.transaction(() => {
        const ids: number[] = [];
        for (let i = 0; i < batch.length; i++) ids.push(insertOne(batch[i]!));
        return ids;
      }),
    async update(batch: readonly GroupChange[]) {
      await root.transaction(() => {
        for (const { id, group } of batch) {
          const old = records.get(id)!;
          records.put(id, { ...old, group });
          byGroup.remove([old.group, id]);
          byGroup.put([group, id], null);
        }
      });
    },
    async writeOne(item) {
      // Another process may write too: the next id comes from the database, inside the transaction.
      await root.transaction(() => {
        const [last] = records.getKeys({ reverse: true, limit: 1 });
        insertOne(item, (last ?? 0) + 1);
      });
    },
    async importLines(chunks) {
      let batch: Item[] = [];
      let written = 0;
      const flush = async () => {
        const current = batch;
        batch = [];
        await root.transaction(() => {
          for (const item of current) insertOne(item);
        });
        written += current.length;
      };
      for (const item of ndjsonItems(chunks)) {
        batch.push(item);
        if (batch.length >= IMPORT_BATCH) await flush();
      }
      if (batch.length > 0) await flush();
      return written;
    },
    async remove(ids) {
      await root.transaction(() => {
        for (const id of ids) {
          const old = records.get(id)!;
          records.remove(id);
          byGroup.remove([old.group, id]);
          refs.remove([old.owner, id]);
        }
      });
    },
    count: () => (records.getStats() as { entryCount: number }).entryCount - 1, // less the shared-structures record
    close: () => root.close(),
  };
}
