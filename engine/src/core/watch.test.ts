/**
 * Watching for changes made by another process. A child Node process (the
 * fixture ./fixtures/watch-writer.ts, run with tsx) opens the same LMDB
 * database and writes; the parent's watcher must report those writes as
 * `local: false`, its own writes once each as `local: true`, and a `resync`
 * when the other process wrote more than the change log keeps. The log itself
 * stays bounded.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoIncrement, composite, open, schema, t, tree, type ChangeEvent, type ChangeListener, type ResyncEvent } from '@trellis/engine';
import { CHANGE_LOG_MAX_LISTED, CHANGE_LOG_RETAIN, CHANGE_LOG_TRIM_EVERY, readLoggedTransaction, type ReadTransaction } from './changes.js';
import type { Engine } from './engine.js';
import { openEngine } from './open.js';

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, 'fixtures', 'watch-writer.ts');
/** The repository root, where `tsx` is installed (node resolves `--import tsx` from the working directory). */
const root = resolve(here, '../../..');

const items = tree('items', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), n: t.integer() }),
  indexes: { byName: { on: 'name' } },
});
const tags = tree('tags', {
  key: composite('item', 'label'),
  value: t.object({ item: t.ref(items, { onDelete: 'cascade' }), label: t.string() }),
});
const appSchema = schema(items, tags);

interface WriterResult {
  readonly keys: unknown[];
  readonly revision: number;
}

/** Runs the writer in a child process (asynchronously: this process keeps polling meanwhile). */
function writeFromChild(path: string, ...args: string[]): Promise<WriterResult> {
  return new Promise((done, fail) => {
    execFile(process.execPath, ['--import', 'tsx', writer, path, ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`writer failed: ${error.message}\n${stderr}`));
      else done(JSON.parse(stdout) as WriterResult);
    });
  });
}

/** Runs the writer while this process is blocked: its watcher cannot poll until the child has finished. */
function writeFromChildWhileBlocked(path: string, ...args: string[]): WriterResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', writer, path, ...args], { cwd: root, timeout: 120_000, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`writer failed (${child.status ?? child.signal}): ${child.stderr}`);
  return JSON.parse(child.stdout) as WriterResult;
}

/** Waits, polling, until `check` holds; fails after `timeoutMs`. */
async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 10));
  }
}

/** Collects what a listener receives: every batch, and the change events flattened. */
function recorder() {
  const batches: Parameters<ChangeListener>[0][] = [];
  const listener: ChangeListener = (received) => batches.push(received);
  const events = () => batches.flatMap((b) => ('kind' in b ? [] : b));
  const resyncs = () => batches.filter((b): b is ResyncEvent => 'kind' in b && b.kind === 'resync');
  return { listener, batches, events, resyncs };
}

/** The change log's entries, read back (one per transaction); fails on one that does not read. */
function loggedTransactions(engine: Engine): ReadTransaction[] {
  return [...engine.changeLog.entries({})].map((entry) => {
    const logged = readLoggedTransaction(entry.key, entry.value);
    if (!logged) throw new Error(`unreadable change log entry ${JSON.stringify(entry.key)}`);
    return logged;
  });
}

/** Asserts the entries follow one another with no hole, and returns the revisions they cover. */
function coveredRevisions(logged: readonly ReadTransaction[]): { first: number; last: number } {
  for (let i = 1; i < logged.length; i++) expect(logged[i]!.first).toBe(logged[i - 1]!.last + 1);
  return { first: logged[0]!.first, last: logged.at(-1)!.last };
}

