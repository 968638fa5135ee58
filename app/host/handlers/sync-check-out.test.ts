/**
 * Check-out through the host (toys must be checked out on the team's server):
 * a save without one is refused as CHECKED_OUT like any write error, a
 * check-out is this replica's own and shows to others with its holder, the
 * server's refusals keep their own codes, and only an administrator breaks one.
 */
import { describe, expect, it } from 'vitest';
import { collect, failure, until } from '../fixtures/host-harness.js';
import { otherReplica, replicaHost, startTeam } from '../fixtures/replica-harness.js';
import type { Transport } from '../../contract/index.js';

const BALL = [1, 'ball'];
const BONE = [1, 'bone'];
const toy = (name: string, squeaks: boolean) => ({ owner: 1, name, squeaks });

async function ready(client: Transport): Promise<void> {
  await expect.poll(async () => (await client.call('records.get', { tree: 'toys', key: BALL })).entry?.revision).toBeGreaterThan(0);
  await expect.poll(async () => (await client.call('database.info', {})).replica?.checkOut).toEqual(['toys']);
}

describe('check-out', () => {
  it('a save without one is refused as CHECKED_OUT, nothing written; with one it saves and others see the holder', async () => {
    const team = await startTeam();
    const { client } = await replicaHost(team, 'ann');
    await ready(client);
    const refused = await failure(client.call('records.put', { tree: 'toys', key: BALL, value: toy('ball', false) }));
    expect(refused.code).toBe('CHECKED_OUT');
    expect(refused.message).toMatch(/toys \[1,"ball"\] must be checked out before it is changed or deleted: nothing was written/);
    expect((await client.call('sync.status', {})).status).toMatchObject({ waiting: 0 });

    const bob = await otherReplica(team, 'bob');
    const leases = collect(client, 'lease');
    const { lease } = await client.call('sync.checkOut', { tree: 'toys', key: BALL, minutes: 30 });
    expect(lease).toMatchObject({ tree: 'toys', key: BALL, text: 'toys/[1,"ball"]', user: 'ann', mine: true });
    expect(lease.expires - lease.since).toBe(30 * 60_000);
    await until('the lease event', () => leases.some((change) => change.text === 'toys/[1,"ball"]' && change.lease?.mine === true));
    expect((await client.call('sync.leases', { tree: 'toys' })).leases).toEqual([lease]);
    await expect.poll(() => bob.sync.leaseOf('toys', BALL)?.user).toBe('ann');

    await client.call('records.put', { tree: 'toys', key: BALL, value: toy('ball', false) });
    await expect.poll(() => (bob.db.tree('toys').get(BALL)?.value as { squeaks: boolean } | undefined)?.squeaks).toBe(false);
    expect(await client.call('sync.checkIn', { tree: 'toys', key: BALL })).toEqual({ removed: true });
    await until('given back', () => leases.at(-1)?.lease === null);
    expect((await client.call('sync.leases', {})).leases).toEqual([]);
  });

  it('another’s check-out shows as theirs; taking or giving it back is refused with the server’s CHECKED_OUT, breaking it needs an administrator', async () => {
    const team = await startTeam();
    const ann = await replicaHost(team, 'ann');
    const root = await replicaHost(team, 'root');
    await Promise.all([ready(ann.client), ready(root.client)]);
    // The status names the token's user, and whether it may break a check-out (the record panel offers it then).
    await expect.poll(async () => (await ann.client.call('sync.status', {})).status).toMatchObject({ user: 'ann', admin: false });
    await expect.poll(async () => (await root.client.call('sync.status', {})).status).toMatchObject({ user: 'root', admin: true });
    const leases = collect(ann.client, 'lease');
    const bob = await otherReplica(team, 'bob');
    await bob.sync.checkOut('toys', BONE, 10);
    await until('bob’s check-out', () => leases.some((change) => change.lease?.user === 'bob'));
    expect(leases.at(-1)).toMatchObject({ text: 'toys/[1,"bone"]', lease: { user: 'bob', mine: false } });

    const taken = await failure(ann.client.call('sync.checkOut', { tree: 'toys', key: BONE }));
    expect({ code: taken.code, message: taken.message }).toEqual({ code: 'CHECKED_OUT', message: expect.stringMatching(/^toys \[1,"bone"\] is checked out by bob until /) as string });
    const edit = await failure(ann.client.call('records.delete', { tree: 'toys', key: BONE }));
    expect(edit.code).toBe('CHECKED_OUT');
    expect(edit.message).toMatch(/checked out by bob/);
    expect((await failure(ann.client.call('sync.checkIn', { tree: 'toys', key: BONE }))).code).toBe('CHECKED_OUT');
    const forced = await failure(ann.client.call('sync.checkIn', { tree: 'toys', key: BONE, force: true }));
    expect({ code: forced.code, message: forced.message }).toEqual({ code: 'FORBIDDEN', message: 'only an administrator may break a check-out (ann is not one)' });

    expect(await root.client.call('sync.checkIn', { tree: 'toys', key: BONE, force: true })).toEqual({ removed: true });
    await until('broken', () => leases.at(-1)?.lease === null);
    await expect.poll(() => bob.sync.leaseOf('toys', BONE)).toBeUndefined();
  });

  it('a check-out stays this replica’s own when the host starts again (known by the replica’s id, not learnt from the call)', async () => {
    const team = await startTeam();
    const first = await replicaHost(team, 'ann');
    await ready(first.client);
    await first.client.call('sync.checkOut', { tree: 'toys', key: BALL });
    await first.host.close();
    const again = await replicaHost(team, 'ann');
    expect((await again.client.call('sync.leases', {})).leases).toEqual([expect.objectContaining({ text: 'toys/[1,"ball"]', user: 'ann', mine: true })]);
    await again.client.call('records.put', { tree: 'toys', key: BALL, value: toy('ball', true) });
    // Another replica of the same user is not the holder: one user may work from two machines.
    const elsewhere = await replicaHost(team, 'ann', 'ann-laptop');
    await ready(elsewhere.client);
    expect((await elsewhere.client.call('sync.leases', {})).leases).toEqual([expect.objectContaining({ user: 'ann', mine: false })]);
    expect((await failure(elsewhere.client.call('records.put', { tree: 'toys', key: BALL, value: toy('ball', false) }))).code).toBe('CHECKED_OUT');
  });

  it('needs the server: offline, a check-out is refused as OFFLINE', async () => {
    const team = await startTeam();
    const { client } = await replicaHost(team, 'ann');
    await ready(client);
    await team.stop();
    await expect.poll(async () => (await client.call('sync.status', {})).status?.state).toBe('offline');
    const offline = await failure(client.call('sync.checkOut', { tree: 'toys', key: BALL }));
    expect(offline.code).toBe('OFFLINE');
    expect(offline.message).toMatch(/cannot check a record out while the server cannot be reached/);
  });
});
