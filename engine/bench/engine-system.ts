/** The Trellis engine through its typed face, the way an application uses it. */
import { join } from 'node:path';
import { open, type Database, type KeyOf, type ValueOf } from '@trellis/engine';
import { BATCH, IMPORT_BATCH, PAGE, type GroupChange, type System } from './system.js';
import { benchSchema, type Item, type items, type owners } from './data.js';

type ItemKey = KeyOf<typeof items>;
type OwnerKey = KeyOf<typeof owners>;
type ItemValue = ValueOf<typeof items>;

// Keys are branded numbers: the brand is a compile-time tag only, so plain numbers are the same keys at run time.
const itemKey = (id: number) => id as ItemKey;
const ownerKey = (id: number) => id as OwnerKey;
const asValue = (item: Item) => item as unknown as ItemValue;

export async function openEngine(dir: string): Promise<System> {
  const db: Database<typeof benchSchema> = await open(join(dir, 'db'), benchSchema);
  const byGroup = db.items.index('byGroup');
  return {
    name: 'trellis',
    async load(ownerCount, data) {
      await db.transaction((tx) => {
        for (let i = 1; i <= ownerCount; i++) tx.owners.insert({ name: `owner-${i}` });
      });
      for (let from = 0; from < data.length; from += BATCH) {
        await db.transaction((tx) => {
          for (let i = from; i < Math.min(data.length, from + BATCH); i++) tx.items.insert(asValue(data[i]!));
        });
      }
    },
    get: (id) => db.items.get(itemKey(id))!.visits,
    scan() {
      const it = db.items.range()[Symbol.iterator]();
      return () => {
        const next = it.next();
        return next.done ? undefined : (next.value.value as unknown as Item);
      };
    },
    page(start) {
      let sum = 0;
      for (const entry of db.items.page({ start: itemKey(start), limit: PAGE }).entries) sum += entry.value.visits;
      return sum;
    },
    byGroup(group) {
      let sum = 0;
      for (const entry of byGroup.records({ equals: group, limit: PAGE })) sum += entry.value.visits;
      return sum;
    },
    referrers(owner) {
      let sum = 0;
      for (const holder of db.owners.referencedBy(ownerKey(owner), { limit: PAGE })) sum += holder.key as number;
      return sum;
    },
    insert: (batch) =>
      db.transaction((tx) => {
        const keys: number[] = [];
        for (let i = 0; i < batch.length; i++) keys.push(tx.items.insert(asValue(batch[i]!)));
        return keys;
      }),
    async update(batch: readonly GroupChange[]) {
      await db.transaction((tx) => {
        for (let i = 0; i < batch.length; i++) tx.items.update(itemKey(batch[i]!.id), { group: batch[i]!.group });
      });
    },
    async writeOne(item) {
      await db.items.insert(asValue(item));
    },
    async importLines(chunks) {
      const result = await db.opaque.import(() => chunks, { batchSize: IMPORT_BATCH });
      if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems[0])}`);
      return result.records;
    },
    async remove(ids) {
      await db.transaction((tx) => {
        for (const id of ids) tx.items.delete(itemKey(id));
      });
    },
    count: () => db.items.count(),
    close: () => db.close(),
  };
}
