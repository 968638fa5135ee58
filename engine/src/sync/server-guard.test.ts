import { join } from 'node:path';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { issueServerToken } from '../open-shared.js';
import { contentOf, seedServerFile, tempDir } from './fixtures/team.js';
import { local, replica, restart, serve } from './fixtures/sync-harness.js';
import { PROTOCOL_VERSION } from './protocol.js';

/** A raw socket to the server: what a hostile or broken client sends. */
async function rawClient(url: string) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const received: unknown[] = [];
  socket.on('message', (data) => received.push(JSON.parse(data.toString())));
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  return {
    socket,
    closed,
    send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    answer: async (id: number) => {
      await expect.poll(() => received.some((m) => (m as { id?: number }).id === id)).toBe(true);
      return received.find((m) => (m as { id?: number }).id === id) as { result?: unknown; error?: { code: string; message: string } };
    },
  };
}

const hello = (token?: string) => ({ kind: 'hello', protocol: PROTOCOL_VERSION, clientId: 'raw-client-0001', ...(token ? { token } : {}) });

describe('the server', () => {
  it('refuses a replica made from another server, and the replica changes nothing', async () => {
    const { server } = await serve();
    const a = await replica(server);
    await a.sync.synced();
    const before = local(a);
    const stateBefore = a.sync.status().cursor;
    await server.close();
    // Another server, same schema, same address: another UUID.
    const otherPath = join(tempDir(), 'other');
    await seedServerFile(otherPath);
    const other = await restart(otherPath, server.url);
    await expect.poll(() => a.sync.status().state).toBe('refused');
    expect(a.sync.status().error).toMatchObject({ code: 'WRONG_SERVER' });
    expect(a.sync.status().error?.message).toMatch(/belongs to server .* is server/);
    expect(local(a)).toBe(before);
    expect(a.sync.status().cursor).toBe(stateBefore);
    await expect(a.sync.synced()).rejects.toThrow(/belongs to server/);
    await other.close();
  });

  it('refuses missing and unknown tokens, and a write without permission', async () => {
    const path = join(tempDir(), 'server');
    await seedServerFile(path);
    const reader = await issueServerToken(path, { user: 'rita', read: ['*'], write: ['tags'], admin: false });
    const server = await restart(path, 'ws://127.0.0.1:0', { open: false });
    const none = await replica(server);
    await expect.poll(() => none.sync.status().error?.code).toBe('UNAUTHORIZED');
    expect(none.sync.status().state).toBe('refused');
    const wrong = await replica(server, { token: 'trellis_not-a-token' });
    await expect.poll(() => wrong.sync.status().error?.code).toBe('UNAUTHORIZED');
    expect(wrong.sync.status().error?.message).toMatch(/not one the server issued/);

    const rita = await replica(server, { token: reader });
    await rita.sync.synced();
    expect(rita.db.people.count()).toBe(1); // reading is allowed
    const [ada] = [...rita.db.people.range()];
    await rita.db.people.update(ada!.key, { name: 'Changed by Rita' }); // locally yes; the server refuses it
    await rita.db.tags.insert({ name: 'rita', color: 'green' }); // tags she may write
    await rita.sync.synced();
    const [refused] = rita.sync.conflicts();
    expect(refused).toMatchObject({ status: 'refused', code: 'FORBIDDEN' });
    expect(rita.db.people.get(ada!.key)?.name).toBe('Ada');
    await server.close();
    const stored = await contentOf(path);
    expect(stored).not.toContain('Changed by Rita');
    expect(stored).toContain('"rita"');
  });

  it('pokes a replica only for commits to trees it may read', async () => {
    const path = join(tempDir(), 'server');
    await seedServerFile(path);
    const tagsOnly = await issueServerToken(path, { user: 'sam', read: ['tags'], write: ['tags'], admin: false });
    const everything = await issueServerToken(path, { user: 'ed', read: ['*'], write: ['*'], admin: false });
    const server = await restart(path, 'ws://127.0.0.1:0', { open: false });
    const sam = await replica(server, { token: tagsOnly });
    const ed = await replica(server, { token: everything });
    await Promise.all([sam.sync.synced(), ed.sync.synced()]);
    const told: number[] = [];
    sam.sync.onStatus((status) => told.push(status.serverRevision));
    await ed.db.people.insert({ name: 'Grace', email: 'grace@example.com' });
    await ed.sync.synced();
    const personAt = ed.sync.status().serverRevision;
    await ed.db.tags.insert({ name: 'later', color: 'blue' });
    await ed.sync.synced();
    const tagAt = ed.sync.status().serverRevision;
    await expect.poll(() => sam.db.tags.get(sam.db.tags.key('later'))?.color).toBe('blue');
    // Pokes come in commit order: told of the tag's commit, sam was never told of the person's before it.
    expect(told).toContain(tagAt);
    expect(told).not.toContain(personAt);
  });

  it('closes a socket that breaks the protocol, and goes on serving the others', async () => {
    const { server } = await serve();
    const a = await replica(server);
    await a.sync.synced();
    for (const garbage of ['not json', { id: 1 }, { id: 2, request: { kind: 'push', mutations: 'x' } }, { id: 3, request: { kind: 'pull', since: -1 } }]) {
      const raw = await rawClient(server.url);
      raw.send(garbage);
      expect(await raw.closed).toBe(1008);
    }
    const early = await rawClient(server.url);
    early.send({ id: 7, request: { kind: 'pull', since: 0 } });
    expect((await early.answer(7)).error).toMatchObject({ code: 'PROTOCOL', message: 'say hello first' });
    const old = await rawClient(server.url);
    old.send({ id: 1, request: { ...hello(), protocol: 99 } });
    expect((await old.answer(1)).error?.message).toMatch(/protocol 1, not 99/);
    // Still serving: a's edit goes through.
    const [ada] = [...a.db.people.range()];
    await a.db.people.update(ada!.key, { name: 'Still here' });
    await a.sync.synced();
    expect(a.sync.conflicts()).toEqual([]);
  });

  it('applies a mutation once, however often it is sent', async () => {
    const { server, path } = await serve();
    const raw = await rawClient(server.url);
    raw.send({ id: 1, request: hello() });
    const welcome = (await raw.answer(1)).result as { revision: number };
    const mutation = { id: 1, ops: [{ tree: 'tags', key: 'once', value: { name: 'once', color: 'grey' }, base: null }] };
    raw.send({ id: 2, request: { kind: 'push', mutations: [mutation] } });
    const first = (await raw.answer(2)).result as { outcomes: { status: string; revisions: number[] }[] };
    raw.send({ id: 3, request: { kind: 'push', mutations: [mutation] } });
    const second = (await raw.answer(3)).result as typeof first;
    expect(first.outcomes[0]).toMatchObject({ status: 'applied' });
    expect(second.outcomes).toEqual(first.outcomes); // the same answer, not a second write
    raw.send({ id: 4, request: { kind: 'pull', since: welcome.revision } });
    const pulled = (await raw.answer(4)).result as { changes: unknown[]; to: number };
    expect(pulled.changes).toHaveLength(1);
    expect(pulled.to).toBe(welcome.revision + 1);
    raw.socket.close();
    await server.close();
    expect((await contentOf(path)).match(/"once"/g)).toHaveLength(2); // key and name of one record
  });
});
