import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueServerToken } from '../open-shared.js';
import { contentOf, seedServerFile, tempDir } from './fixtures/team.js';
import { replica, restart, type TeamReplica } from './fixtures/sync-harness.js';
import { CheckedOutError } from './leases.js';

/** A server whose tasks must be checked out, with tokens for ann, bob and root (an administrator). */
async function checkOutServer(clock: () => number = Date.now) {
  const path = join(tempDir(), 'server');
  await seedServerFile(path);
  const token = async (user: string, admin = false) => issueServerToken(path, { user, read: ['*'], write: ['*'], admin });
  const tokens = { ann: await token('ann'), bob: await token('bob'), root: await token('root', true) };
  const options = { open: false, checkOut: ['tasks'], clock };
  const server = await restart(path, 'ws://127.0.0.1:0', options);
  return { server, path, tokens, options };
}

async function firstTask(r: TeamReplica) {
  await r.sync.synced();
  const [task] = [...r.db.tasks.range()];
  if (!task) throw new Error('no task');
  return task.key;
}

describe('check-out', () => {
  it('is needed to edit a record of a check-out tree; the holder is shown to everyone; others are refused', async () => {
    const { server, path, tokens } = await checkOutServer();
    const ann = await replica(server, { token: tokens.ann });
    const bob = await replica(server, { token: tokens.bob });
    const task = await firstTask(ann);
    await bob.sync.synced();
    expect(ann.sync.checkOutTrees()).toEqual(['tasks']);

    const refused = await ann.db.tasks.update(task, { done: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CheckedOutError);
    expect((refused as Error).message).toMatch(/must be checked out before it is changed/);
    expect(ann.sync.status().waiting).toBe(0); // nothing written, nothing queued

    expect(ann.sync.status()).toMatchObject({ user: 'ann', admin: false });
    const lease = await ann.sync.checkOut('tasks', task, 30);
    expect(lease).toMatchObject({ user: 'ann', tree: 'tasks', clientId: ann.sync.clientId });
    expect(ann.sync.clientId).not.toBe(bob.sync.clientId);
    await expect.poll(() => bob.sync.leaseOf('tasks', task)?.user).toBe('ann');
    // The server's refusal keeps its code and class on the replica.
    await expect(bob.sync.checkOut('tasks', task)).rejects.toSatisfy((error) => error instanceof CheckedOutError && /checked out by ann until/.test(error.message));
    await expect(bob.db.tasks.update(task, { done: true })).rejects.toThrow(/checked out by ann/);
    await expect(bob.sync.checkIn('tasks', task)).rejects.toThrow(/only they or an administrator/);

    await ann.db.tasks.update(task, { done: true });
    await ann.db.projects.insert({ title: 'no check-out needed: projects do not require it' });
    await ann.db.tasks.insert({ title: 'a new task needs none', done: false, project: [...ann.db.projects.range()][0]!.key, assignee: null });
    await ann.sync.synced();
    await expect.poll(() => bob.db.tasks.get(task)?.done).toBe(true);

    expect(await ann.sync.checkIn('tasks', task)).toBe(true);
    await expect.poll(() => bob.sync.leaseOf('tasks', task)).toBeUndefined();
    await bob.sync.checkOut('tasks', task);
    await bob.db.tasks.update(task, { title: 'bob’s now' });
    await bob.sync.synced();
    await server.close();
    expect(await contentOf(path)).toContain('bob’s now');
  });

  it('a lease expires: the holder’s edit sent after its end is refused by the server, and others may take it', async () => {
    let now = Date.now();
    const clock = () => now;
    const { server, path, tokens, options } = await checkOutServer(clock);
    const ann = await replica(server, { token: tokens.ann, clock });
    const task = await firstTask(ann);
    await ann.sync.checkOut('tasks', task, 5);
    await server.close();
    await ann.db.tasks.update(task, { done: true }); // offline, within the lease: taken locally
    now += 6 * 60_000;
    await expect(ann.db.tasks.update(task, { title: 'too late' })).rejects.toThrow(/check-out of tasks .* ended at/);
    const back = await restart(path, server.url, { ...options, checkOut: undefined });
    await ann.sync.synced();
    const [conflict] = ann.sync.conflicts();
    expect(conflict).toMatchObject({ status: 'refused', code: 'CHECKED_OUT' });
    expect(conflict?.message).toMatch(/ended at/);
    expect(ann.db.tasks.get(task)?.done).toBe(false); // the server's version again
    const bob = await replica(back, { token: tokens.bob, clock });
    await bob.sync.synced();
    await bob.sync.checkOut('tasks', task, 5); // the expired lease is taken over
    await expect.poll(() => ann.sync.leaseOf('tasks', task)?.user).toBe('bob');
    await back.close();
    expect(await contentOf(path)).not.toContain('"done":true');
  });

  it('an administrator breaks a check-out; the holder can no longer edit', async () => {
    const { server, tokens } = await checkOutServer();
    const ann = await replica(server, { token: tokens.ann });
    const root = await replica(server, { token: tokens.root });
    const bob = await replica(server, { token: tokens.bob });
    const task = await firstTask(ann);
    await Promise.all([root.sync.synced(), bob.sync.synced()]);
    expect(root.sync.status()).toMatchObject({ user: 'root', admin: true });
    await ann.sync.checkOut('tasks', task);
    await expect(bob.sync.checkIn('tasks', task, { force: true })).rejects.toThrow(/only an administrator may break a check-out \(bob is not one\)/);
    expect(await root.sync.checkIn('tasks', task, { force: true })).toBe(true);
    await expect.poll(() => ann.sync.leaseOf('tasks', task)).toBeUndefined();
    await expect(ann.db.tasks.update(task, { done: true })).rejects.toThrow(/must be checked out/);
  });

  it('check-outs survive a restart of the server and of the replica: the holder edits offline, others stay refused', async () => {
    const { server, path, tokens, options } = await checkOutServer();
    const ann = await replica(server, { token: tokens.ann });
    const task = await firstTask(ann);
    await ann.sync.checkOut('tasks', task);
    const annPath = ann.db.path;
    await ann.close();
    await server.close();
    // Both down: ann's replica comes back first, offline, and may still edit what it holds.
    const annAgain = await replica(server, { token: tokens.ann }, annPath);
    expect(annAgain.sync.leaseOf('tasks', task)?.user).toBe('ann');
    await annAgain.db.tasks.update(task, { title: 'edited offline under my check-out' });
    const back = await restart(path, server.url, { ...options, checkOut: undefined });
    await annAgain.sync.synced();
    expect(annAgain.sync.conflicts()).toEqual([]);
    const bob = await replica(back, { token: tokens.bob });
    await bob.sync.synced();
    expect(bob.sync.leaseOf('tasks', task)?.user).toBe('ann');
    expect(bob.db.tasks.get(task)?.title).toBe('edited offline under my check-out');
    await expect(bob.sync.checkOut('tasks', task)).rejects.toThrow(/checked out by ann/);
  });
});