const remote = (events: readonly ChangeEvent[]) => events.filter((e) => !e.local);
const local = (events: readonly ChangeEvent[]) => events.filter((e) => e.local);
const brief = (e: ChangeEvent) => ({ tree: e.tree, key: e.key, kind: e.kind, local: e.local });

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-watch-'));
  path = join(dir, 'db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('watching another process', () => {
  it('reports its writes as local: false, and this process’s own writes once, as local: true', async () => {
    const db = await open(path, appSchema);
    const mine = await db.items.insert({ name: 'mine', n: 0 });
    const seen = recorder();
    const stop = db.watch(seen.listener, { intervalMs: 50 });

    // A write of this process, before the other process writes.
    const before = await db.items.insert({ name: 'mine too', n: 1 });
    expect(seen.events().map(brief)).toEqual([{ tree: 'items', key: before, kind: 'insert', local: true }]);

    const result = await writeFromChild(
      path,
      'ops',
      JSON.stringify([
        { op: 'insert', tree: 'items', value: { name: 'theirs', n: 2 } },
        { op: 'insert', tree: 'tags', value: { item: mine, label: 'red' } },
        { op: 'update', tree: 'items', key: mine, value: { n: 10 } },
        { op: 'put', tree: 'items', key: 50, value: { name: 'fifty', n: 50 } },
        { op: 'delete', tree: 'items', key: before },
      ]),
    );
    expect(result.keys).toEqual([3, [mine, 'red'], mine, 50, before]);
    await until('the other process’s five changes', () => remote(seen.events()).length >= 5);

    expect(remote(seen.events()).map(brief)).toEqual([
      { tree: 'items', key: 3, kind: 'insert', local: false },
      { tree: 'tags', key: [mine, 'red'], kind: 'insert', local: false },
      { tree: 'items', key: mine, kind: 'update', local: false },
      { tree: 'items', key: 50, kind: 'insert', local: false },
      { tree: 'items', key: before, kind: 'delete', local: false },
    ]);
    // Revisions are those the other process's commits took, in order, ending at its last one.
    const revisions = remote(seen.events()).map((e) => e.revision);
    expect(revisions).toEqual([3, 4, 5, 6, 7]);
    expect(result.revision).toBe(7);
    expect(seen.resyncs()).toEqual([]);

    // What the other process wrote is readable here.
    expect(db.revision()).toBe(7);
    expect(db.items.get(mine)).toEqual({ name: 'mine', n: 10 });
    expect(db.tags.get(db.tags.key([mine, 'red']))).toEqual({ item: mine, label: 'red' });
    expect(db.items.has(before)).toBe(false);
    expect(db.items.index('byName').get('fifty')?.key).toBe(50);

    // A write of this process after the other's: delivered at once, and not again from the log.
    const after = await db.items.insert({ name: 'mine again', n: 3 });
    expect(after).toBe(51);
    const again = await writeFromChild(path, 'ops', JSON.stringify([{ op: 'insert', tree: 'items', value: { name: 'last', n: 4 } }]));
    expect(again.keys).toEqual([52]);
    await until('the other process’s last insert', () => remote(seen.events()).some((e) => e.key === 52));

    expect(local(seen.events()).map(brief)).toEqual([
      { tree: 'items', key: before, kind: 'insert', local: true },
      { tree: 'items', key: after, kind: 'insert', local: true },
    ]);
    expect(seen.events().map((e) => e.revision)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    stop();
    await db.close();
  }, 60_000);

  it('gives each change of another process’s transaction its own revision, in order', async () => {
    const db = await open(path, appSchema);
    await db.items.insert({ name: 'first', n: 0 });
    const seen = recorder();
    const stop = db.watch(seen.listener, { intervalMs: 50 });
    // Two transactions of three inserts each: one log entry each, six events.
    const bulk = await writeFromChild(path, 'bulk', '2', '3', 'items');
    expect(bulk.revision).toBe(7);
    await until('the six inserts', () => remote(seen.events()).length >= 6);
    expect(remote(seen.events()).map((e) => [e.key, e.kind, e.revision])).toEqual([
      [2, 'insert', 2],
      [3, 'insert', 3],
      [4, 'insert', 4],
      [5, 'insert', 5],
      [6, 'insert', 6],
      [7, 'insert', 7],
    ]);
    expect(seen.resyncs()).toEqual([]);
    stop();
    await db.close();
  }, 60_000);

  it('hears another process’s commit from the data file, long before its timer would look', async () => {
    const db = await open(path, appSchema);
    const seen = recorder();
    // A timer this slow never fires within the test: only the file event can deliver.
    const stop = db.watch(seen.listener, { intervalMs: 600_000 });
    await writeFromChild(path, 'ops', JSON.stringify([{ op: 'insert', tree: 'items', value: { name: 'there', n: 2 } }]));
    await until('the other process’s insert, by file event', () => remote(seen.events()).length > 0, 10_000);
    expect(remote(seen.events()).map(brief)).toEqual([{ tree: 'items', key: 1, kind: 'insert', local: false }]);
    stop();
    await db.close();
  }, 60_000);

  it('reports every write once to each of several watchers, through either face', async () => {
    const db = await open(path, appSchema);
    const typed = recorder();
    const opaque = recorder();
    const stopTyped = db.watch(typed.listener, { intervalMs: 50 });
    const stopOpaque = db.opaque.watch(opaque.listener, { intervalMs: 50 });
    await db.opaque.tree('items').insert({ name: 'here', n: 1 });
    await writeFromChild(path, 'ops', JSON.stringify([{ op: 'insert', tree: 'items', value: { name: 'there', n: 2 } }]));
    await until('both watchers to see the other process', () => remote(typed.events()).length > 0 && remote(opaque.events()).length > 0);
    const expected = [
      { tree: 'items', key: 1, kind: 'insert', local: true },
      { tree: 'items', key: 2, kind: 'insert', local: false },
    ];
    expect(typed.events().map(brief)).toEqual(expected);
    expect(opaque.events().map(brief)).toEqual(expected);
    stopTyped();
    stopOpaque();
    await db.close();
  }, 60_000);
});

