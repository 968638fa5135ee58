import { describe, expect, it } from 'vitest';
import type { StoredTree } from '@trellis/engine/common/catalog';
import type { JsonKey, RecordEntry, ResultOf } from '../../../../app/contract/index.js';
import { addPath, DEFAULT_LAYOUT, MAX_PATHS, readLayout, removePath, writeLayout, type LayoutStorage } from './column-layout.js';
import { PathCells, type DrawnRow, type PathFetch } from './path-cells.js';
import { isPathColumn, pathColumn, pathColumnId } from './path-columns.js';
import { sortOptionFor } from './sorting.js';

type Answer = ResultOf<'records.resolvePaths'>;

const row = (index: number): DrawnRow => ({ index, entry: { key: index + 1, text: `tasks/${index + 1}`, revision: 1, value: {} } as RecordEntry });
const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => row(from + i));
const value = (v: unknown) => ({ matches: [{ value: v, hops: [] }], truncated: false });

/** A fetch that records each call and answers when told. */
function fakeHost() {
  const calls: { path: string; keys: JsonKey[]; answer(result: Answer | Error): void }[] = [];
  const fetch: PathFetch = (path, keys) =>
    new Promise((resolve, reject) => calls.push({ path, keys, answer: (result) => (result instanceof Error ? reject(result) : resolve(result)) }));
  return { calls, fetch };
}
const settle = () => new Promise((wake) => setTimeout(wake, 0));

describe('PathCells', () => {
  it('asks once per path and block of drawn rows, and not again for rows it holds or is asking for', async () => {
    const host = fakeHost();
    const cells = new PathCells(host.fetch, 100);
    cells.want(['owner->name', 'project'], rows(95, 104));
    expect(host.calls.map((c) => [c.path, c.keys.length])).toEqual([
      ['owner->name', 5],
      ['owner->name', 5],
      ['project', 5],
      ['project', 5],
    ]);
    expect(cells.cell('owner->name', 'tasks/96')).toEqual({ state: 'loading' });
    cells.want(['owner->name', 'project'], rows(95, 104));
    expect(host.calls).toHaveLength(4);
    host.calls[0]!.answer({ rows: [value('Ada'), value(null), { stopped: { step: 2, stepText: 'name', at: 'tasks/98', reason: 'absent', message: 'm' } }, value('Bo'), value('Cy')] });
    await settle();
    expect(cells.cell('owner->name', 'tasks/96')).toMatchObject({ state: 'done', matches: [{ value: 'Ada' }] });
    expect(cells.cell('owner->name', 'tasks/98')).toMatchObject({ state: 'stopped', stop: { step: 2 } });
    expect(cells.valueOf('owner->name', 'tasks/96', false)).toBe('Ada');
    expect(cells.valueOf('owner->name', 'tasks/96', true)).toEqual(['Ada']);
    cells.want(['owner->name'], rows(95, 99));
    expect(host.calls).toHaveLength(4);
  });

  it('keeps stale cells on screen after a change and asks for them again when drawn; a late answer to an older ask is dropped', async () => {
    const host = fakeHost();
    const cells = new PathCells(host.fetch, 100);
    cells.want(['p'], rows(0, 1));
    host.calls[0]!.answer({ rows: [value('old'), value('old')] });
    await settle();
    cells.invalidate();
    expect(cells.cell('p', 'tasks/1')).toMatchObject({ state: 'done', matches: [{ value: 'old' }] });
    cells.want(['p'], rows(0, 1));
    expect(host.calls).toHaveLength(2);
    cells.invalidate();
    cells.want(['p'], rows(0, 1));
    host.calls[2]!.answer({ rows: [value('newest'), value('newest')] });
    await settle();
    host.calls[1]!.answer({ rows: [value('between'), value('between')] });
    await settle();
    expect(cells.valueOf('p', 'tasks/1', false)).toBe('newest');
  });

  it('marks the rows of a failed call, without asking again until something changes', async () => {
    const host = fakeHost();
    const cells = new PathCells(host.fetch, 100);
    const seen: number[] = [];
    cells.subscribe(() => seen.push(cells.snapshot()));
    cells.want(['p'], rows(0, 0));
    host.calls[0]!.answer(new Error('invalid path'));
    await settle();
    expect(cells.cell('p', 'tasks/1')).toEqual({ state: 'failed', message: 'invalid path' });
    cells.want(['p'], rows(0, 0));
    expect(host.calls).toHaveLength(1);
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps at most its bound of cells, the oldest dropped first', async () => {
    const host = fakeHost();
    const cells = new PathCells(host.fetch, 100, 3);
    cells.want(['p'], rows(0, 4));
    expect(cells.cell('p', 'tasks/1')).toBeUndefined();
    expect(cells.cell('p', 'tasks/5')).toEqual({ state: 'loading' });
    cells.forget('p');
    expect(cells.cell('p', 'tasks/5')).toBeUndefined();
  });
});

