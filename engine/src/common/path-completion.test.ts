import { describe, expect, it } from 'vitest';
import type { StoredTree } from './catalog.js';
import { completePath, kindOf, type PathCompletion } from './path-completion.js';

const string = { type: 'string' };
const ref = (target: string, type: Record<string, unknown> = { type: 'integer' }) => ({ 'x-trellis': 'ref', 'x-ref': target, ...type });
const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });
const treeOf = (name: string, value: Record<string, unknown>, references: StoredTree['references'] = []): StoredTree => ({
  name,
  key: { kind: 'auto' },
  keySchema: { type: 'integer' },
  value,
  indexes: [],
  references,
});
const reference = (path: string, target: string, many = false, fields?: string[]) => ({ path, target, onDelete: 'restrict' as const, many, ...(fields ? { fields } : {}) });

/** tasks → projects → people; tasks list watchers; cities refer to states over two fields. */
const trees: Record<string, StoredTree> = {
  people: treeOf('people', object({ name: string, email: string, nick: { anyOf: [string, { type: 'null' }] } })),
  projects: treeOf('projects', object({ title: string, lead: ref('people') }), [reference('lead', 'people')]),
  tasks: treeOf(
    'tasks',
    object({
      title: string,
      project: ref('projects'),
      watchers: { type: 'array', items: ref('people') },
      due: { 'x-trellis': 'timestamp', type: 'string' },
      status: { type: 'string', enum: ['todo', 'done'] },
      details: object({ hours: { type: 'number' }, tags: { type: 'array', items: string } }),
    }),
    [reference('project', 'projects'), reference('watchers[]', 'people', true)],
  ),
  states: treeOf('states', object({ country: string, code: string, name: string })),
  cities: treeOf('cities', object({ name: string, country: string, stateCode: string }), [reference('state', 'states', false, ['country', 'stateCode'])]),
};

const labels = (completion: PathCompletion) => completion.options.map((o) => o.label);
const complete = (tree: string, text: string, cursor?: number) => completePath(trees, tree, text, cursor);

