/**
 * The server's schema moves on (issue 14: "a replica with an older compatible
 * schema works, an incompatible one is refused clearly"). A running replica is
 * told to open again (STALE_SCHEMA) and changes nothing; opened again — by
 * code older than the server's, or by the browser without code — it takes the
 * server's additions (a tree, an optional field, an index) and every record of
 * them, and older code writes on. A change that needed a migration is refused
 * by name, the replica's copy and outbox untouched.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autoIncrement, issueServerToken, migration, open, openReplica, openReplicaDatabase, revokeServerTokens, schema, startServer, t, tree, type Replica, type TrellisServer } from '../index.js';
import { tempDir } from './fixtures/team.js';

const notesV1 = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) });
const v1 = schema(notesV1);
// Only additions older code can live with: an optional field, an index, a tree.
const notesV2 = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string(), tag: t.optional(t.string()) }), indexes: { byTag: { on: 'tag' } } });
const labels = tree('labels', { key: autoIncrement(), value: t.object({ name: t.string() }) });
const v2 = schema(notesV2, labels);
// Text becomes a number: records must be rewritten, which a replica cannot follow.
const notesV3 = tree('notes', { key: autoIncrement(), value: t.object({ text: t.number() }) });
const v3 = schema(notesV3);

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

async function serverOn(path: string, port?: number): Promise<TrellisServer> {
  const server = await startServer(path, { open: true, ...(port ? { port } : {}) });
  running.push(server);
  return server;
}

async function replica(path: string, server: TrellisServer): Promise<Replica<typeof v1>> {
  const opened = await openReplica(path, v1, { server: server.url, retryMaxMs: 100 });
  running.push(opened);
  return opened;
}

/** A server on schema v1 with two notes, and a replica of it synced. */
async function v1Team() {
  const dir = tempDir();
  const serverPath = join(dir, 'server');
  const db = await open(serverPath, v1);
  await db.notes.insert({ text: 'first' });
  await db.notes.insert({ text: 'second' });
  await db.close();
  const server = await serverOn(serverPath);
  const replicaPath = join(dir, 'replica');
  const first = await replica(replicaPath, server);
  await first.sync.synced();
  return { dir, serverPath, server, replicaPath, first, port: Number(new URL(server.url).port) };
}

