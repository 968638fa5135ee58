import { describe, expect, it } from 'vitest';
import { contentOf } from './fixtures/team.js';
import { local, replica, restart, serve } from './fixtures/sync-harness.js';
import { NoIdsError } from './sync-errors.js';

describe('offline creates', () => {
  it('take ids from blocks the server handed out: two replicas offline never collide', async () => {
    const { server, path } = await serve();
    const a = await replica(server, { idBlockSize: 50 });
    const b = await replica(server, { idBlockSize: 50 });
    await Promise.all([a.sync.synced(), b.sync.synced()]);
    const url = server.url;
    await server.close();
    const made = { a: [] as number[], b: [] as number[] };
    for (let i = 0; i < 30; i++) {
      made.a.push(Number(await a.db.projects.insert({ title: `a${i}` })));
      made.b.push(Number(await b.db.projects.insert({ title: `b${i}` })));
    }
    expect(new Set([...made.a, ...made.b]).size).toBe(60);
    const back = await restart(path, url);
    await a.sync.synced();
    await b.sync.synced();
    await a.sync.synced(); // b's projects reach a
    expect(a.sync.conflicts()).toEqual([]);
    expect(b.sync.conflicts()).toEqual([]);
    expect(a.db.projects.count()).toBe(61);
    await back.close();
    const server_ = await contentOf(path);
    expect(local(a)).toBe(server_);
    expect(local(b)).toBe(server_);
  });

  it('past the ids it holds, an insert is refused with NO_IDS and writes nothing', async () => {
    const { server } = await serve();
    const a = await replica(server, { idBlockSize: 4 });
    await a.sync.synced();
    await server.close();
    await expect.poll(() => a.sync.status().state).toBe('offline');
    for (let i = 0; i < 4; i++) await a.db.projects.insert({ title: `p${i}` });
    const before = a.db.projects.count();
    const refused = await a.db.projects.insert({ title: 'one too many' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NoIdsError);
    expect((refused as NoIdsError).code).toBe('NO_IDS');
    expect(a.db.projects.count()).toBe(before);
    expect(a.sync.status().waiting).toBe(4);
  });
});
