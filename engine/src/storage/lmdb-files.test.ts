/**
 * The checks before LMDB opens a folder must not disturb an environment this
 * process already has open on it. LMDB holds POSIX record locks on lock.mdb,
 * and such locks go with the first close of any descriptor of the file in the
 * process; had the check opened and closed lock.mdb, another process would
 * find the lock file unclaimed and start it afresh under the open readers.
 * (Crashes and refusals are in engine/src/faults/bad-files.test.ts.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { autoIncrement, open, openDatabase, schema, t, tree } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'trellis-lmdb-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const notes = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) });

/**
 * This process's POSIX locks on `file`, as /proc/locks lists them (Linux), without
 * the line's ordinal: that is the lock's place among every lock on the machine, and
 * moved when another process took or dropped one (CI saw "1:" become "2:").
 */
function locksOn(file: string): string[] {
  const inode = statSync(file).ino;
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((line) => line.includes(` ${process.pid} `) && line.includes(`:${inode} `))
    .map((line) => line.replace(/^\d+:\s*/, ''));
}

describe('opening a database this process has open already', () => {
  it("leaves LMDB's locks on lock.mdb in place (where /proc/locks lists them)", async (context) => {
    if (!existsSync('/proc/locks')) {
      console.info('skipped: no /proc/locks here (Linux only) to see the locks in');
      context.skip();
    }
    const path = join(dir, 'shared');
    const first = await open(path, schema(notes));
    try {
      const lock = join(path, 'lock.mdb');
      const held = locksOn(lock);
      expect(held.length).toBeGreaterThan(0);
      for (const readOnly of [true, false]) {
        const second = await openDatabase(path, { readOnly });
        expect(locksOn(lock), `after a ${readOnly ? 'read-only' : 'writable'} second open`).toEqual(held);
        await second.close();
        expect(locksOn(lock), 'after closing the second').toEqual(held);
      }
      await first.notes.insert({ text: 'still writable' });
    } finally {
      await first.close();
    }
  });
});
