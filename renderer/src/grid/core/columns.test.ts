import { describe, expect, it } from 'vitest';
import type { RecordEntry, TreeSummary } from '../../../../app/contract/index.js';
import { VERSION_COLUMN, columnsFor } from './columns.js';

const tasks: TreeSummary = {
  name: 'tasks',
  count: 2,
  key: { kind: 'auto' },
  keySchema: { type: 'integer', minimum: 1 },
  value: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      project: { 'x-trellis': 'ref', 'x-ref': 'projects', type: 'integer' },
      assignee: { 'x-trellis': 'ref', 'x-ref': 'users', anyOf: [{ type: 'integer' }, { type: 'null' }] },
      labels: { type: 'array', items: { 'x-trellis': 'ref', 'x-ref': 'labels', type: 'array' } },
      status: { type: 'string', enum: ['todo', 'done'] },
      done: { type: 'boolean' },
      priority: { type: 'integer' },
      created: { type: 'string', format: 'date-time', 'x-trellis': 'timestamp' },
      avatar: { type: 'string', 'x-trellis': 'bytes' },
      settings: { type: 'object', properties: { a: { type: 'string' } } },
      tags: { type: 'array', items: { type: 'string' } },
      note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      mixed: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    },
  },
  indexes: [],
  references: [],
  referencedFrom: [],
};

const entry: RecordEntry = {
  key: 7,
  text: 'tasks/7',
  revision: 1,
  value: {
    title: 'Write tests',
    project: 3,
    assignee: null,
    labels: [[3, 'bug'], [3, 'ui']],
    status: 'todo',
    done: false,
    priority: 2,
    created: '2024-03-05T14:22:01.000Z',
    avatar: btoa('\x01\x02\xff'),
    settings: { a: 'x', b: 'y', c: 'z' },
    tags: ['a', 'b'],
    mixed: 4,
  },
};

describe('columnsFor', () => {
  const columns = columnsFor(tasks);
  const byId = (id: string) => {
    const column = columns.find((c) => c.id === id);
    if (!column) throw new Error(`no column ${id}`);
    return column;
  };
  const text = (id: string) => byId(id).type.text(byId(id).read(entry), byId(id).schema);

  it('puts the key first, then the value fields in declaration order', () => {
    expect(columns.map((c) => c.id)).toEqual(['key', ...Object.keys(tasks.value['properties'] as object).map((n) => `value:${n}`)]);
    expect(byId('key').header).toBe('key · auto');
    expect(byId('key').read(entry)).toBe(7);
  });

  it('asks each field its value type', () => {
    const types = Object.fromEntries(columns.map((c) => [c.id, c.type.id]));
    expect(types).toMatchObject({
      key: 'number',
      'value:title': 'string',
      'value:project': 'reference',
      'value:assignee': 'reference',
      'value:labels': 'reference-list',
      'value:status': 'enum',
      'value:done': 'boolean',
      'value:priority': 'number',
      'value:created': 'timestamp',
      'value:avatar': 'bytes',
      'value:settings': 'object',
      'value:tags': 'array',
      'value:note': 'string',
      'value:mixed': 'json',
    });
  });

  it('writes values as text', () => {
    expect(text('value:project')).toBe('projects/3');
    expect(text('value:labels')).toBe('labels/[3,"bug"], labels/[3,"ui"]');
    expect(text('value:settings')).toBe('{ a: x, b: y, c: z }');
    expect(text('value:tags')).toBe('[2 items]');
    expect(text('value:created')).toBe('2024-03-05 14:22:01');
    expect(text('value:avatar')).toBe('3 B · 01 02 ff');
    expect(text('value:done')).toBe('false');
    expect(text('value:mixed')).toBe('4');
    expect(byId('value:note').read(entry)).toBeUndefined();
  });

  it('names composite key fields and leaves them out of the value columns', () => {
    const labels: TreeSummary = {
      ...tasks,
      name: 'labels',
      key: { kind: 'composite', fields: ['project', 'name'] },
      keySchema: { type: 'array', prefixItems: [{ 'x-trellis': 'ref', 'x-ref': 'projects', type: 'integer' }, { type: 'string' }] },
      value: { type: 'object', properties: { project: {}, name: { type: 'string' }, color: { type: 'string' } } },
    };
    const model = columnsFor(labels);
    expect(model.map((c) => c.id)).toEqual(['key:project', 'key:name', 'value:color']);
    const label: RecordEntry = { key: [3, 'bug'], text: 'labels/[3,"bug"]', revision: 1, value: { project: 3, name: 'bug', color: '#ff0000' } };
    expect(model[0]?.type.text(model[0].read(label), model[0].schema)).toBe('projects/3');
    expect(model[1]?.read(label)).toBe('bug');
  });

  it('shows a versioned tree\'s key as its declared key and its version, composite or not', () => {
    const version = { type: 'integer', minimum: 1 };
    const parts: TreeSummary = { ...tasks, name: 'parts', versioned: true, keySchema: { type: 'array', prefixItems: [{ type: 'integer' }, version] } };
    const model = columnsFor(parts);
    expect(model.map((c) => [c.id, c.header])).toEqual([['key', 'key · auto'], [VERSION_COLUMN, 'version'], ...columnsFor(tasks).slice(1).map((c) => [c.id, c.header])]);
    const entry: RecordEntry = { key: [12, 3], text: 'parts/[12,3]', revision: 1, value: {} };
    expect([model[0]!.read(entry), model[1]!.read(entry)]).toEqual([12, 3]);
    const labels: TreeSummary = {
      ...tasks,
      name: 'labels',
      versioned: true,
      key: { kind: 'composite', fields: ['project', 'name'] },
      keySchema: { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'string' }, version] },
      value: { type: 'object', properties: { project: {}, name: { type: 'string' } } },
    };
    expect(columnsFor(labels).map((c) => c.id)).toEqual(['key:project', 'key:name', VERSION_COLUMN]);
    expect(columnsFor(labels)[2]!.read({ ...entry, key: [3, 'bug', 2] })).toBe(2);
  });
});

describe('columnsFor a tree with a reference over existing fields', () => {
  const state = { path: 'state', target: 'states', onDelete: 'cascade' as const, many: false, fields: ['countryCode', 'stateCode'] };
  const value = { type: 'object', properties: { name: { type: 'string' }, countryCode: { type: 'string' }, stateCode: { type: 'string' } } };

  it('gives the link to the column of its last field, and to no other', () => {
    const columns = columnsFor({ ...tasks, name: 'cities', value, references: [state] });
    expect(columns.filter((c) => c.fieldLinks).map((c) => [c.id, c.fieldLinks!.map((l) => l.target)])).toEqual([['value:stateCode', ['states']]]);
  });

  it('finds a field of a composite key in its key column', () => {
    const keyed: TreeSummary = {
      ...tasks,
      name: 'offices',
      key: { kind: 'composite', fields: ['countryCode', 'stateCode'] },
      keySchema: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'string' }] },
      value,
      references: [state],
    };
    expect(columnsFor(keyed).filter((c) => c.fieldLinks).map((c) => c.id)).toEqual(['key:stateCode']);
  });
});
