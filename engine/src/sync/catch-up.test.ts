import { describe, expect, it } from 'vitest';
import { open } from '../index.js';
import { contentOf, teamSchema } from './fixtures/team.js';
import { local, replica, restart, serve } from './fixtures/sync-harness.js';
import { CHANGE_LOG_RETAIN } from '../core/changes.js';

/** Writes to the server's file while no server runs (as another program on the server's machine would). */
async function onServerFile(path: string, body: (db: Awaited<ReturnType<typeof open<typeof teamSchema>>>) => Promise<void>) {
  const db = await open(path, teamSchema);
  try {
    await body(db);
  } finally {
    await db.close();
  }
}

describe('a replica far behind', () => {
  it(`catches up on ${CHANGE_LOG_RETAIN.toLocaleString('en')} changes from the log, without a snapshot`, async () => {
    const { server, path } = await serve();
    const a = await replica(server, { pageSize: 1_500 });
    await a.sync.synced();
    await a.close();
    await server.close();
    await onServerFile(path, async (db) => {
      const [project] = [...db.projects.range()];
      // 10,000 changes in transactions of 500: creates, then updates and deletes of some of them.
      for (let round = 0; round < 16; round++) {
        await db.transaction((tx) => {
          for (let i = 0; i < 500; i++) tx.tasks.insert({ title: `t${round}-${i}`, done: false, project: project!.key, assignee: null });
        });
      }
      const keys = [...db.tasks.range()].map((e) => e.key).slice(2, 2002);
      await db.transaction((tx) => keys.slice(0, 1_000).forEach((key) => tx.tasks.update(key, { done: true })));
      await db.transaction((tx) => keys.slice(1_000).forEach((key) => tx.tasks.delete(key)));
    });
    const back = await restart(path, server.url);
    const again = await replica(back, { pageSize: 1_500 }, a.db.path);
    const snapshots: number[] = [];
    again.sync.onStatus((status) => status.snapshot && snapshots.push(status.snapshot.done));
    await again.sync.synced();
    expect(snapshots).toEqual([]);
    expect(again.db.tasks.count()).toBe(2 + 8_000 - 1_000);
    await back.close();
    expect(local(again)).toBe(await contentOf(path));
  });

  it('further behind than the log keeps, resyncs from a paged snapshot, records deleted meanwhile included', async () => {
    const { server, path } = await serve();
    const a = await replica(server, { pageSize: 2_000 });
    await a.sync.synced();
    await a.close();
    await server.close();
    await onServerFile(path, async (db) => {
      const [project] = [...db.projects.range()];
      const [first] = [...db.tasks.range({ limit: 1 })].map((e) => e.key);
      await db.tasks.delete(first!); // the replica has it: the snapshot must take it away
      await db.tags.delete(db.tags.key('urgent'));
      await db.tasks.insertMany(
        Array.from({ length: CHANGE_LOG_RETAIN + 2_000 }, (_, i) => ({ title: `bulk ${i}`, done: i % 2 === 0, project: project!.key, assignee: null })),
        { batchSize: 4_000 },
      );
    });
    const back = await restart(path, server.url);
    const again = await replica(back, { pageSize: 2_000 }, a.db.path);
    const progress: { done: number; total: number }[] = [];
    again.sync.onStatus((status) => status.snapshot && progress.push(status.snapshot));
    await again.sync.synced();
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)!.total).toBeGreaterThan(CHANGE_LOG_RETAIN);
    expect(again.db.tags.count()).toBe(0);
    await back.close();
    expect(local(again)).toBe(await contentOf(path));
    expect((await again.db.opaque.verify()).ok).toBe(true);
  });

  it('resumes a snapshot where it stopped when the connection drops in the middle', async () => {
    const { server, path } = await serve();
    await server.close();
    await onServerFile(path, async (db) => {
      const [project] = [...db.projects.range()];
      await db.tasks.insertMany(
        Array.from({ length: CHANGE_LOG_RETAIN + 1_000 }, (_, i) => ({ title: `bulk ${i}`, done: false, project: project!.key, assignee: null })),
        { batchSize: 5_000 },
      );
    });
    let current = await restart(path, server.url);
    const a = await replica(current, { pageSize: 1_000 });
    let dropped = false;
    let received = 0;
    let total = 0;
    a.sync.onStatus((status) => {
      if (!status.snapshot) return;
      received = Math.max(received, status.snapshot.done);
      total = status.snapshot.total;
      if (!dropped && status.snapshot.done >= 3_000) {
        dropped = true;
        // The server goes away mid-snapshot (its sockets closed under the replica), and comes back.
        void current.close().then(async () => (current = await restart(path, server.url)));
      }
    });
    await expect.poll(() => dropped).toBe(true);
    await expect.poll(() => a.sync.status().state, { timeout: 10_000 }).toBe('connected');
    await a.sync.synced();
    // Resumed after the pages it had, not begun again: no more records came than there are (and the page cut by the drop).
    expect(total).toBeGreaterThan(CHANGE_LOG_RETAIN);
    expect(received).toBeLessThanOrEqual(total + 1_000);
    await current.close();
    expect(local(a)).toBe(await contentOf(path));
  });
});
