/**
 * The raw reader on environments written by plain lmdb-js: what it lists,
 * how it guesses and pages, what it refuses, and that it writes nothing to
 * data.mdb (lock.mdb is LMDB's table of readers: see raw-environment.ts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openLmdb } from 'lmdb';
import { afterAll, describe, expect, it } from 'vitest';
import { autoIncrement, open, openDatabase, openRawEnvironment, schema, t, tree, MAIN_DATABASE } from '../index.js';
import { makeMainOnlyEnvironment, makeRawEnvironment } from './fixtures/raw-environment.js';

const dir = mkdtempSync(join(tmpdir(), 'trellis-raw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hashOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const cellOptions = { maxChars: 200 };

describe('an lmdb-js environment without a Trellis catalog', () => {
  it('is refused by openDatabase, and read by openRawEnvironment with every decoder guessed', async () => {
    const path = join(dir, 'named');
    await makeRawEnvironment(path, { events: 1000 });
    await expect(openDatabase(path)).rejects.toMatchObject({ code: 'NOT_A_DATABASE', message: expect.stringMatching(/without a Trellis catalog/) });
    const before = hashOf(join(path, 'data.mdb'));

    const env = await openRawEnvironment(path);
    try {
      expect(env.databases()).toEqual([
        { name: 'blobs', count: 2, keyDecoder: 'hex', valueDecoder: 'hex' },
        { name: 'events', count: 1000, keyDecoder: 'ordered-binary', valueDecoder: 'msgpack' },
        { name: 'notes', count: 2, keyDecoder: 'ordered-binary', valueDecoder: 'utf8' },
        { name: 'settings', count: 2, keyDecoder: 'ordered-binary', valueDecoder: 'json' },
        { name: 'users', count: 3, keyDecoder: 'ordered-binary', valueDecoder: 'msgpack' },
      ]);
      const users = env.page('users', { limit: 10 });
      expect(users.hasMore).toBe(false);
      const alice = users.entries[0]!;
      expect(env.cell('users', alice.key, 'ordered-binary', cellOptions).text).toBe('"alice"');
      expect(env.cell('users', alice.value, 'msgpack', cellOptions)).toMatchObject({
        text: '{name: "Alice", age: 30, tags: ["admin", "ops"], joined: Date(2021-03-04T05:06:07.000Z)}',
        failed: false,
        truncated: false,
      });
      // Another decoder that cannot read the bytes shows them in hex and says why.
      const asJson = env.cell('users', alice.value, 'json', cellOptions);
      expect(asJson).toMatchObject({ failed: true, text: Buffer.from(alice.value).toString('hex') });
      expect(asJson.reason).toMatch(/not json/);
      // A long value is cut in the table and whole when asked for more.
      const carol = users.entries[2]!;
      expect(env.cell('users', carol.value, 'msgpack', cellOptions)).toMatchObject({ truncated: true });
      expect(env.cell('users', carol.value, 'msgpack', { maxChars: 100_000 }).text).toContain('x'.repeat(2000));

      expect(env.cell('settings', env.page('settings', { limit: 1 }).entries[0]!.value, 'json', cellOptions).text).toBe('{mode: "dark", contrast: 2}');
      expect(env.cell('notes', env.page('notes', { limit: 1 }).entries[0]!.value, 'utf8', cellOptions).text).toBe('héllo wörld');
      expect(env.cell('blobs', env.page('blobs', { limit: 1 }).entries[0]!.key, 'hex', cellOptions).text).toBe('000102');
    } finally {
      await env.close();
    }
    expect(hashOf(join(path, 'data.mdb'))).toBe(before);
  });

  it('pages by key (keyset) and by offset, exactly to the end', async () => {
    const path = join(dir, 'paging');
    await makeRawEnvironment(path, { events: 2500 });
    const env = await openRawEnvironment(path);
    try {
      const seen: string[] = [];
      let after: Uint8Array | undefined;
      for (;;) {
        const page = env.page('events', { limit: 1000, ...(after ? { after } : {}) });
        seen.push(...page.entries.map((e) => Buffer.from(e.key).toString()));
        after = page.entries.at(-1)?.key;
        if (!page.hasMore) break;
      }
      expect(seen).toHaveLength(2500);
      expect(new Set(seen).size).toBe(2500);
      expect(seen.at(-1)).toBe('event-002499');
      const last = env.page('events', { limit: 100, offset: 2450 });
      expect(last.entries.map((e) => Buffer.from(e.key).toString())).toEqual(seen.slice(2450));
      expect(last.hasMore).toBe(false);
      expect(env.page('events', { limit: 100, offset: 2500 })).toEqual({ entries: [], hasMore: false });
      expect(env.count('events')).toBe(2500);
      expect(env.get('events', Buffer.from('event-000007'))?.value).toBeDefined();
      expect(env.get('events', Buffer.from('nope'))).toBeUndefined();
    } finally {
      await env.close();
    }
  });

  it('jumps by offset from checkpoints to the exact entry, and finds them again after another process writes', async () => {
    const path = join(dir, 'jumps');
    await makeRawEnvironment(path, { events: 10_000 });
    const env = await openRawEnvironment(path);
    const firstKey = (offset: number) => Buffer.from(env.page('events', { limit: 2, offset }).entries[0]!.key).toString();
    try {
      for (const offset of [4095, 4096, 4097, 8192, 9999, 5000]) expect(firstKey(offset), String(offset)).toBe(`event-${String(offset).padStart(6, '0')}`);
      // Another process puts 5,000 entries before all others: every position moves.
      const writer = `import { open } from 'lmdb'; const env = open({ path: ${JSON.stringify(path)}, maxDbs: 16 }); const db = env.openDB({ name: 'events' });
        await db.transaction(() => { for (let i = 0; i < 5000; i++) db.put('aaa-' + String(i).padStart(4, '0'), i); }); await env.close();`;
      execFileSync(process.execPath, ['--input-type=module', '-e', writer], { cwd: join(import.meta.dirname, '../../..') });
      expect(env.count('events')).toBe(15_000);
      expect(firstKey(4999)).toBe('aaa-4999');
      expect(firstKey(9999)).toBe('event-004999');
      expect(firstKey(14_999)).toBe('event-009999');
    } finally {
      await env.close();
    }
  });

  it("writes nothing to data.mdb (bytes and modification time); LMDB's reader table in lock.mdb is used, and made where missing", async () => {
    const path = join(dir, 'what-is-written');
    await makeRawEnvironment(path);
    const data = join(path, 'data.mdb');
    const before = { hash: hashOf(data), mtime: statSync(data).mtimeMs };
    rmSync(join(path, 'lock.mdb'));
    const env = await openRawEnvironment(path);
    try {
      for (const db of env.databases()) env.page(db.name, { limit: 100 });
    } finally {
      await env.close();
    }
    expect({ hash: hashOf(data), mtime: statSync(data).mtimeMs }).toEqual(before);
    expect(existsSync(join(path, 'lock.mdb'))).toBe(true);
  });

  it("reads msgpack records that refer to lmdb-js's shared structures, stored in the database", async () => {
    const path = join(dir, 'shared-structures');
    const writer = openLmdb({ path, maxDbs: 4 });
    const things = writer.openDB({ name: 'things', sharedStructuresKey: Symbol.for('structures') });
    await things.put('a', { name: 'first', size: 1 });
    await things.put('b', { name: 'second', size: 2 });
    await writer.close();
    const env = await openRawEnvironment(path);
    try {
      expect(env.databases()).toEqual([{ name: 'things', count: 3, keyDecoder: 'ordered-binary', valueDecoder: 'msgpack' }]);
      const texts = env.page('things', { limit: 10 }).entries.map((e) => [env.cell('things', e.key, 'ordered-binary', cellOptions).text, env.cell('things', e.value, 'msgpack', cellOptions).text]);
      expect(texts).toEqual([
        ['Symbol(structures)', '[["name", "size"]]'],
        ['"a"', '{name: "first", size: 1}'],
        ['"b"', '{name: "second", size: 2}'],
      ]);
    } finally {
      await env.close();
    }
  });

  it('lists the unnamed main database when the data is kept there', async () => {
    const path = join(dir, 'main-only');
    await makeMainOnlyEnvironment(path);
    await expect(openDatabase(path)).rejects.toMatchObject({ code: 'NOT_A_DATABASE' });
    const env = await openRawEnvironment(path);
    try {
      expect(env.databases()).toEqual([{ name: MAIN_DATABASE, count: 5, keyDecoder: 'ordered-binary', valueDecoder: 'msgpack' }]);
      expect(env.cell(MAIN_DATABASE, env.page(MAIN_DATABASE, { limit: 1 }).entries[0]!.value, 'msgpack', cellOptions).text).toBe('{i: 0}');
    } finally {
      await env.close();
    }
  });

  it('refuses what is not an LMDB environment, and a Trellis database, as NOT_A_DATABASE, creating nothing', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'hello');
    const fake = join(dir, 'fake');
    mkdirSync(fake);
    writeFileSync(join(fake, 'data.mdb'), Buffer.alloc(8192, 7));
    for (const path of [empty, file, fake, join(dir, 'missing')]) {
      await expect(openRawEnvironment(path), path).rejects.toMatchObject({ code: 'NOT_A_DATABASE' });
    }
    expect(existsSync(join(empty, 'lock.mdb'))).toBe(false);
    expect(existsSync(join(fake, 'lock.mdb'))).toBe(false);
    expect(existsSync(join(dir, 'missing'))).toBe(false);

    const trellis = join(dir, 'trellis');
    const db = await open(trellis, schema(tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) })));
    await db.close();
    await expect(openRawEnvironment(trellis)).rejects.toMatchObject({ code: 'NOT_A_DATABASE', message: expect.stringMatching(/is a Trellis database/) });
  });
});
