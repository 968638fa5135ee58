/**
 * `serve --read-only` as a user starts it, driven over a real WebSocket the
 * way a hostile page script could: no call lifts read-only, for the database
 * it was started on or any other it opens, and no data file changes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleDatabase } from '../sample/index.js';
import { sessionSocket, type SessionAnswer } from '../web/fixtures/test-support.js';
import { runCli } from './fixtures/run-cli.js';

let root: string;
let first: string;
let second: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trellis-serve-read-only-'));
  first = join(root, 'first');
  second = join(root, 'second');
  await createSampleDatabase(first, { tasks: 20 });
  await createSampleDatabase(second, { tasks: 20 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fileHash = (path: string) => createHash('sha256').update(readFileSync(join(path, 'data.mdb'))).digest('hex');

describe('serve --read-only', () => {
  it('stays read-only over its WebSocket for every database it opens, however database.open is asked', { timeout: 120_000 }, async () => {
    const before = { first: fileHash(first), second: fileHash(second) };
    const run = runCli('serve', [first, '--read-only', '--no-open'], { TRELLIS_DATA_DIR: join(root, 'data') });
    try {
      const [, port, token] = await run.line(/ \(read-only\) at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)\n/);
      const { socket, call } = await sessionSocket(Number(port), token!);
      const codeOf = (answer: SessionAnswer) => (answer.ok ? 'ok' : answer.error?.code);

      for (const args of [{ path: first }, { path: first, readOnly: false }, { path: second }, { path: second, readOnly: false }, { path: first, readOnly: true }]) {
        const opened = await call('database.open', args);
        expect({ args, ok: opened.ok, readOnly: opened.result?.readOnly, startedReadOnly: opened.result?.startedReadOnly }).toEqual({ args, ok: true, readOnly: true, startedReadOnly: true });
        const page = await call('records.page', { tree: 'comments', limit: 1 });
        const entry = (page.result?.entries as { key: unknown; value: unknown }[] | undefined)?.[0];
        expect(entry).toBeDefined();
        const writes = [
          await call('records.insert', { tree: 'comments', value: entry?.value }),
          await call('records.put', { tree: 'comments', key: entry?.key, value: entry?.value }),
          await call('records.delete', { tree: 'comments', key: entry?.key }),
          await call('session.setReadOnly', { readOnly: false }),
        ];
        expect(writes.map(codeOf), JSON.stringify(args)).toEqual(['READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY']);
      }
      socket.close();
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited(30_000)).toBe(0);
    expect({ first: fileHash(first), second: fileHash(second) }).toEqual(before);
  });
});
