/**
 * An application process writing while the browser's host reads the same
 * database: a child (./fixtures/churn-writer.ts) runs 60 transactions of
 * inserts, updates and deletes while this process pages, gets and counts
 * without pause. No call fails, every committed write arrives as a `changes`
 * event (or a resync), and the host's final pages equal what the writer left.
 */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collect, startHost, until } from './fixtures/host-harness.js';
import { USER_COUNT } from './fixtures/sample-database.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const TRANSACTIONS = 60;

function churn(path: string): Promise<{ done: number; live: number[] }> {
  return new Promise((done, fail) => {
    const args = ['--conditions=source', '--import', 'tsx', join(here, 'fixtures', 'churn-writer.ts'), path, String(TRANSACTIONS), '11'];
    execFile(process.execPath, args, { cwd: root, timeout: 90_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`writer failed: ${error.message}\n${stderr}`));
      else done(JSON.parse(stdout) as { done: number; live: number[] });
    });
  });
}

describe('another process writing while the host reads', () => {
  it('no call fails, every write is announced, and the host ends up reading exactly what was written', async () => {
    const { client, sample, logged } = await startHost({ watchIntervalMs: 50 });
    const events = collect(client, 'changes');
    const startRevision = (await client.call('database.info', {})).revision;
    const writing = churn(sample.path);
    let finished = false;
    void writing.finally(() => (finished = true));
    let reads = 0;
    const failures: unknown[] = [];
    while (!finished) {
      try {
        const page = await client.call('records.page', { tree: 'users', limit: 50 });
        for (const entry of page.entries) expect(entry.problems, entry.text).toBeUndefined();
        const last = page.entries.at(-1);
        if (last) await client.call('records.get', { tree: 'users', key: last.key });
        await client.call('records.page', { tree: 'users', limit: 10, reverse: true, offset: 3 });
        await client.call('database.info', {});
        reads++;
      } catch (error) {
        failures.push(error);
      }
      await new Promise((wake) => setImmediate(wake));
    }
    const { live } = await writing;
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(0);

    const finalRevision = (await client.call('database.info', {})).revision;
    expect(finalRevision).toBeGreaterThanOrEqual(startRevision + TRANSACTIONS);
    // Every committed write is announced once the watcher has caught up: listed one by one, or covered by a resync.
    await until('the events up to the last revision', () => events.some((e) => e.revision >= finalRevision), 10_000);
    const resynced = events.some((e) => e.resync);
    if (!resynced) {
      const revisions = new Set(events.flatMap((e) => e.changes.map((c) => c.revision)));
      for (let revision = startRevision + 1; revision <= finalRevision; revision++) expect(revisions.has(revision), `revision ${revision}`).toBe(true);
      expect(events.flatMap((e) => e.changes).every((c) => !c.local && c.tree === 'users')).toBe(true);
    }

    // The host's pages now hold the sample's users plus exactly the writer's live ones.
    const page = await client.call('records.page', { tree: 'users', limit: 1000 });
    const expected = [...Array.from({ length: USER_COUNT }, (_, i) => i + 1), ...live].sort((a, b) => a - b);
    expect(page.entries.map((e) => e.key)).toEqual(expected);
    expect(page.count).toBe(expected.length);
    expect(logged).toEqual([]);
  }, 120_000);
});
