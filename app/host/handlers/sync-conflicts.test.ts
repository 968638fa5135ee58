/**
 * Transactions the server did not apply, through the host: a stale edit
 * (the record moved on on the server while this replica was offline) and a
 * refused one (a user who may not write). Both versions per record, "keep
 * mine" as a new transaction the server takes, "take theirs" by dismissing.
 */
import { describe, expect, it } from 'vitest';
import { codeOf, collect, until } from '../fixtures/host-harness.js';
import { otherReplica, replicaHost, startTeam, type Team } from '../fixtures/replica-harness.js';
import { JOINED } from '../fixtures/sample-database.js';
import type { Transport } from '../../contract/index.js';

/** ann edits users/3 offline while the server's copy changes under her: her edit comes back a conflict. */
async function staleEdit(team: Team): Promise<{ client: Transport }> {
  const { client } = await replicaHost(team, 'ann');
  await expect.poll(async () => (await client.call('records.get', { tree: 'users', key: 3 })).entry?.revision).toBeGreaterThan(0);
  await team.stop();
  await client.call('records.put', { tree: 'users', key: 3, value: { name: 'mine', joined: JOINED } });
  await team.writeOnServer((db) => db.tree('users').put(3, { name: 'theirs', joined: JOINED }));
  const statuses = collect(client, 'sync');
  await team.restart();
  await until('the conflict', () => statuses.some((status) => status.conflicts === 1 && status.waiting === 0), 20_000);
  return { client };
}

describe('sync conflicts', () => {
  it('lists a stale edit with my version and the server’s, and "keep mine" sends mine as a new transaction', async () => {
    const team = await startTeam();
    const { client } = await staleEdit(team);
    const { conflicts, total, truncated } = await client.call('sync.conflicts', {});
    expect({ total, truncated }).toEqual({ total: 1, truncated: false });
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({ status: 'conflict', code: 'CONFLICT', more: 0 });
    expect(conflict?.records).toEqual([
      {
        tree: 'users',
        key: 3,
        text: 'users/3',
        mine: { value: { name: 'mine', joined: JOINED } },
        theirs: { key: 3, text: 'users/3', revision: expect.any(Number) as number, value: { name: 'theirs', joined: JOINED } },
      },
    ]);
    // The replica shows the server's version again meanwhile.
    expect((await client.call('records.get', { tree: 'users', key: 3 })).entry?.value).toMatchObject({ name: 'theirs' });

    expect(await client.call('sync.keepMine', { id: conflict!.id })).toEqual({ written: 1 });
    expect((await client.call('sync.conflicts', {})).conflicts).toEqual([]);
    const bob = await otherReplica(team, 'bob');
    await expect.poll(() => (bob.db.tree('users').get(3)?.value as { name: string } | undefined)?.name, { timeout: 15_000 }).toBe('mine');
    await expect.poll(async () => (await client.call('sync.status', {})).status).toMatchObject({ waiting: 0, conflicts: 0 });
    expect(await codeOf(client.call('sync.keepMine', { id: conflict!.id }))).toBe('NOT_FOUND');
  });

  it('"take theirs" dismisses: the server’s version stays', async () => {
    const team = await startTeam();
    const { client } = await staleEdit(team);
    const [conflict] = (await client.call('sync.conflicts', {})).conflicts;
    expect(await client.call('sync.dismissConflict', { id: conflict!.id })).toEqual({ dismissed: true });
    expect(await client.call('sync.dismissConflict', { id: conflict!.id })).toEqual({ dismissed: false });
    await expect.poll(async () => (await client.call('sync.status', {})).status?.conflicts).toBe(0);
    expect((await client.call('records.get', { tree: 'users', key: 3 })).entry?.value).toMatchObject({ name: 'theirs' });
  });

  it('a refused edit (this user may not write) comes back with the server’s reason; mine sent again is refused again', async () => {
    const team = await startTeam();
    const { client } = await replicaHost(team, 'reader');
    const statuses = collect(client, 'sync');
    await expect.poll(async () => (await client.call('records.get', { tree: 'users', key: 5 })).entry?.revision).toBeGreaterThan(0);
    await client.call('records.put', { tree: 'users', key: 5, value: { name: 'not allowed', joined: JOINED } });
    await until('the refusal', () => statuses.some((status) => status.conflicts === 1));
    const [conflict] = (await client.call('sync.conflicts', {})).conflicts;
    expect(conflict).toMatchObject({ status: 'refused', code: 'FORBIDDEN', records: [{ text: 'users/5', mine: { value: { name: 'not allowed' } }, theirs: { value: { name: 'user05' } } }] });
    expect(conflict?.message).toMatch(/users/);
    expect(await client.call('sync.keepMine', { id: conflict!.id })).toEqual({ written: 1 });
    await expect.poll(async () => (await client.call('sync.conflicts', {})).conflicts.map((c) => [c.id > conflict!.id, c.code]), { timeout: 15_000 }).toEqual([[true, 'FORBIDDEN']]);
  });
});
