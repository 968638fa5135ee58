import { describe, expect, it } from 'vitest';
import { parseJson5 } from '../text/json5-text.js';
import { templateText, templateValue } from './template.js';
import { taskSchema } from '../fixtures.test-support.js';

const now = new Date('2025-03-04T05:06:07.000Z');

describe('template', () => {
  it('holds the required fields only, with placeholders of the right type', () => {
    expect(templateValue(taskSchema, now).value).toEqual({
      title: '',
      project: null,
      labels: [],
      status: 'todo',
      priority: 1,
      created: '2025-03-04T05:06:07.000Z',
    });
  });

  it('comments each reference with its target tree, and parses back to the same value', () => {
    const text = templateText(taskSchema, now);
    expect(text).toContain('project: null, // key of a projects record');
    const outcome = parseJson5(text);
    expect(outcome.ok && outcome.value).toEqual(templateValue(taskSchema, now).value);
  });

  it('fills nested objects, nullable places, consts, booleans and minItems', () => {
    const schema = {
      type: 'object',
      required: ['settings', 'note', 'kind', 'pair'],
      properties: {
        settings: (taskSchema['properties'] as Record<string, object>)['settings'],
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        kind: { const: 'task', type: 'string' },
        pair: { type: 'array', minItems: 2, items: { type: 'number', minimum: 5 } },
      },
    };
    expect(templateValue(schema, now).value).toEqual({
      settings: { visibility: 'private', notifications: { email: false } },
      note: null,
      kind: 'task',
      pair: [5, 5],
    });
  });
});
