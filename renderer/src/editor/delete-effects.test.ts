import { describe, expect, it } from 'vitest';
import { deleteEffects, describeDeleteEffects } from './delete-effects.js';

const ref = (path: string, target: string, onDelete: string) => ({ path, target, onDelete, many: path.endsWith('[]') });
const trees = [
  { name: 'teams', references: [ref('lead', 'users', 'restrict'), ref('members[]', 'users', 'setNull')] },
  { name: 'tasks', references: [ref('assignee', 'users', 'setNull'), ref('project', 'projects', 'cascade'), ref('parent', 'tasks', 'cascade')] },
  { name: 'comments', references: [ref('task', 'tasks', 'cascade'), ref('author', 'users', 'restrict')] },
];
const database = { trees: trees as never };

describe('deleteEffects', () => {
  it('sorts the references pointing at a tree by what a delete does', () => {
    expect(deleteEffects(database, 'users')).toEqual({ cascade: [], setNull: ['teams.members[]', 'tasks.assignee'], restrict: ['teams.lead', 'comments.author'] });
    expect(deleteEffects(database, 'tasks')).toEqual({ cascade: ['tasks.parent', 'comments.task'], setNull: [], restrict: [] });
  });

  it('says nothing for a tree nobody points at', () => {
    expect(describeDeleteEffects(deleteEffects(database, 'labels'))).toEqual([]);
    expect(describeDeleteEffects(deleteEffects(database, 'tasks'))[0]).toContain('tasks.parent, comments.task are deleted too');
  });
});