describe('completePath', () => {
  it('offers the record’s fields with their kinds at the start, then the reverse steps that lead here', () => {
    const start = complete('tasks', '');
    expect(start).toMatchObject({ from: 0, to: 0 });
    expect(labels(start)).toEqual(['title', 'project', 'watchers', 'due', 'status', 'details']);
    expect(start.options.find((o) => o.label === 'project')?.detail).toBe('reference to projects');
    expect(start.options.find((o) => o.label === 'watchers')?.detail).toBe('list of references to people');
    expect(labels(complete('people', ''))).toEqual(['name', 'email', 'nick', '<-projects.lead', '<-tasks.watchers[]']);
  });

  it('completes a name from what is typed, replacing the word at the cursor', () => {
    const typed = complete('tasks', 'pro');
    expect(typed).toMatchObject({ from: 0, to: 3 });
    expect(typed.options).toEqual([{ label: 'project', insert: 'project', detail: 'reference to projects' }]);
    // In the middle of a word: the whole word is replaced.
    expect(complete('tasks', 'proXX', 3)).toMatchObject({ from: 0, to: 5 });
  });

  it('offers how to go on once a name is whole: -> after a reference, elements after a list', () => {
    const whole = complete('tasks', 'project');
    expect(labels(whole)).toEqual(['project->', 'project<-tasks.project']);
    expect(whole.options[0]!.detail).toBe('follow to the projects record');
    expect(labels(complete('tasks', 'watchers'))).toEqual(['watchers[0]', 'watchers[-1]', 'watchers[*]']);
    expect(labels(complete('tasks', 'details'))).toEqual(['details.']);
  });

  it("after '->' from a reference, offers the target's fields (and reverse steps to it)", () => {
    const next = complete('tasks', 'project->');
    expect(next).toMatchObject({ from: 9, to: 9 });
    expect(labels(next)).toEqual(['title', 'lead', '<-tasks.project']);
    expect(labels(complete('tasks', 'project->le'))).toEqual(['lead']);
    expect(labels(complete('tasks', 'project->lead->'))).toEqual(['name', 'email', 'nick', '<-projects.lead', '<-tasks.watchers[]']);
    expect(complete('tasks', 'project->lead->').options.find((o) => o.label === 'nick')?.detail).toBe('text or null');
  });

  it("after '.' offers an object's fields, and nothing after a reference (which wants '->')", () => {
    expect(labels(complete('tasks', 'details.'))).toEqual(['hours', 'tags']);
    expect(complete('tasks', 'details.').options[1]!.detail).toBe('list of text');
    expect(labels(complete('tasks', 'project.'))).toEqual([]);
  });

  it('offers list elements in brackets and after ->', () => {
    expect(labels(complete('tasks', 'watchers['))).toEqual(['[0]', '[-1]', '[*]']);
    expect(complete('tasks', 'watchers[')).toMatchObject({ from: 8, to: 9 });
    expect(labels(complete('tasks', 'watchers[-'))).toEqual(['[-1]']);
    expect(labels(complete('tasks', 'watchers->'))).toEqual(['0', '-1', '*']);
    expect(labels(complete('tasks', 'watchers[0]->'))).toEqual(['name', 'email', 'nick', '<-projects.lead', '<-tasks.watchers[]']);
    expect(labels(complete('tasks', 'watchers[*]'))).toEqual(['->', '<-projects.lead', '<-tasks.watchers[]']);
  });

  it('completes reverse steps from what is typed of them, and picks after one', () => {
    const reverse = complete('projects', '<-t');
    expect(reverse).toMatchObject({ from: 0, to: 3 });
    expect(reverse.options).toEqual([{ label: '<-tasks.project', insert: '<-tasks.project', detail: 'the tasks whose project refers to this projects' }]);
    expect(labels(complete('people', 'nick<'))).toEqual([]);
    expect(labels(complete('tasks', 'project-><-'))).toEqual(['<-tasks.project']);
    expect(complete('people', '<-tasks.').options[0]!.detail).toBe('the tasks whose watchers[] lists this people');
    expect(labels(complete('projects', '<-tasks.project'))).toEqual(['<-tasks.project[0]', '<-tasks.project[-1]', '<-tasks.project->']);
    expect(labels(complete('projects', '<-tasks.project->title'))).toEqual([]);
    expect(labels(complete('projects', '<-tasks.project['))).toEqual(['[0]', '[-1]']);
    expect(labels(complete('projects', '<-tasks.project->'))).toEqual(['title', 'project', 'watchers', 'due', 'status', 'details']);
  });

  it('offers a reference over fields by its name, which steps to the target record', () => {
    expect(labels(complete('cities', ''))).toEqual(['name', 'country', 'stateCode', 'state']);
    expect(complete('cities', 'sta').options.map((o) => [o.label, o.detail])).toEqual([
      ['stateCode', 'text'],
      ['state', 'reference to states (country, stateCode)'],
    ]);
    expect(labels(complete('cities', 'state->'))).toEqual(['country', 'code', 'name', '<-cities.state']);
    expect(labels(complete('states', ''))).toContain('<-cities.state');
  });

  it('offers nothing where the text before the step does not plan, or the tree is unknown', () => {
    expect(labels(complete('tasks', 'nope->'))).toEqual([]);
    expect(labels(complete('tasks', 'title->'))).toEqual([]);
    expect(labels(complete('ghosts', ''))).toEqual([]);
    expect(labels(complete('tasks', 'title '))).toEqual([]);
  });

  it('quotes names a path cannot spell bare', () => {
    const odd = { ...trees, odd: treeOf('odd', object({ 'e-mail': string, ok: string })) };
    expect(completePath(odd, 'odd', '"e').options).toEqual([{ label: 'e-mail', insert: '"e-mail"', detail: 'text' }]);
  });
});

describe('kindOf', () => {
  it('names kinds in a few words', () => {
    expect(kindOf({ type: 'array', items: { type: 'integer' } })).toBe('list of integers');
    expect(kindOf({ type: 'string', enum: ['a', 'b', 'c', 'd', 'e'] })).toBe('one of "a", "b", "c", "d", …');
    expect(kindOf({ anyOf: [ref('people'), { type: 'null' }] })).toBe('reference to people or null');
    expect(kindOf({})).toBe('value');
  });
});
