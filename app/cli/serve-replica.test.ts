/**
 * `serve PATH --server URL` as a user starts it: a replica made from a real
 * Trellis server at a new PATH, served over the web host's WebSocket; an edit
 * made through it reaches another replica of the same server. A new replica
 * whose server cannot be reached is one line and exit 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplicaDatabase, startServer, type OpaqueReplica, type TrellisServer } from '@trellis/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleDatabase } from '../sample/index.js';
import { sessionSocket } from '../web/fixtures/test-support.js';
import { runCli } from './fixtures/run-cli.js';

let root: string;
let server: TrellisServer;
let other: OpaqueReplica;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trellis-serve-replica-'));
  await createSampleDatabase(join(root, 'server'), { tasks: 10 });
  server = await startServer(join(root, 'server'), { open: true });
  other = await openReplicaDatabase(join(root, 'other'), { server: server.url, retryMaxMs: 200 });
});
afterAll(async () => {
  await other.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('serve --server', () => {
  it('makes a replica at a new path, says so, and sends what is written through it to the server', { timeout: 60_000 }, async () => {
    const replica = join(root, 'replica');
    const run = runCli('serve', [replica, '--server', server.url, '--no-open'], { TRELLIS_DATA_DIR: join(root, 'data') });
    try {
      const [line, port, token] = await run.line(/^Trellis is serving .+ \(a replica of ws:\/\/\S+\) at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)\n/);
      expect(line).toContain(`Trellis is serving ${replica} (a replica of ${server.url}) at `);
      const { socket, call } = await sessionSocket(Number(port), token!);

      const info = await call('database.info', {});
      expect(info.result).toMatchObject({ path: replica, replica: { server: server.url, checkOut: [] } });
      // A new replica starts with the server's trees; their records arrive by sync, a moment later.
      const firstComment = async () => ((await call('records.page', { tree: 'comments', limit: 1 })).result?.entries as { key: number; value: Record<string, unknown> }[])[0];
      await expect.poll(firstComment, { timeout: 20_000 }).toBeDefined();
      const comment = (await firstComment())!;
      const put = await call('records.put', { tree: 'comments', key: comment.key, value: { ...comment.value, body: 'written through serve --server' } });
      expect(put.ok).toBe(true);
      await expect.poll(() => (other.db.tree('comments').get(comment.key)?.value as { body?: string } | undefined)?.body, { timeout: 20_000 }).toBe('written through serve --server');
      socket.close();
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited(30_000)).toBe(0);
  });

  it('exits 1 with one line when a new replica’s server cannot be reached', async () => {
    const run = runCli('serve', [join(root, 'unmade'), '--server', 'ws://127.0.0.1:9', '--no-open'], { TRELLIS_DATA_DIR: join(root, 'data') });
    expect(await run.exited(30_000)).toBe(1);
    expect(run.stderr()).toMatch(/^trellis serve: cannot make a replica at \S+unmade: .*ws:\/\/127\.0\.0\.1:9.*\n$/);
  });
});
