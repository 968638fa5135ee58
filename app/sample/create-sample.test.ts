import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { open, openDatabase } from '@trellis/engine';
import { createSampleDatabase, sampleSchema } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'trellis-sample-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TASKS = 400;

describe('createSampleDatabase', () => {
  const path = join(root, 'sample-db');
  const created = createSampleDatabase(path, { tasks: TASKS });

  it('writes every tree, with the task count asked for and the others scaled down', async () => {
    const summary = await created;
    expect(summary.counts).toEqual({ users: 8, teams: 2, projects: 3, labels: 15, tasks: TASKS, comments: TASKS / 5 });
    expect(summary.millis).toBeGreaterThan(0);
  });

  it('writes references that resolve, and reopens with the same schema unchanged', async () => {
    await created;
    const db = await open(path, sampleSchema);
    try {
      const revision = db.revision();
      for (const { value } of db.tasks.range()) {
        expect(db.projects.has(value.project)).toBe(true);
        if (value.assignee != null) expect(db.users.has(value.assignee)).toBe(true);
        if (value.parent !== undefined) expect(db.tasks.has(value.parent)).toBe(true);
        for (const label of value.labels) expect(db.labels.has(label)).toBe(true);
      }
      for (const { value } of db.teams.range()) {
        expect(db.users.has(value.lead)).toBe(true);
        expect(value.members.every((member) => db.users.has(member))).toBe(true);
      }
      for (const { value } of db.comments.range()) expect(db.tasks.has(value.task)).toBe(true);
      expect(db.revision()).toBe(revision);
    } finally {
      await db.close();
    }
  });

  it('opens by path without the schema (the opaque face) and lists the trees', async () => {
    await created;
    const db = await openDatabase(path, { readOnly: true });
    try {
      const trees = db.trees();
      expect(trees.map((tree) => tree.name).sort()).toEqual(['comments', 'labels', 'projects', 'tasks', 'teams', 'users']);
      const tasks = trees.find((tree) => tree.name === 'tasks');
      expect(tasks?.key.kind).toBe('auto');
      expect(trees.find((tree) => tree.name === 'teams')?.key.kind).toBe('uuid');
      expect(trees.find((tree) => tree.name === 'labels')?.key.kind).toBe('composite');
      expect([...db.tree('tasks').range({ limit: 10 })]).toHaveLength(10);
    } finally {
      await db.close();
    }
  });

  it('is deterministic: the same seed writes the same records', async () => {
    await created;
    const again = join(root, 'sample-again');
    await createSampleDatabase(again, { tasks: TASKS });
    const [a, b] = await Promise.all([openDatabase(path, { readOnly: true }), openDatabase(again, { readOnly: true })]);
    try {
      for (const tree of ['teams', 'tasks', 'comments']) {
        expect([...b.tree(tree).range({ limit: 50 })]).toEqual([...a.tree(tree).range({ limit: 50 })]);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('cascades as declared: deleting a project deletes its tasks and labels', async () => {
    const path = join(root, 'sample-cascade');
    await createSampleDatabase(path, { tasks: 100 });
    const db = await open(path, sampleSchema);
    try {
      const project = db.projects.page({ limit: 1 }).entries[0]?.key;
      if (project === undefined) throw new Error('the sample has no projects');
      await db.projects.delete(project);
      expect([...db.tasks.range()].some((entry) => entry.value.project === project)).toBe(false);
      expect([...db.labels.range()].some((entry) => entry.value.project === project)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('refuses a folder that already holds files', async () => {
    const path = mkdtempSync(join(root, 'not-empty-'));
    writeFileSync(join(path, 'notes.txt'), 'mine');
    await expect(createSampleDatabase(path, { tasks: 10 })).rejects.toThrow(/not empty/);
  });
});
