/**
 * Sync with real processes on 127.0.0.1: a server process and replica processes
 * writing at once; servers and replicas killed with SIGKILL mid-sync.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksum, contentOf, seedServerFile, tempDir } from './fixtures/team.js';
import { revisionOf, settle, start, startServerProcess, verified, type Child } from './fixtures/processes.js';

const children: Child[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill()));
});
const track = <T extends { child: Child } | Child>(started: T): T => {
  children.push('child' in started ? started.child : started);
  return started;
};

describe('real processes', () => {
  it('a server and three replicas writing at once converge to the same content, nothing lost', { timeout: 120_000 }, async () => {
    const serverPath = join(tempDir(), 'server');
    await seedServerFile(serverPath);
    const { url } = track(await startServerProcess(serverPath));
    const paths = [0, 1, 2].map((i) => join(tempDir(), `replica-${i}`));
    const workers = paths.map((path, i) => track(start('replica-worker.ts', [path, url, `w${i}`, String(1000 + i), '60', 'mixed'], `replica ${i}`)));
    for (const worker of workers) await worker.line('written');
    const conflicts = await settle(workers, serverPath);
    // Concurrent users meet stale edits and records others deleted: reported, never applied over.
    for (const code of conflicts) expect(['CONFLICT', 'MISSING_REFERENCE', 'REFERENCED', 'NOT_FOUND']).toContain(code);
    const server = await contentOf(serverPath);
    for (const path of paths) expect(checksum(await contentOf(path))).toBe(checksum(server));
    for (let w = 0; w < 3; w++) for (let i = 0; i < 60; i++) expect(server).toContain(`"w${w}-${i}"`);
    for (const path of [serverPath, ...paths]) expect(await verified(path)).toBe(true);
  });

  it('a server killed with SIGKILL ten times during pushes, and a replica killed mid-sync: nothing lost, nothing applied twice', { timeout: 180_000 }, async () => {
    const serverPath = join(tempDir(), 'server');
    await seedServerFile(serverPath);
    const seeded = await revisionOf(serverPath);
    let server = await startServerProcess(serverPath);
    const port = new URL(server.url).port;
    const replicaPath = join(tempDir(), 'replica');
    const count = 150;
    let worker = start('replica-worker.ts', [replicaPath, server.url, 'k', '7', String(count), 'tags'], 'replica');
    children.push(worker);
    for (let kill = 0; kill < 10; kill++) {
      // A few more local commits (pushed as they come), or the end of them (the outbox still going out).
      const made = worker.count('made');
      await Promise.race([worker.line('made', made + 3), worker.line('written')]);
      await new Promise((resolve) => setTimeout(resolve, kill * 7));
      await server.child.kill();
      if (kill === 4) {
        // The replica too, while it has edits it could not send.
        await worker.kill();
        worker = start('replica-worker.ts', [replicaPath, server.url, 'k', '8', String(count), 'tags'], 'replica again');
        children.push(worker);
      }
      server = await startServerProcess(serverPath, Number(port));
      children.push(server.child);
    }
    await worker.line('written');
    await settle([worker], serverPath);
    await server.child.kill();
    const content = await contentOf(serverPath);
    for (let i = 0; i < count; i++) expect(content).toContain(`"k-${i}"`);
    // One transaction per tag, each applied once: the server's revision moved by exactly the number of tags.
    expect(await revisionOf(serverPath)).toBe(seeded + count);
    expect(checksum(await contentOf(replicaPath))).toBe(checksum(content));
    expect(await verified(serverPath)).toBe(true);
    expect(await verified(replicaPath)).toBe(true);
  });
});
