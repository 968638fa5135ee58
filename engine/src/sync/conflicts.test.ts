import { describe, expect, it } from 'vitest';
import { contentOf } from './fixtures/team.js';
import { local, replica, restart, serve } from './fixtures/sync-harness.js';

describe('conflicts from sync', () => {
  it('a stale edit is not applied: the replica is told, keeps both versions, and shows the server’s', async () => {
    const { server, path } = await serve();
    const a = await replica(server);
    let b = await replica(server);
    await Promise.all([a.sync.synced(), b.sync.synced()]);
    const url = server.url;
    await server.close();
    const [ada] = [...a.db.people.range()];
    if (!ada) throw new Error('no person');
    // Both edit Ada offline, from the same server revision.
    await a.db.people.update(ada.key, { name: 'Ada (a)' });
    await b.db.people.update(ada.key, { name: 'Ada (b)' });
    // b stays away until a's edit is in, so a's is first (both reconnecting at once, either could be).
    const bPath = b.db.path;
    await b.close();
    const back = await restart(path, url);
    await a.sync.synced();
    b = await replica({ url }, {}, bPath);
    const seen: string[] = [];
    b.sync.onConflict((conflicts) => seen.push(...conflicts.map((c) => c.code)));
    await b.sync.synced();
    await expect.poll(() => seen).toEqual(['CONFLICT']);
    const [conflict] = b.sync.conflicts();
    expect(conflict?.status).toBe('conflict');
    expect(conflict?.mutation.ops[0]?.value).toMatchObject({ name: 'Ada (b)' }); // mine, kept
    expect(conflict?.current[0]?.value).toMatchObject({ name: 'Ada (a)' }); // theirs
    expect(b.db.people.get(ada.key)?.name).toBe('Ada (a)'); // nothing overwritten, anywhere
    expect(b.sync.status().conflicts).toBe(1);
    await b.sync.dismissConflict(conflict!.mutation.id);
    expect(b.sync.conflicts()).toEqual([]);
    await back.close();
    expect(await contentOf(path)).toContain('Ada (a)');
    expect(local(b)).toBe(await contentOf(path));
  });

  it('two edits of one record in a row from one replica are not a conflict with itself', async () => {
    const { server, path } = await serve();
    const a = await replica(server);
    await a.sync.synced();
    const url = server.url;
    await server.close();
    const [ada] = [...a.db.people.range()];
    await a.db.people.update(ada!.key, { name: 'one' });
    await a.db.people.update(ada!.key, { name: 'two' });
    await a.db.people.update(ada!.key, { name: 'three' });
    const back = await restart(path, url);
    await a.sync.synced();
    expect(a.sync.conflicts()).toEqual([]);
    await back.close();
    expect(await contentOf(path)).toContain('"three"');
  });

  it('a write the server refuses (an email another replica took meanwhile) is reported with its code and undone locally', async () => {
    const { server, path } = await serve();
    const a = await replica(server);
    let b = await replica(server);
    await Promise.all([a.sync.synced(), b.sync.synced()]);
    const url = server.url;
    await server.close();
    await a.db.people.insert({ name: 'Lin', email: 'lin@example.com' });
    const mine = await b.db.people.insert({ name: 'Lin B', email: 'lin@example.com' });
    const bPath = b.db.path;
    await b.close(); // back after a, so a's insert is taken first
    const back = await restart(path, url);
    await a.sync.synced();
    b = await replica({ url }, {}, bPath);
    await b.sync.synced();
    const [conflict] = b.sync.conflicts();
    expect(conflict).toMatchObject({ status: 'refused', code: 'UNIQUE_VIOLATION' });
    expect(conflict?.mutation.ops[0]?.value).toMatchObject({ name: 'Lin B' });
    expect(b.db.people.get(mine)).toBeUndefined(); // the local insert is undone: the server never had it
    await expect.poll(() => [...b.db.people.range()].map((p) => p.value.name).sort()).toEqual(['Ada', 'Lin']);
    await back.close();
    expect(local(b)).toBe(await contentOf(path));
    expect(local(a)).toBe(await contentOf(path));
  });

  it('in a last-writer-wins tree the edit that reaches the server last wins, with no conflict; other trees still refuse a stale edit', async () => {
    const { server, path } = await serve({ open: true, lastWriterWins: ['projects'] });
    expect(server.lastWriterWins).toEqual(['projects']);
    const a = await replica(server);
    let b = await replica(server);
    await Promise.all([a.sync.synced(), b.sync.synced()]);
    const url = server.url;
    await server.close();
    const [project] = [...a.db.projects.range()];
    const [ada] = [...a.db.people.range()];
    // Both edit the project and Ada offline, from the same server revision.
    await a.db.projects.update(project!.key, { title: 'Engine (a)' });
    await b.db.projects.update(project!.key, { title: 'Engine (b)' });
    await a.db.people.update(ada!.key, { name: 'Ada (a)' });
    await b.db.people.update(ada!.key, { name: 'Ada (b)' });
    const bPath = b.db.path;
    await b.close();
    // Started again without naming the trees: the list kept in the database holds.
    const back = await restart(path, url);
    await a.sync.synced();
    b = await replica({ url }, {}, bPath);
    await b.sync.synced();
    expect(b.sync.conflicts().map((conflict) => conflict.mutation.ops[0]?.tree)).toEqual(['people']);
    expect(b.db.projects.get(project!.key)?.title).toBe('Engine (b)');
    await a.sync.synced();
    await expect.poll(() => a.db.projects.get(project!.key)?.title).toBe('Engine (b)');
    expect(a.db.people.get(ada!.key)?.name).toBe('Ada (a)');
    await back.close();
    expect(await contentOf(path)).toContain('Engine (b)');
  });
});
