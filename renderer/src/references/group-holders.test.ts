import { describe, expect, it } from 'vitest';
import { groupHolders } from './group-holders.js';

const holder = (tree: string, key: number, path: string) => ({ tree, key, text: `${tree}/${key}`, path });

describe('groupHolders', () => {
  it('groups by tree and field, once per holder', () => {
    const groups = groupHolders([holder('tasks', 1, 'assignee'), holder('teams', 9, 'members[]'), holder('tasks', 2, 'assignee'), holder('teams', 9, 'members[]'), holder('teams', 9, 'lead')]);
    expect(groups.map((g) => [g.tree, g.path, g.holders.map((h) => h.text)])).toEqual([
      ['tasks', 'assignee', ['tasks/1', 'tasks/2']],
      ['teams', 'members[]', ['teams/9']],
      ['teams', 'lead', ['teams/9']],
    ]);
  });

  it('counts what it lists: a flat list holds every holder', () => {
    const many = Array.from({ length: 1195 }, (_, i) => holder('tasks', i, 'assignee'));
    const groups = groupHolders([...many, holder('teams', 1, 'lead')]);
    expect(groups.map((g) => [g.holders.length, g.count])).toEqual([[1195, 1195], [1, 1]]);
  });
});
