/**
 * better-sqlite3 with the same fields and the same index: a table per tree,
 * the reference as a FOREIGN KEY (enforced) with an index on the referencing
 * column for back-references, prepared statements, one transaction per batch,
 * rows mapped to the same objects the other systems return.
 *
 * Durability matches LMDB's default (every commit synced): WAL with
 * synchronous=FULL. (WAL with NORMAL may lose the last commits on power loss,
 * which LMDB's default does not.) The page cache and mmap are raised so that
 * SQLite, like LMDB, reads from memory once warm.
 */
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { BATCH, IMPORT_BATCH, PAGE, type GroupChange, type System } from './system.js';
import { ndjsonItems } from './import-lines.js';
import type { Item } from './data.js';

interface Row {
  id: number;
  name: string;
  group: string;
  score: number;
  visits: number;
  active: number;
  owner: number;
}

const COLUMNS = 'id, name, "group", score, visits, active, owner';

/** The same object the other systems decode; `active` is stored as 0/1. */
function toItem(row: Row): Item {
  return { name: row.name, group: row.group, score: row.score, visits: row.visits, active: row.active === 1, owner: row.owner };
}

export function openSqlite(dir: string): System {
  const db = new Sqlite(join(dir, 'bench.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000'); // another process writing: wait for its lock, as LMDB's writers do
  db.pragma('cache_size = -262144'); // 256 MiB
  db.pragma('mmap_size = 4294967296');
  db.exec(`
    CREATE TABLE IF NOT EXISTS owners (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS items (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      "group" TEXT NOT NULL,
      score REAL NOT NULL,
      visits INTEGER NOT NULL,
      active INTEGER NOT NULL,
      owner INTEGER NOT NULL REFERENCES owners(id)
    );
    CREATE INDEX IF NOT EXISTS items_group ON items("group");
    CREATE INDEX IF NOT EXISTS items_owner ON items(owner);
  `);
  const insertOwner = db.prepare<[number, string]>('INSERT INTO owners (id, name) VALUES (?, ?)');
  const insertItem = db.prepare<[string, string, number, number, number, number]>(
    'INSERT INTO items (name, "group", score, visits, active, owner) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const getItem = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM items WHERE id = ?`);
  const scanItems = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM items ORDER BY id`);
  const pageItems = db.prepare<[number, number], Row>(`SELECT ${COLUMNS} FROM items WHERE id >= ? ORDER BY id LIMIT ?`);
  const groupItems = db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM items WHERE "group" = ? ORDER BY id LIMIT ?`);
  const ownerItems = db.prepare<[number, number], number>('SELECT id FROM items WHERE owner = ? ORDER BY id LIMIT ?').pluck();
  const setGroup = db.prepare<[string, number]>('UPDATE items SET "group" = ? WHERE id = ?');
  const deleteItem = db.prepare<[number]>('DELETE FROM items WHERE id = ?');
  const countItems = db.prepare<[], number>('SELECT count(*) FROM items').pluck();

  function insertOne(item: Item): number {
    const { lastInsertRowid } = insertItem.run(item.name, item.group, item.score, item.visits, item.active ? 1 : 0, item.owner);
    return Number(lastInsertRowid);
  }
  const insertBatch = db.transaction((batch: readonly Item[]) => {
    const ids: number[] = [];
    for (let i = 0; i < batch.length; i++) ids.push(insertOne(batch[i]!));
    return ids;
  });
  const updateBatch = db.transaction((batch: readonly GroupChange[]) => {
    for (const { id, group } of batch) setGroup.run(group, id);
  });
  const removeBatch = db.transaction((ids: readonly number[]) => {
    for (const id of ids) deleteItem.run(id);
  });

  return {
    name: 'better-sqlite3',
    load(ownerCount, data) {
      db.transaction(() => {
        for (let i = 1; i <= ownerCount; i++) insertOwner.run(i, `owner-${i}`);
      })();
      for (let from = 0; from < data.length; from += BATCH) insertBatch(data.slice(from, from + BATCH));
      return Promise.resolve();
    },
    get: (id) => toItem(getItem.get(id)!).visits,
    scan() {
      const it = scanItems.iterate();
      return () => {
        const next = it.next();
        return next.done ? undefined : toItem(next.value);
      };
    },
    page(start) {
      let sum = 0;
      for (const row of pageItems.all(start, PAGE)) sum += toItem(row).visits;
      return sum;
    },
    byGroup(group) {
      let sum = 0;
      for (const row of groupItems.all(group, PAGE)) sum += toItem(row).visits;
      return sum;
    },
    referrers(owner) {
      let sum = 0;
      for (const id of ownerItems.all(owner, PAGE)) sum += id;
      return sum;
    },
    insert: (batch) => Promise.resolve(insertBatch(batch)),
    update(batch) {
      updateBatch(batch);
      return Promise.resolve();
    },
    writeOne(item) {
      insertBatch([item]);
      return Promise.resolve();
    },
    importLines(chunks) {
      let batch: Item[] = [];
      let written = 0;
      for (const item of ndjsonItems(chunks)) {
        batch.push(item);
        if (batch.length < IMPORT_BATCH) continue;
        insertBatch(batch);
        written += batch.length;
        batch = [];
      }
      if (batch.length > 0) insertBatch(batch);
      return Promise.resolve(written + batch.length);
    },
    remove(ids) {
      removeBatch(ids);
      return Promise.resolve();
    },
    count: () => countItems.get()!,
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}
