import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { contentOf, contentText, tempDir } from './fixtures/team.js';
import { openReplicaDatabase } from '../open-shared.js';
import { local, replica, restart, serve } from './fixtures/sync-harness.js';

describe('a replica', () => {
  it('copies the server, and an edit on one replica reaches the server and the other live', async () => {
    const { server, path } = await serve();
    const a = await replica(server);
    const b = await replica(server);
    await a.sync.synced();
    await b.sync.synced();
    const [ada] = [...a.db.people.range()];
    if (!ada) throw new Error('the replica has no person');
    await a.db.people.update(ada.key, { name: 'Ada L.' });
    const written = a.db.people.getEntry(ada.key)?.revision;
    expect(a.sync.status().waiting).toBe(1);
    await a.sync.synced();
    // The server's answer and the pull bring back the value a holds: not written again (an editor would see a change).
    expect(a.db.people.getEntry(ada.key)?.revision).toBe(written);
    await expect.poll(() => b.db.people.get(ada.key)?.name).toBe('Ada L.');
    await server.close();
    expect(local(a)).toBe(await contentOf(path));
    expect(local(b)).toBe(local(a));
  });

  it('creates, deletes with cascades and set-nulls, and every copy ends the same', async () => {
    const { server, path } = await serve();
    const a = await replica(server);
    const b = await replica(server);
    await Promise.all([a.sync.synced(), b.sync.synced()]);
    const project = await a.db.projects.insert({ title: 'Docs' });
    const person = await a.db.people.insert({ name: 'Grace', email: 'grace@example.com' });
    await a.db.tasks.insert({ title: 'Index', done: false, project, assignee: person });
    await a.sync.synced();
    await b.sync.synced();
    await expect.poll(() => b.db.tasks.count()).toBe(3);
    // On b: the person goes (a's task loses its assignee), then the project (its task goes with it).
    await b.db.people.delete(person);
    await b.db.projects.delete(project);
    await b.sync.synced();
    await expect.poll(() => a.db.tasks.count()).toBe(2);
    await a.sync.synced();
    await server.close();
    const server_ = await contentOf(path);
    expect(local(a)).toBe(server_);
    expect(local(b)).toBe(server_);
    expect((await a.db.opaque.verify()).ok).toBe(true);
    expect((await b.db.opaque.verify()).ok).toBe(true);
  });

  it('works offline: edits wait in the outbox, survive a restart of the replica, and are sent when the server is back', async () => {
    const { server, path } = await serve();
    const a = await replica(server);
    await a.sync.synced();
    const url = server.url;
    await server.close();
    await expect.poll(() => a.sync.status().state).toBe('offline');
    const [task] = [...a.db.tasks.range()];
    if (!task) throw new Error('no task');
    await a.db.tasks.update(task.key, { done: true });
    await a.db.tags.insert({ name: 'later', color: 'blue' });
    expect(a.sync.status().waiting).toBe(2);
    const replicaPath = a.db.path;
    await a.close();
    const again = await replica({ url }, {}, replicaPath);
    expect(again.sync.status().waiting).toBe(2);
    expect(again.db.tasks.get(task.key)?.done).toBe(true); // the local view keeps the edits
    const back = await restart(path, url);
    await again.sync.synced();
    expect(again.sync.status().waiting).toBe(0);
    await back.close();
    expect(local(again)).toBe(await contentOf(path));
    expect(await contentOf(path)).toContain('"later"');
  });

  it('opens without the application’s code: a new replica takes the server’s trees, and its opaque writes are sent', async () => {
    const { server, path } = await serve();
    const opaque = await openReplicaDatabase(join(tempDir(), 'opaque'), { server: server.url, retryMaxMs: 400 });
    try {
      await opaque.sync.synced();
      expect(opaque.db.trees().map((t) => t.name).sort()).toEqual(['people', 'projects', 'tags', 'tasks']);
      await opaque.db.tree('tags').insert({ name: 'from-a-tool', color: 'teal' });
      await opaque.sync.synced();
      expect(contentText(opaque.db)).toBe(await contentOf(path));
      expect(await contentOf(path)).toContain('from-a-tool');
    } finally {
      await opaque.close();
    }
  });
});
