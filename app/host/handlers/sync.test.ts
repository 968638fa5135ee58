/**
 * A host serving a replica of a real Trellis server: the database info says
 * so, sync.status and `sync` events follow the replica (connected, offline
 * with edits waiting, caught up again), the outbox lists what waits, and
 * others' edits arrive as ordinary change events. A plain database has no sync.
 */
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';
import { describe, expect, it } from 'vitest';
import { codeOf, collect, startHost, until } from '../fixtures/host-harness.js';
import { otherReplica, replicaHost, startTeam } from '../fixtures/replica-harness.js';
import { JOINED, pets, toys, users } from '../fixtures/sample-database.js';

describe('sync.* on a database that is not a replica', () => {
  it('answers a null status and NOT_A_REPLICA for the rest; the info has no replica', async () => {
    const { client } = await startHost();
    expect(await client.call('sync.status', {})).toEqual({ status: null });
    expect((await client.call('database.info', {})).replica).toBeUndefined();
    expect(await codeOf(client.call('sync.outbox', {}))).toBe('NOT_A_REPLICA');
    expect(await codeOf(client.call('sync.checkOut', { tree: 'toys', key: [1, 'ball'] }))).toBe('NOT_A_REPLICA');
  });
});

describe('a replica in the host', () => {
  it('is made from the server, says it is a replica and which trees need check-out, and shows others’ edits as changes', async () => {
    const team = await startTeam();
    const { client } = await replicaHost(team, 'ann');
    const announced = collect(client, 'database');
    // The trees that need check-out come with the server's hello: a new database event announces them.
    await until('the server’s check-out trees', () => announced.some((info) => info.replica?.checkOut.includes('toys') === true));
    expect((await client.call('database.info', {})).replica).toEqual({ server: team.url, checkOut: ['toys'] });
    expect((await client.call('sync.status', {})).status).toMatchObject({ state: 'connected', waiting: 0, conflicts: 0 });
    // Caught up from the server once its cursor reaches the server's revision.
    await expect.poll(async () => (await client.call('records.get', { tree: 'users', key: 3 })).entry?.value).toMatchObject({ name: 'user03' });
    const { status } = await client.call('sync.status', {});
    expect(status?.cursor).toBe(status?.serverRevision);

    const changes = collect(client, 'changes');
    const bob = await otherReplica(team, 'bob');
    await bob.db.tree('users').put(3, { name: 'renamed by bob', joined: JOINED });
    await expect.poll(async () => (await client.call('records.get', { tree: 'users', key: 3 })).entry?.value).toMatchObject({ name: 'renamed by bob' });
    // The window hears of it as of any commit: a change event with the revision the replica gave it.
    const { entry: renamed } = await client.call('records.get', { tree: 'users', key: 3 });
    await until('bob’s edit as a change event', () => changes.some((event) => event.changes.some((change) => change.text === 'users/3' && change.revision === renamed?.revision)));
  });

  it('offline: the status says so, edits wait in the outbox (insert, update, delete), and go out when the server is back', async () => {
    const team = await startTeam();
    const { client } = await replicaHost(team, 'ann');
    const statuses = collect(client, 'sync');
    await until('connected', () => statuses.some((status) => status.state === 'connected'));
    const bob = await otherReplica(team, 'bob');

    await team.stop();
    await until('offline', () => statuses.at(-1)?.state === 'offline');
    expect(statuses.at(-1)?.error?.code).toBe('OFFLINE');
    const inserted = await client.call('records.insert', { tree: 'users', value: { name: 'made offline', joined: JOINED } });
    await client.call('records.put', { tree: 'users', key: 3, value: { name: 'edited offline', joined: JOINED } });
    const pets = await client.call('records.page', { tree: 'pets', limit: 10 });
    const fido = pets.entries.find((pet) => (pet.value as { name: string }).name === 'Fido')!;
    await client.call('records.delete', { tree: 'pets', key: fido.key });
    await until('three waiting', () => statuses.at(-1)?.waiting === 3);
    expect((await client.call('sync.status', {})).status).toMatchObject({ state: 'offline', waiting: 3 });

    const outbox = await client.call('sync.outbox', {});
    expect(outbox.waiting).toBe(3);
    expect(outbox.truncated).toBe(false);
    expect(outbox.transactions.map((t) => t.records.map((r) => `${r.kind} ${r.text}`).sort())).toEqual([
      [`insert ${inserted.entry.text}`],
      ['update users/3'],
      // Deleting Fido takes it out of Rex's friends (setNull) in the same transaction.
      [`delete ${fido.text}`, expect.stringMatching(/^update pets\//)],
    ]);
    const cut = await client.call('sync.outbox', { limit: 2 });
    expect(cut.transactions.map((t) => t.records.length)).toEqual([1, 1]);
    expect(cut.truncated).toBe(true);

    await team.restart();
    await until('sent', () => statuses.at(-1)?.state === 'connected' && statuses.at(-1)?.waiting === 0, 20_000);
    await expect.poll(() => (bob.db.tree('users').get(3)?.value as { name: string } | undefined)?.name, { timeout: 10_000 }).toBe('edited offline');
    expect(bob.db.tree('pets').get(fido.key)).toBeUndefined();
    expect((await client.call('sync.outbox', {})).transactions).toEqual([]);
  });

  it('a server that refuses the replica’s token stops its sync: the status says refused, and why', async () => {
    const team = await startTeam();
    const first = await replicaHost(team, 'ann');
    await expect.poll(async () => (await first.client.call('sync.status', {})).status?.state).toBe('connected');
    await first.host.close();
    const { client } = await replicaHost({ ...team, tokens: { ...team.tokens, ann: 'not-a-token' } }, 'ann');
    await expect.poll(async () => (await client.call('sync.status', {})).status?.state).toBe('refused');
    expect((await client.call('sync.status', {})).status?.error?.code).toBe('UNAUTHORIZED');
    // Reading and writing go on locally; the edit waits.
    await client.call('records.put', { tree: 'users', key: 4, value: { name: 'kept while refused', joined: JOINED } });
    expect((await client.call('sync.status', {})).status).toMatchObject({ state: 'refused', waiting: 1 });
  });

  it('closing the host closes the replica: its folder opens again as a replica, with what it had', async () => {
    const team = await startTeam();
    const first = await replicaHost(team, 'ann');
    await first.client.call('records.put', { tree: 'users', key: 4, value: { name: 'kept', joined: JOINED } });
    await first.host.close();
    await team.stop();
    // Offline this time: an existing replica opens without its server.
    const again = await replicaHost(team, 'ann');
    expect(again.path).toBe(first.path);
    expect((await again.client.call('records.get', { tree: 'users', key: 4 })).entry?.value).toMatchObject({ name: 'kept' });
    await expect.poll(async () => (await again.client.call('sync.status', {})).status?.state).toBe('offline');
  });

  it('follows the server’s schema when it gains a tree: opened again by itself, the window told of the new tree and its records', async () => {
    const team = await startTeam();
    const { client } = await replicaHost(team, 'ann');
    const statuses = collect(client, 'sync');
    const announced = collect(client, 'database');
    await until('connected', () => statuses.some((status) => status.state === 'connected'));
    await team.stop();
    // The server's code moves on: a tree added (a compatible change, applied as it opens), with a record.
    const notes = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) });
    const db = await open(team.serverPath, schema(users, pets, toys, notes));
    await db.notes.insert({ text: 'written on the new schema' });
    await db.close();
    await team.restart();

    await until('the refusal that asks for a reopen', () => statuses.some((status) => status.state === 'refused' && status.error?.code === 'STALE_SCHEMA'));
    await until('announced with the new tree', () => announced.some((info) => info.trees.some((summary) => summary.name === 'notes')));
    await expect.poll(async () => (await client.call('records.page', { tree: 'notes', limit: 5 })).entries.map((entry) => entry.value)).toEqual([{ text: 'written on the new schema' }]);
    await expect.poll(async () => (await client.call('sync.status', {})).status?.state).toBe('connected');
  });
});
