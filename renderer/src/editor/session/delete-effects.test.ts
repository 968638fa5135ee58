import { describe, expect, it } from 'vitest';
import { groupHolders } from '../../references/group-holders.js';
import { deleteImpact, groupByRule } from './delete-effects.js';

const ref = (path: string, target: string, onDelete: string) => ({ path, target, onDelete, many: path.endsWith('[]') });
const trees = [
  { name: 'teams', references: [ref('lead', 'users', 'restrict'), ref('members[]', 'users', 'setNull')] },
  { name: 'tasks', references: [ref('assignee', 'users', 'setNull'), ref('project', 'projects', 'cascade'), ref('parent', 'tasks', 'cascade')] },
  { name: 'comments', references: [ref('task', 'tasks', 'cascade'), ref('author', 'users', 'restrict')] },
];
const database = { trees: trees as never };
const holder = (tree: string, key: number, path: string) => ({ tree, key, text: `${tree}/${key}`, path });

describe('deleteImpact', () => {
  it('says nothing points here when nothing does, whatever the schema declares', () => {
    expect(deleteImpact(database, 'tasks', groupHolders([]))).toEqual({ groups: [], refused: false, lines: ['Nothing points at this record.'] });
  });

  it('counts the records a cascade deletes, by tree and field', () => {
    const impact = deleteImpact(database, 'tasks', groupHolders([holder('tasks', 2, 'parent'), holder('comments', 1, 'task'), holder('tasks', 3, 'parent'), holder('tasks', 4, 'parent')]));
    expect(impact.refused).toBe(false);
    expect(impact.lines).toEqual(['4 records will be deleted too (tasks.parent: 3, comments.task: 1), and whatever those hold in turn by the same rules.']);
  });

  it('counts the references cleared', () => {
    const impact = deleteImpact(database, 'users', groupHolders([holder('tasks', 5, 'assignee')]));
    expect(impact.lines).toEqual(['1 record will have their reference cleared (tasks.assignee: 1).']);
  });

  it('is refused while restrict holders remain, naming the fields', () => {
    const impact = deleteImpact(database, 'users', groupHolders([holder('tasks', 5, 'assignee'), holder('teams', 1, 'lead'), holder('comments', 9, 'author'), holder('comments', 8, 'author')]));
    expect(impact.refused).toBe(true);
    expect(impact.lines).toEqual(['Refused: 3 records still hold it through teams.lead, comments.author — change them first.']);
  });

  it('counts every holder of a group, not only those it lists', () => {
    const groups = [
      { tree: 'teams', path: 'members[]', count: 8894, holders: [holder('teams', 1, 'members[]')] },
      { tree: 'tasks', path: 'assignee', count: 3, holders: [holder('tasks', 5, 'assignee')] },
    ];
    expect(deleteImpact(database, 'users', groups).lines).toEqual(['8,897 records will have their reference cleared (teams.members[]: 8,894, tasks.assignee: 3).']);
    const refused = deleteImpact(database, 'users', [...groups, { tree: 'teams', path: 'lead', count: 250, holders: [holder('teams', 2, 'lead')] }]);
    expect(refused.lines).toEqual(['Refused: 250 records still hold it through teams.lead — change them first.']);
  });
});

describe('groupByRule', () => {
  it('groups by tree and field, blocking holders first', () => {
    const groups = groupByRule(database, 'users', groupHolders([holder('tasks', 5, 'assignee'), holder('comments', 9, 'author'), holder('tasks', 6, 'assignee'), holder('teams', 1, 'lead')]));
    expect(groups.map((g) => [g.tree, g.path, g.onDelete, g.holders.map((h) => h.text)])).toEqual([
      ['comments', 'author', 'restrict', ['comments/9']],
      ['teams', 'lead', 'restrict', ['teams/1']],
      ['tasks', 'assignee', 'setNull', ['tasks/5', 'tasks/6']],
    ]);
  });
});

describe('deleteImpact through a reference over existing fields', () => {
  it('counts the records its cascade deletes under the reference’s name', () => {
    const geo = { trees: [{ name: 'cities', references: [{ path: 'state', target: 'states', onDelete: 'cascade', many: false, fields: ['countryCode', 'stateCode'] }] }] as never };
    const groups = [{ tree: 'cities', path: 'state', count: 1183, holders: [holder('cities', 1, 'state')] }];
    expect(deleteImpact(geo, 'states', groups).lines).toEqual(['1,183 records will be deleted too (cities.state: 1,183), and whatever those hold in turn by the same rules.']);
  });
});
