/**
 * The undo history and the writes it sends: each record back as it was,
 * conditional on the revision the action gave it, last written first; a redo
 * undoes the undo. The host is a stub here (a boundary these node tests cannot
 * run); the host's side is app/host/handlers/records-undo.test.ts, the whole
 * loop e2e/specs/undo.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import type { RecordEntry, ResultOf, Transport, WrittenRecord } from '../../../app/contract/index.js';
import { importAction } from './import-action.js';
import { changedFieldsText, MAX_ACTIONS, UndoHistory, undoWrites } from './undo-history.js';
import { runStep } from './undo-runner.js';

const entry = (text: string, key: number, revision: number, value: unknown): RecordEntry => ({ key, text, revision, value });
const task = (revision: number, title: string) => entry('tasks/1', 1, revision, { title });
const comment = entry('comments/7', 7, 3, { task: 1, text: 'hi' });

const save: WrittenRecord = { tree: 'tasks', key: 1, text: 'tasks/1', before: task(4, 'old'), after: task(9, 'new') };
/** A delete of tasks/1 that cascaded to comments/7 (the cascade is written first). */
const del: WrittenRecord[] = [
  { tree: 'comments', key: 7, text: 'comments/7', before: comment, after: null },
  { tree: 'tasks', key: 1, text: 'tasks/1', before: task(4, 'old'), after: null },
];

describe('undoWrites', () => {
  it('puts a saved record back, conditional on the revision the save gave it', () => {
    expect(undoWrites([save])).toEqual([{ tree: 'tasks', key: 1, value: { title: 'old' }, expectedRevision: 9 }]);
  });

  it('restores a deleted record before its cascaded holders, each only if nothing took its key', () => {
    expect(undoWrites(del)).toEqual([
      { tree: 'tasks', key: 1, value: { title: 'old' }, create: true },
      { tree: 'comments', key: 7, value: { task: 1, text: 'hi' }, create: true },
    ]);
  });

  it('deletes a created record, only if it is still as created', () => {
    expect(undoWrites([{ tree: 'tasks', key: 1, text: 'tasks/1', before: null, after: task(2, 'new') }])).toEqual([{ tree: 'tasks', key: 1, expectedRevision: 2 }]);
  });
});

describe('changedFieldsText', () => {
  it('names the top-level fields a save changed, at most three', () => {
    expect(changedFieldsText({ name: 'a', city: 'x' }, { name: 'b', city: 'x' })).toBe(' (name)');
    expect(changedFieldsText({ a: 1, b: 1, c: 1, d: 1 }, { a: 2, b: 2, c: 2, d: 2, e: 0 })).toBe(' (a, b, c, +2)');
    expect(changedFieldsText({ a: 1 }, { a: 1 })).toBe('');
  });
});

describe('UndoHistory', () => {
  it('moves actions between done and undone, and a new action clears what could be redone', () => {
    const history = new UndoHistory();
    const first = history.record({ kind: 'save', label: 'Save tasks/1', written: [save] })!;
    const second = history.record({ kind: 'delete', label: 'Delete tasks/1', written: del })!;
    expect(history.nextUndo()).toBe(second);
    history.undid(second, []);
    expect(history.nextUndo()).toBe(first);
    expect(history.nextRedo()?.id).toBe(second.id);
    history.record({ kind: 'save', label: 'Save tasks/2', written: [save] });
    expect(history.nextRedo()).toBeUndefined();
    expect(history.snapshot().done.map((a) => a.label)).toEqual(['Save tasks/1', 'Save tasks/2']);
  });

  it('keeps the last MAX_ACTIONS, and records nothing it could not undo', () => {
    const history = new UndoHistory();
    for (let i = 0; i < MAX_ACTIONS + 5; i++) history.record({ kind: 'save', label: `Save ${i}`, written: [save] });
    expect(history.snapshot().done).toHaveLength(MAX_ACTIONS);
    expect(history.snapshot().done[0]?.label).toBe('Save 5');
    expect(history.record({ kind: 'save', label: 'nothing', written: [] })).toBeUndefined();
    const broken = { ...save, before: { key: 1, text: 'tasks/1', revision: 4, problems: [{ path: '', message: 'bad' }] } };
    expect(history.record({ kind: 'save', label: 'broken', written: [broken] })).toBeUndefined();
  });
});

describe('runStep', () => {
  function host(answers: ResultOf<'records.applyWrites'>[]): Transport & { sent: unknown[] } {
    const sent: unknown[] = [];
    return { sent, call: async (_method, args) => (sent.push(args), answers.shift() as never), on: () => () => undefined };
  }

  it('undoes, then redoes with the revisions the undo produced', async () => {
    const history = new UndoHistory();
    history.record({ kind: 'save', label: 'Save tasks/1', written: [save] });
    const undone: WrittenRecord = { ...save, before: task(9, 'new'), after: task(10, 'old') };
    const redone: WrittenRecord = { ...save, before: task(10, 'old'), after: task(11, 'new') };
    const client = host([
      { applied: true, written: [undone], undoable: true },
      { applied: true, written: [redone], undoable: true },
    ]);
    expect((await runStep(client, history, 'undo')).type).toBe('done');
    expect((await runStep(client, history, 'redo')).type).toBe('done');
    expect(client.sent).toEqual([
      { writes: [{ tree: 'tasks', key: 1, value: { title: 'old' }, expectedRevision: 9 }] },
      { writes: [{ tree: 'tasks', key: 1, value: { title: 'new' }, expectedRevision: 10 }] },
    ]);
    expect(history.nextUndo()?.written).toEqual([redone]);
  });

  it('keeps the action where it was on a conflict and says what it would have written', async () => {
    const history = new UndoHistory();
    const action = history.record({ kind: 'save', label: 'Save tasks/1', written: [save] })!;
    const theirs = task(12, 'theirs');
    const client = host([{ applied: false, conflict: { tree: 'tasks', key: 1, text: 'tasks/1', expected: 9, current: theirs } }]);
    const outcome = await runStep(client, history, 'undo');
    expect(outcome).toEqual({ type: 'conflict', direction: 'undo', action, conflict: { tree: 'tasks', key: 1, text: 'tasks/1', expected: 9, current: theirs }, wanted: { title: 'old' } });
    expect(history.nextUndo()).toBe(action);
  });
});

describe('importAction (the hook for import)', () => {
  it('undoes an import by putting previous values back and deleting what it created', () => {
    const action = importAction('tasks', 'tasks.ndjson', [
      { key: 1, previous: { value: { title: 'old' }, revision: 4 }, written: task(9, 'new') },
      { key: 2, previous: null, written: entry('tasks/2', 2, 10, { title: 'added' }) },
    ]);
    expect(action.label).toBe('Import of 2 records into tasks from tasks.ndjson');
    expect(undoWrites(action.written)).toEqual([
      { tree: 'tasks', key: 2, expectedRevision: 10 },
      { tree: 'tasks', key: 1, value: { title: 'old' }, expectedRevision: 9 },
    ]);
  });
});
