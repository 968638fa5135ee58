import { describe, expect, it } from 'vitest';
import { describeSchema, fieldsAt, referencePath, refTargetAt, schemasAt } from './schema-nav.js';
import { taskSchema } from '../fixtures.test-support.js';

describe('schema navigation', () => {
  it('finds the fields of nested objects with their required flag', () => {
    expect(fieldsAt(taskSchema, ['settings']).map((f) => [f.name, f.required])).toEqual([
      ['visibility', true],
      ['notifications', true],
      ['avatar', false],
    ]);
  });

  it('finds references, including list elements, but not the list itself', () => {
    expect(refTargetAt(taskSchema, ['project'])).toBe('projects');
    expect(refTargetAt(taskSchema, ['labels', 3])).toBe('labels');
    expect(refTargetAt(taskSchema, ['labels'])).toBeUndefined();
    expect(refTargetAt(taskSchema, ['title'])).toBeUndefined();
  });

  it('looks through unions', () => {
    expect(schemasAt(taskSchema, ['note']).map((s) => s['type'])).toEqual(['string', 'null']);
  });

  it('names reference paths as the catalog does', () => {
    expect(referencePath(['labels', 2])).toBe('labels[]');
    expect(referencePath(['address', 'owner'])).toBe('address.owner');
  });

  it('describes places in words', () => {
    expect(describeSchema((taskSchema['properties'] as Record<string, object>)['labels'] as object as Record<string, unknown>)).toBe('list of key of labels');
    expect(describeSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
  });
});

describe('stored reference nodes', () => {
  it('stay one node with their target, null allowed for setNull', () => {
    expect(refTargetAt(taskSchema, ['assignee'])).toBe('users');
    expect(describeSchema((taskSchema['properties'] as Record<string, Record<string, unknown>>)['assignee'] ?? {})).toBe('key of users | null');
  });
});