describe('the server’s schema moves on', () => {
  it('a running replica is told to open again; opened again by older code, it takes the additions and every record of them, and writes on', async () => {
    const team = await v1Team();
    await team.server.close();
    // The server's code moves to v2 (a compatible change, applied as it opens), and writes with it.
    const db2 = await open(team.serverPath, v2);
    await db2.notes.insert({ text: 'tagged', tag: 'red' });
    await db2.labels.insert({ name: 'a label' });
    await db2.close();
    await serverOn(team.serverPath, team.port);

    await expect.poll(() => team.first.sync.status().state, { timeout: 10_000 }).toBe('refused');
    expect(team.first.sync.status().error).toMatchObject({ code: 'STALE_SCHEMA', message: expect.stringMatching(/the server's schema has changed since this replica was opened \(this replica has no tree labels; notes differs\): open the replica again/) as string });
    expect([...team.first.db.notes.range()].map((entry) => entry.value.text)).toEqual(['first', 'second']); // nothing changed
    await team.first.close();
    running.splice(running.indexOf(team.first), 1);

    const again = await replica(team.replicaPath, (running.at(-1) as TrellisServer));
    await again.sync.synced();
    expect(again.sync.status()).toMatchObject({ state: 'connected' });
    // Older code reads the newer records as they are, and the tree it does not know is here too.
    expect([...again.db.notes.range()].map((entry) => entry.value)).toEqual([{ text: 'first' }, { text: 'second' }, { text: 'tagged', tag: 'red' }]);
    expect([...again.db.opaque.tree('labels').range()].map((entry) => entry.value)).toEqual([{ name: 'a label' }]);
    expect(again.db.catalog.trees['notes']?.indexes.map((index) => index.name)).toEqual(['byTag']);
    expect([...again.db.opaque.tree('notes').lookup('byTag')].map((hit) => hit.key)).toEqual([[...again.db.notes.range()].find((entry) => entry.value.text === 'tagged')?.key]); // built here
    await again.db.notes.insert({ text: 'from older code' });
    await again.sync.synced();
    await (running.at(-2) as TrellisServer).close();
    const server = await open(team.serverPath, v2);
    expect([...server.notes.range()].map((entry) => entry.value.text)).toContain('from older code');
    await server.close();
  });

  it('the browser’s replica (no code) follows too', async () => {
    const team = await v1Team();
    await team.first.close();
    running.splice(running.indexOf(team.first), 1);
    const browserPath = join(team.dir, 'browser');
    const made = await openReplicaDatabase(browserPath, { server: team.server.url });
    await made.sync.synced();
    await made.close();
    await team.server.close();
    const db2 = await open(team.serverPath, v2);
    await db2.labels.insert({ name: 'made on v2' });
    await db2.close();
    const server = await serverOn(team.serverPath, team.port);

    const reopened = await openReplicaDatabase(browserPath, { server: server.url });
    running.push(reopened);
    await reopened.sync.synced();
    expect(reopened.db.trees().map((info) => info.name).sort()).toEqual(['labels', 'notes']);
    expect([...reopened.db.tree('labels').range()].map((entry) => entry.value)).toEqual([{ name: 'made on v2' }]);
    await reopened.db.tree('notes').insert({ text: 'tagged in the browser', tag: 'blue' });
    await reopened.sync.synced();
    expect(reopened.sync.status().conflicts).toBe(0);
  });

  it('a change that needed a migration is refused by name; the replica’s records and waiting edits stay', async () => {
    const team = await v1Team();
    await team.server.close();
    await team.first.db.notes.insert({ text: 'made offline' }); // waits in the outbox
    const toV3 = migration({ id: 'notes-text-length', description: 'text → its length', from: v1, to: v3, each: { notes: (note, step) => step.to.notes.put(step.key, { text: note.text.length }) } });
    await (await open(team.serverPath, v3.withMigrations(toV3))).close();
    await serverOn(team.serverPath, team.port);

    await expect.poll(() => team.first.sync.status().state, { timeout: 10_000 }).toBe('refused');
    expect(team.first.sync.status().error).toMatchObject({ code: 'WRONG_SERVER', message: expect.stringMatching(/the server's schema is not this replica's \(notes differs\): refused, nothing was changed/) as string });
    await team.first.close();
    running.splice(running.indexOf(team.first), 1);
    // Opened again: still refused, nothing lost.
    const again = await replica(team.replicaPath, running.at(-1) as TrellisServer);
    await expect.poll(() => again.sync.status().state, { timeout: 10_000 }).toBe('refused');
    expect([...again.db.notes.range()].map((entry) => entry.value.text)).toEqual(['first', 'second', 'made offline']);
    expect(again.sync.status().waiting).toBe(1);
  });

  it('code older than the server’s makes a new replica with the server’s trees and syncs at once', async () => {
    const dir = tempDir();
    const db = await open(join(dir, 'server'), v2);
    await db.notes.insert({ text: 'tagged', tag: 'red' });
    await db.labels.insert({ name: 'a label' });
    await db.close();
    const server = await serverOn(join(dir, 'server'));
    const made = await replica(join(dir, 'replica'), server);
    await made.sync.synced();
    expect(made.sync.status().state).toBe('connected');
    expect([...made.db.notes.range()].map((entry) => entry.value)).toEqual([{ text: 'tagged', tag: 'red' }]);
    expect(made.db.opaque.tree('labels').count()).toBe(1);
  });

  it('trees a token comes to read are followed, with the records they held before this replica’s cursor', async () => {
    const dir = tempDir();
    const serverPath = join(dir, 'server');
    const db = await open(serverPath, v2);
    await db.labels.insert({ name: 'old label' });
    await db.notes.insert({ text: 'a note' });
    await db.close();
    const narrow = await issueServerToken(serverPath, { user: 'ann', read: ['notes'], write: ['notes'], admin: false });
    let server = await startServer(serverPath, { open: false });
    const first = await openReplicaDatabase(join(dir, 'replica'), { server: server.url, token: narrow });
    await first.sync.synced();
    expect(first.db.trees().map((info) => info.name)).toEqual(['notes']);
    await first.close();
    await server.close();
    await revokeServerTokens(serverPath, 'ann');
    const wide = await issueServerToken(serverPath, { user: 'ann', read: ['*'], write: ['*'], admin: false });
    server = await startServer(serverPath, { open: false });
    running.push(server);

    const again = await openReplicaDatabase(join(dir, 'replica'), { server: server.url, token: wide });
    running.push(again);
    await again.sync.synced();
    expect([...again.db.tree('labels').range()].map((entry) => entry.value)).toEqual([{ name: 'old label' }]);
    expect(again.db.tree('notes').count()).toBe(1);
  });
});
