/**
 * Export and import through the opaque face, on both backends: exact round
 * trips (counters included), references to later lines, every kind of bad
 * input refused with its line and path before anything is written, and a
 * failure while writing that a re-run repairs.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { autoIncrement, composite, createDatabase, custom, openDatabase, parseExportHeader, schema, t, tree, type Database, type ImportResult, type OpaqueDatabase } from '@trellis/engine';
import { afterThisTest, backends, tempDir } from '../testing/contract-backends.js';

const people = tree('people', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), email: t.optional(t.string()), joined: t.timestamp(), avatar: t.bytes(), boss: t.nullable(t.ref('people')) }),
  indexes: { byEmail: { on: 'email', unique: true } },
});
const projects = tree('projects', {
  key: composite('owner', 'slug'),
  value: t.object({ owner: t.ref('people'), slug: t.string(), members: t.refs('people') }),
});
const words = tree('words', { key: custom(t.string(), (v: { word: string }) => v.word.toLowerCase()), value: t.object({ word: t.string() }) });
const appSchema = schema(people, projects, words);
type Db = Database<typeof appSchema>;

async function fill(db: Db): Promise<void> {
  const at = new Date('2024-02-03T04:05:06.789Z');
  await db.transaction((tx) => {
    const ann = tx.people.insert({ name: 'Ann', email: 'ann@x', joined: at, avatar: new Uint8Array([1, 2, 255]), boss: null });
    const bob = tx.people.insert({ name: 'Bob', joined: at, avatar: new Uint8Array([]), boss: ann });
    tx.people.update(ann, (v) => ({ ...v, boss: bob }));
    tx.projects.insert({ owner: ann, slug: 'roof', members: [ann, bob] });
    tx.words.insert({ word: 'Hello' });
    const gone = tx.people.insert({ name: 'Gone', joined: at, avatar: new Uint8Array([0]), boss: null });
    tx.people.delete(gone); // the counter (3) now runs ahead of the last key (2)
  });
}

async function text(db: OpaqueDatabase, trees?: string[]): Promise<string> {
  let out = '';
  for await (const chunk of db.export({ trees, pageSize: 2 })) out += chunk;
  return out;
}

const source = (file: string) => () => [file];
const lines = (...docs: unknown[]) => docs.map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join('\n') + '\n';
const problemsOf = (result: ImportResult) => (result.ok ? [] : result.problems.map(({ line, path }) => ({ line, path })));

describe.each(backends)('export and import ($name)', (backend) => {
  it('round-trips every tree exactly: records, text forms, and the counter the next insert takes', async () => {
    const original = await backend.open(appSchema);
    await fill(original);
    const file = await text(original.opaque);
    const copy = await backend.open(appSchema);
    const result = await copy.opaque.import(source(file), { batchSize: 2 });
    expect(result).toEqual({ ok: true, records: 4, batches: 2 });
    expect(await text(copy.opaque)).toBe(file);
    expect(file.split('\n')[1]).toBe('{"tree":"people","key":1,"value":{"name":"Ann","email":"ann@x","joined":"2024-02-03T04:05:06.789Z","avatar":"AQL/","boss":2}}');
    const next = { name: 'New', joined: new Date(0), avatar: new Uint8Array(), boss: null };
    expect(await copy.people.insert(next)).toBe(await original.people.insert(next));
    expect((await copy.opaque.verify()).ok).toBe(true);
  });

  it('exports the trees asked for, in that order, with progress', async () => {
    const db = await backend.open(appSchema);
    await fill(db);
    const progress: number[] = [];
    let out = '';
    for await (const chunk of db.opaque.export({ trees: ['words', 'people'], pageSize: 1, onProgress: (p) => progress.push(p.records) })) out += chunk;
    const docs = out.trim().split('\n').map((l) => JSON.parse(l) as { tree?: string; trellis?: string; trees?: object; counters?: object });
    expect(docs.map((d) => d.tree ?? d.trellis)).toEqual(['export', 'words', 'people', 'people', 'end']);
    expect(Object.keys(docs[0]!.trees!)).toEqual(['words', 'people']);
    expect(docs[0]!.counters).toEqual({ people: 3 });
    expect(progress).toEqual([1, 2, 3]);
  });

  it('admits a reference to a record later in the file, across batches', async () => {
    const db = await backend.open(appSchema);
    const file = lines(
      { tree: 'projects', key: [2, 'p'], value: { owner: 2, slug: 'p', members: [1, 2] } },
      { tree: 'people', key: 1, value: { name: 'A', joined: '2020-01-01T00:00:00.000Z', avatar: '', boss: 2 } },
      { tree: 'people', key: 2, value: { name: 'B', joined: '2020-01-01T00:00:00.000Z', avatar: '', boss: null } },
    );
    expect(await db.opaque.import(source(file), { batchSize: 1 })).toEqual({ ok: true, records: 3, batches: 3 });
    expect(db.projects.get([2, 'p'] as never)).toEqual({ owner: 2, slug: 'p', members: [1, 2] });
    expect((await db.opaque.verify()).ok).toBe(true);
  });

  it('refuses bad input with its line and path, and writes nothing', async () => {
    const db = await backend.open(appSchema);
    const person = (key: number, boss: number | null = null) => ({ tree: 'people', key, value: { name: 'P', joined: '2020-01-01T00:00:00.000Z', avatar: '', boss } });
    const file = lines(
      person(1),
      '{"tree":"people", "key": 2, ', // malformed (line 2)
      { tree: 'pets', key: 1, value: {} }, // wrong tree (3)
      { tree: 'people', key: 3, value: { name: 7, joined: '2020-01-01T00:00:00.000Z', avatar: '', boss: null } }, // invalid value (4)
      person(4, 99), // dangling reference (5)
      person(1), // duplicate of line 1 (6)
      { tree: 'people', key: 'x', value: person(0).value }, // invalid key (7)
      { tree: 'words', key: 'hello', value: { word: 'Bye' } }, // a key the value contradicts (8)
    );
    const result = await db.opaque.import(source(file));
    expect(result.ok).toBe(false);
    expect(problemsOf(result)).toEqual([
      { line: 2, path: '' },
      { line: 3, path: '/tree' },
      { line: 4, path: '/value/name' },
      { line: 6, path: '/key' },
      { line: 7, path: '/key' },
      { line: 8, path: '/key' },
      { line: 5, path: '/value/boss' },
    ]);
    expect(!result.ok && result.stage).toBe('checking');
    expect(!result.ok && result.problems.find((p) => p.line === 5)?.message).toBe('refers to people/99, which is neither in the database nor in the file');
    expect(db.people.count()).toBe(0);
  });

  it('refuses a cut-off export, and one whose trees differ from the database’s', async () => {
    const db = await backend.open(appSchema);
    await fill(db);
    const file = await text(db.opaque, ['words']);
    const cut = file.split('\n').slice(0, -2).join('\n') + '\n'; // the trailer gone
    const target = await backend.open(appSchema);
    expect(problemsOf(await target.opaque.import(source(cut)))).toEqual([{ line: 3, path: '' }]);
    const [head, ...rest] = file.split('\n');
    const header = parseExportHeader(head!)!;
    const changed = { ...header, trees: { words: { ...header.trees['words']!, indexes: [{ name: 'byWord', on: ['word'], unique: false }] } } };
    const other = await target.opaque.import(source([JSON.stringify(changed), ...rest].join('\n')));
    expect(problemsOf(other)).toEqual([{ line: 1, path: '/trees/words' }]);
    expect(target.words.count()).toBe(0);
  });

  it('a failure while writing keeps the batches before it; a re-run after fixing the input completes', async () => {
    const db = await backend.open(appSchema);
    await db.people.insert({ name: 'Old', email: 'taken@x', joined: new Date(0), avatar: new Uint8Array(), boss: null });
    const person = (key: number, email: string) => ({ tree: 'people', key, value: { name: `P${key}`, email, joined: '2020-01-01T00:00:00.000Z', avatar: '', boss: null } });
    const bad = lines(person(10, 'a@x'), person(11, 'b@x'), person(12, 'taken@x'));
    const failed = await db.opaque.import(source(bad), { batchSize: 2 });
    expect(failed).toMatchObject({ ok: false, stage: 'writing', records: 2, problems: [{ line: 3 }] });
    expect(db.people.count()).toBe(3);
    const fixed = lines(person(10, 'a@x'), person(11, 'b@x'), person(12, 'c@x'));
    const undo: unknown[] = [];
    const again = await db.opaque.import(source(fixed), { batchSize: 2, onBatch: (w) => undo.push(...w) });
    expect(again).toEqual({ ok: true, records: 3, batches: 2 });
    expect(db.people.count()).toBe(4);
    expect(undo).toEqual([
      { tree: 'people', key: 10, previous: person(10, 'a@x').value },
      { tree: 'people', key: 11, previous: person(11, 'b@x').value },
      { tree: 'people', key: 12, previous: undefined },
    ]);
    expect((await db.opaque.verify()).ok).toBe(true);
  });

  it('in parts: checks records given as data (a missing target named), writes a batch that awaits a later one', async () => {
    const db = await backend.open(appSchema);
    const person = (key: number, boss: number | null) => ({ tree: 'people', key, value: { name: `P${key}`, joined: '2020-01-01T00:00:00.000Z', avatar: '', boss } });
    const problems = db.opaque.checkImport([person(1, 2), { ...person(2, null), value: { ...person(2, null).value, name: 3 } }]);
    expect(problems.map(({ line, path, target }) => ({ line, path, target }))).toEqual([
      { line: 2, path: '/value/name', target: undefined },
      { line: 1, path: '/value/boss', target: { tree: 'people', key: 2 } },
    ]);
    await expect(db.opaque.writeImport([person(1, 2)])).rejects.toThrow(/refers to people/);
    const first = await db.opaque.writeImport([person(1, 2)], (tree, key) => tree === 'people' && key === 2);
    expect(first).toEqual([{ tree: 'people', key: 1, previous: undefined }]);
    await db.opaque.writeImport([person(2, null)]);
    expect((await db.opaque.writeImport([person(2, 1)]))[0]!.previous).toEqual(person(2, null).value);
    expect((await db.opaque.verify()).ok).toBe(true);
  });

  it('a signal stops an export between pages, and an import between batches (the batches before it stay)', async () => {
    const db = await backend.open(appSchema);
    await fill(db);
    const stop = new AbortController();
    const read: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of db.opaque.export({ pageSize: 1, signal: stop.signal })) {
          read.push(chunk);
          if (read.length === 2) stop.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(read).toHaveLength(2); // the header and one page
    const target = await backend.open(appSchema);
    const halt = new AbortController();
    const records = Array.from({ length: 40 }, (_, i) => ({ tree: 'words', key: `w${i}`, value: { word: `W${i}` } }));
    const file = lines(...records);
    // Batches queued behind the one that reported may already have run in its commit: they stay and are
    // reported too; the import stops at the first batch not yet run.
    let reported = 0;
    const importing = target.opaque.import(source(file), {
      batchSize: 1,
      signal: halt.signal,
      onBatch: (written) => {
        reported += written.length;
        halt.abort();
      },
    });
    await expect(importing).rejects.toThrow();
    expect(reported).toBeGreaterThanOrEqual(1);
    expect(reported).toBeLessThan(records.length);
    expect(target.words.count()).toBe(reported);
    expect(await target.opaque.import(source(file), { batchSize: 1 })).toMatchObject({ ok: true, records: records.length });
    expect(target.words.count()).toBe(records.length);
  });

  it('checkOnly reports and writes nothing', async () => {
    const db = await backend.open(appSchema);
    const file = lines({ tree: 'words', key: 'a', value: { word: 'A' } });
    expect(await db.opaque.import(source(file), { checkOnly: true })).toEqual({ ok: true, records: 0, batches: 0 });
    expect(db.words.count()).toBe(0);
  });
});

describe('createDatabase from an export header (lmdb)', () => {
  it('makes a new database that an export round-trips into byte for byte, and refuses a path that holds one', async () => {
    const original = await backends[0]!.open(appSchema);
    await fill(original);
    const file = await text(original.opaque);
    const path = join(tempDir(), 'copy');
    const copy = await createDatabase(path, parseExportHeader(file.slice(0, file.indexOf('\n')))!.trees);
    afterThisTest(() => copy.close());
    expect((await copy.import(source(file))).ok).toBe(true);
    expect(await text(copy)).toBe(file);
    expect((await copy.verify()).ok).toBe(true);
    await expect(createDatabase(path, {})).rejects.toThrow(/holds a database already/);
    const reopened = await openDatabase(path, { readOnly: true });
    afterThisTest(() => reopened.close());
    expect(reopened.tree('people').count()).toBe(2);
  });
});
