/**
 * Versioned trees on a replica: releases and lifecycle numbers are decided on
 * the server's database, so a replica refuses them (they would never reach
 * the server) and writes nothing; new versions are records and sync as any;
 * an edit of a record the server released comes back refused, never lost.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autoIncrement, open, openReplica, schema, startServer, t, tree, type TrellisServer } from '../index.js';
import { tempDir } from './fixtures/team.js';

const parts = tree('parts', { key: autoIncrement(), versioned: true, value: t.object({ name: t.string() }) });
const catalog = schema(parts);

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

async function team() {
  const serverPath = join(tempDir(), 'server');
  const db = await open(serverPath, catalog);
  const bolt = await db.parts.insert({ name: 'bolt' });
  await db.close();
  const server: TrellisServer = await startServer(serverPath, { open: true });
  running.push(server);
  const replica = await openReplica(join(tempDir(), 'replica'), catalog, { server: server.url, retryMaxMs: 100 });
  running.push(replica);
  await replica.sync.synced();
  return { serverPath, server, replica, bolt };
}

describe('versioned trees on a replica', () => {
  it('a release or lifecycle number is refused here, nothing written or queued; a new version syncs as a record', async () => {
    const { replica, bolt, server, serverPath } = await team();
    await expect(replica.db.parts.release(bolt)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^parts \[1,1\] cannot be released on a replica: do it on the server's database/) as string });
    await expect(replica.db.parts.setLifecycle(bolt, 3)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/cannot be given a lifecycle number on a replica/) as string });
    expect(replica.db.parts.releaseState(bolt)).toMatchObject({ released: false, lifecycle: 0 });
    expect(replica.sync.status().waiting).toBe(0);

    const next = await replica.db.parts.newVersion(bolt);
    await replica.sync.synced();
    expect(replica.sync.conflicts()).toEqual([]);
    await server.close();
    running.splice(running.indexOf(server), 1);
    const db = await open(serverPath, catalog);
    expect(db.parts.get(next)).toEqual({ name: 'bolt' });
    await db.close();
  });

  it('an edit of a record the server released comes back refused (RELEASED), the server’s version kept', async () => {
    const { replica, bolt, server, serverPath } = await team();
    const url = server.url;
    await server.close();
    running.splice(running.indexOf(server), 1);
    const db = await open(serverPath, catalog);
    await db.parts.release(bolt);
    await db.close();
    await replica.db.parts.update(bolt, { name: 'bolt, edited on the replica' }); // offline: the replica does not know
    running.push(await startServer(serverPath, { open: true, port: Number(new URL(url).port) }));
    await replica.sync.synced();
    expect(replica.sync.conflicts()).toEqual([expect.objectContaining({ status: 'refused', code: 'RELEASED' })]);
    expect(replica.db.parts.get(bolt)).toEqual({ name: 'bolt' });
    // The replica knows it is released now, and refuses the next edit itself.
    expect(replica.db.parts.releaseState(bolt)).toMatchObject({ released: true });
    await expect(replica.db.parts.update(bolt, { name: 'again' })).rejects.toMatchObject({ code: 'RELEASED' });
  });

  it('releases and lifecycle numbers set on the server reach a connected replica, each as a change event', async () => {
    const { replica, bolt, serverPath } = await team();
    const kinds: string[] = [];
    replica.db.onChange((events) => {
      if (Array.isArray(events)) kinds.push(...events.map((event) => event.kind));
    });
    // Another program on the server's file (the browser on the server's machine): the server pokes its replicas.
    const db = await open(serverPath, catalog);
    await db.parts.setLifecycle(bolt, 2);
    await expect.poll(() => replica.db.parts.releaseState(bolt), { timeout: 10_000 }).toMatchObject({ released: false, lifecycle: 2 });
    await db.parts.release(bolt);
    await db.close();
    await expect.poll(() => replica.db.parts.releaseState(bolt), { timeout: 10_000 }).toMatchObject({ released: true, lifecycle: 2 });
    expect(kinds, JSON.stringify(kinds)).toEqual(['lifecycle', 'release']);
  });
});
