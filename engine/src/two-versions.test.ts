/**
 * Two builds of one application at once, in two processes on one database:
 * the older build (./typed/fixtures/older-writer.ts, run with tsx) declares notes
 * without the `author` field and `byAuthor` index the newer build (this process)
 * added. Each reads the other's writes; the older build's writes keep the field
 * it does not know and land in the index it does not declare; a migration by
 * the newer build stops the older one's writes with a clear error, never a
 * write by the old schema.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { autoIncrement, migration, open, schema, t, tree, verifyDatabase } from './index.js';
import { afterThisTest, tempDir } from './testing/contract-backends.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

const notesV1 = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string() }) });
const notesV2 = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string(), author: t.optional(t.string()) }), indexes: { byAuthor: { on: 'author' } } });
const notesV3 = tree('notes', { key: autoIncrement(), value: t.object({ heading: t.string(), author: t.optional(t.string()) }), indexes: { byAuthor: { on: 'author' } } });

/** The older build in a child process: one JSON command in, one JSON answer out. */
async function olderBuild(path: string): Promise<(command: object) => Promise<Record<string, unknown>>> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(here, 'typed', 'fixtures', 'older-writer.ts'), path], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  afterThisTest(() => {
    child.stdin.end();
    return new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(undefined)));
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the older build ended');
    return JSON.parse(value as string) as Record<string, unknown>;
  };
  await next(); // ready
  return (command) => {
    child.stdin.write(`${JSON.stringify(command)}\n`);
    return next();
  };
}

describe('two builds of an application in two processes', { timeout: 60_000 }, () => {
  it('share the database: each reads the other’s writes, the older keeps what it does not know', async () => {
    const path = tempDir();
    const first = await open(path, schema(notesV1));
    await first.notes.insert({ title: 'made by v1' });
    await first.close();
    const newer = await open(path, schema(notesV2));
    afterThisTest(() => newer.close());
    const older = await olderBuild(path);
    expect(await older({ op: 'version' })).toEqual({ version: 2 }); // it works on the stored definition

    const byNewer = await newer.notes.insert({ title: 'by the newer build', author: 'ann' });
    expect(await older({ op: 'read', key: byNewer })).toEqual({ value: { title: 'by the newer build', author: 'ann' } });
    // The older build changes the title and keeps the author it does not declare.
    expect(await older({ op: 'retitle', key: byNewer, title: 'retitled by the older build' })).toEqual({ value: { title: 'retitled by the older build', author: 'ann' } });
    expect(newer.notes.get(newer.notes.key(byNewer))).toEqual({ title: 'retitled by the older build', author: 'ann' });
    expect([...newer.notes.index('byAuthor').records({ equals: 'ann' })].map((e) => e.value.title)).toEqual(['retitled by the older build']);
    const { key } = (await older({ op: 'insert', title: 'by the older build' })) as { key: number };
    expect(newer.notes.get(newer.notes.key(key))).toEqual({ title: 'by the older build' });
    await newer.close();
    expect((await verifyDatabase(path)).ok).toBe(true);
  });

  it('stops the older build’s writes with a clear error once the newer one migrates, writing nothing by the old schema', async () => {
    const path = tempDir();
    const first = await open(path, schema(notesV2));
    await first.notes.insert({ title: 'one', author: 'ann' });
    await first.close();
    const older = await olderBuild(path);
    const v2 = schema(notesV2);
    const v3 = schema(notesV3).withMigrations(
      migration({ id: 'heading', description: 'notes: title → heading', from: v2, to: schema(notesV3), each: { notes: (note, step) => void step.to.notes.put(step.key, { heading: note.title, ...(note.author === undefined ? {} : { author: note.author }) }) } }),
    );
    const migrated = await open(path, v3);
    afterThisTest(() => migrated.close());
    const refused = await older({ op: 'insert', title: 'by the old schema' });
    expect(refused).toMatchObject({ code: 'STALE_SCHEMA' });
    expect(String(refused['message'])).toContain('changed in another process (version 1 when opened here, 2 now)');
    expect(migrated.notes.count()).toBe(1);
    expect(migrated.notes.get(migrated.notes.key(1))).toEqual({ heading: 'one', author: 'ann' });
  });
});