const ref = (target: string) => ({ 'x-trellis': 'ref', 'x-ref': target, type: 'integer' });
const stored = (name: string, properties: Record<string, unknown>, references: StoredTree['references'] = []): StoredTree => ({
  name,
  key: { kind: 'auto' },
  keySchema: { type: 'integer' },
  value: { type: 'object', properties },
  indexes: [],
  references,
});
const trees = {
  users: stored('users', { name: { type: 'string' } }),
  tasks: stored('tasks', { title: { type: 'string' }, owner: ref('users'), watchers: { type: 'array', items: ref('users') } }, [
    { path: 'owner', target: 'users', onDelete: 'restrict', many: false },
    { path: 'watchers[]', target: 'users', onDelete: 'restrict', many: true },
  ]),
};

describe('path columns', () => {
  it('take the schema the path ends at, say when it fans out or ends at a record, and name a path that no longer plans', () => {
    const cells = new PathCells(fakeHost().fetch);
    const name = pathColumn(trees, 'tasks', 'owner->name', cells);
    expect(name).toMatchObject({ id: 'path:owner->name', header: 'owner->name', role: 'path', schema: { type: 'string' }, pathColumn: { path: 'owner->name', many: false, endsAtRecord: false } });
    expect(pathColumn(trees, 'tasks', 'watchers[*]->name', cells).pathColumn).toMatchObject({ many: true });
    expect(pathColumn(trees, 'users', '<-tasks.owner', cells).pathColumn).toMatchObject({ many: true, endsAtRecord: true });
    expect(pathColumn(trees, 'tasks', 'owner->nope', cells).pathColumn?.problem).toContain("users has no field 'nope'");
    expect(isPathColumn(pathColumnId('owner'))).toBe(true);
    expect(isPathColumn('value:owner')).toBe(false);
  });

  it('cannot sort the table', () => {
    const summary = { ...trees.tasks, count: 3, referencedFrom: [] };
    expect(sortOptionFor('path:owner->name', summary, [], false)).toMatchObject({ sortable: false });
  });

  it('are kept in the layout by path, at most MAX_PATHS, and leave nothing behind when removed', () => {
    const storage: LayoutStorage & { entries: Map<string, string> } = (() => {
      const entries = new Map<string, string>();
      return { entries, getItem: (k) => entries.get(k) ?? null, setItem: (k, v) => void entries.set(k, v), removeItem: (k) => void entries.delete(k) };
    })();
    let layout = addPath(addPath(DEFAULT_LAYOUT, 'owner->name'), 'owner->name');
    expect(layout.paths).toEqual(['owner->name']);
    layout = { ...layout, widths: { 'path:owner->name': 200 }, hidden: ['path:owner->name'], order: ['path:owner->name', 'key'] };
    writeLayout(storage, 'k', layout);
    expect(readLayout(storage, 'k')).toEqual(layout);
    const removed = removePath(layout, 'owner->name', 'path:owner->name');
    expect(removed).toEqual({ order: ['key'], hidden: [], widths: {} });
    writeLayout(storage, 'k', { ...removed, order: [] });
    expect(storage.entries.size).toBe(0);
    let full = DEFAULT_LAYOUT;
    for (let i = 0; i < MAX_PATHS + 2; i++) full = addPath(full, `p${i}`);
    expect(full.paths).toHaveLength(MAX_PATHS);
    storage.setItem('hand', JSON.stringify({ paths: ['a', 'a', '', 7, 'b'] }));
    expect(readLayout(storage, 'hand').paths).toEqual(['a', 'b']);
  });
});