describe('when the other process writes more than the change log keeps', () => {
  it('sends a resync instead of events, then events again; the log stays bounded', async () => {
    const transactions = 4;
    const perTransaction = 4_000; // 16,000 changes, well past CHANGE_LOG_RETAIN
    expect(transactions * perTransaction).toBeGreaterThan(CHANGE_LOG_RETAIN + 2 * CHANGE_LOG_TRIM_EVERY);

    const db = await open(path, appSchema);
    await db.items.insert({ name: 'first', n: 0 });
    const seen = recorder();
    const stop = db.watch(seen.listener, { intervalMs: 50 });

    // This process is blocked while the other writes: its watcher polls only once all is committed.
    const bulk = writeFromChildWhileBlocked(path, 'bulk', String(transactions), String(perTransaction), 'items');
    expect(bulk.keys).toHaveLength(transactions * perTransaction);
    expect(bulk.revision).toBe(1 + transactions * perTransaction);

    await until('a resync', () => seen.resyncs().length > 0);
    expect(seen.batches).toEqual([{ kind: 'resync', revision: bulk.revision }]);
    expect(db.revision()).toBe(bulk.revision);
    expect(db.items.count()).toBe(1 + transactions * perTransaction);

    // Once resynced, the watcher reports single changes again.
    const next = await writeFromChild(path, 'ops', JSON.stringify([{ op: 'delete', tree: 'items', key: 1 }]));
    await until('the delete after the resync', () => seen.events().length > 0);
    expect(seen.events().map(brief)).toEqual([{ tree: 'items', key: 1, kind: 'delete', local: false }]);
    expect(seen.events()[0]!.revision).toBe(next.revision);
    expect(seen.resyncs()).toHaveLength(1);
    stop();
    await db.close();

    // The log keeps the last CHANGE_LOG_RETAIN revisions, and about no more: it is trimmed every CHANGE_LOG_TRIM_EVERY
    // revisions, of whole transactions (one entry each, here of 4,000 changes) that lie entirely outside the window.
    const engine = await openEngine(path, undefined, { readOnly: true });
    try {
      const logged = loggedTransactions(engine);
      expect(engine.changeLog.count()).toBe(logged.length);
      expect(logged.map((l) => l.changes?.length)).toEqual([perTransaction, perTransaction, perTransaction, 1]);
      // What is kept has no holes, ends at the last commit, and reaches back at least CHANGE_LOG_RETAIN revisions.
      const covered = coveredRevisions(logged);
      expect(covered.last).toBe(next.revision);
      expect(covered.first).toBeLessThanOrEqual(next.revision - CHANGE_LOG_RETAIN + 1);
      // The oldest entry kept still reaches into the window as it was at the last trim.
      expect(logged[0]!.last).toBeGreaterThan(next.revision - CHANGE_LOG_RETAIN - CHANGE_LOG_TRIM_EVERY);
    } finally {
      await engine.close();
    }
  }, 120_000);

  it('logs a transaction too big to list by its size only, and watchers resync', async () => {
    let db = await open(path, appSchema);
    await db.items.insert({ name: 'first', n: 0 });
    let seen = recorder();
    let stop = db.watch(seen.listener, { intervalMs: 50 });
    const big = await writeFromChild(path, 'bulk', '1', String(CHANGE_LOG_MAX_LISTED + 1), 'items');
    expect(big.revision).toBe(CHANGE_LOG_MAX_LISTED + 2);
    await until('a resync', () => seen.resyncs().length > 0);
    expect(seen.batches).toEqual([{ kind: 'resync', revision: big.revision }]);
    stop();
    await db.close();
    const engine = await openEngine(path, undefined, { readOnly: true });
    try {
      // The size only (the first insert, now past the window, was trimmed).
      expect(loggedTransactions(engine).map((l) => [l.first, l.last, l.changes?.length])).toEqual([[2, big.revision, undefined]]);
    } finally {
      await engine.close();
    }

    // A transaction of exactly the limit is listed in full, and the watcher gets every change.
    db = await open(path, appSchema);
    seen = recorder();
    stop = db.watch(seen.listener, { intervalMs: 50 });
    await writeFromChild(path, 'bulk', '1', String(CHANGE_LOG_MAX_LISTED), 'items');
    await until('the listed transaction', () => seen.batches.length > 0);
    expect(seen.resyncs()).toEqual([]);
    expect(seen.events()).toHaveLength(CHANGE_LOG_MAX_LISTED);
    expect(seen.events().map((e) => e.revision)).toEqual(Array.from({ length: CHANGE_LOG_MAX_LISTED }, (_, i) => big.revision + 1 + i));
    stop();
    await db.close();
  }, 120_000);

  it('keeps the log bounded under many small transactions too', async () => {
    const db = await open(path, appSchema);
    // 24 transactions of 500 changes: each crosses a trim boundary at most once.
    for (let i = 0; i < 24; i++) {
      await db.transaction((trees) => {
        for (let j = 0; j < 500; j++) trees.items.insert({ name: `n${i}.${j}`, n: j });
      });
    }
    const revision = db.revision();
    expect(revision).toBe(12_000);
    await db.close();
    const engine = await openEngine(path, undefined, { readOnly: true });
    try {
      // One entry per transaction; the last trim (in the one ending at 12,000) dropped those ending at or before 2,000.
      const logged = loggedTransactions(engine);
      expect(logged.every((l) => l.changes?.length === 500)).toBe(true);
      const covered = coveredRevisions(logged);
      expect(covered.last).toBe(revision);
      expect(covered.first).toBeLessThanOrEqual(revision - CHANGE_LOG_RETAIN + 1);
      expect(logged[0]!.last).toBeGreaterThan(revision - CHANGE_LOG_RETAIN - CHANGE_LOG_TRIM_EVERY);
      expect(logged).toHaveLength(20);
    } finally {
      await engine.close();
    }
  }, 60_000);
});

describe('watching the schema', () => {
  it('tells a watcher, once, that another handle changed the schema; its writes are then refused', async () => {
    const db = await open(path, appSchema);
    const seen = recorder();
    const stop = db.watch(seen.listener, { intervalMs: 20 });
    const withIndex = tree('tags', {
      key: composite('item', 'label'),
      value: t.object({ item: t.ref(items, { onDelete: 'cascade' }), label: t.string() }),
      indexes: { byLabel: { on: 'label' } },
    });
    const newer = await open(path, schema(items, withIndex));
    const schemaEvents = () => seen.batches.filter((b) => 'kind' in b && b.kind === 'schema');
    await until('the schema event', () => schemaEvents().length > 0);
    expect(schemaEvents()).toEqual([{ kind: 'schema', from: 1, to: 2 }]);
    await expect(db.items.insert({ name: 'stale', n: 0 })).rejects.toMatchObject({ code: 'STALE_SCHEMA' });
    // Later looks say nothing more about it.
    await newer.items.insert({ name: 'from the newer handle', n: 1 });
    await until('the newer handle’s write', () => seen.events().some((e) => e.revision > 0 && !e.local));
    expect(schemaEvents()).toHaveLength(1);
    stop();
    await newer.close();
    await db.close();
  });
});
