import { describe, expect, it } from 'vitest';
import { queryableFields } from '@trellis/engine/common/record-fields';
import { toRecordQuery, type FilterRow } from './view-query.js';

const fields = queryableFields({
  type: 'object',
  properties: {
    title: { type: 'string' },
    hours: { type: 'number' },
    done: { type: 'boolean' },
    due: { 'x-trellis': 'timestamp', type: 'string' },
    status: { type: 'string', enum: ['todo', 'done'] },
    owner: { 'x-trellis': 'ref', 'x-ref': 'people', type: 'integer' },
    project: { 'x-trellis': 'ref', 'x-ref': 'projects', type: 'array', prefixItems: [{ type: 'string' }, { type: 'string' }], items: false },
    address: { type: 'object', properties: { city: { type: 'string' } } },
  },
});
const row = (field: string, op: FilterRow['op'], value = '', to = ''): FilterRow => ({ field, op, value, to });
const translate = (...rows: FilterRow[]) => toRecordQuery({ match: 'all', conditions: rows }, fields);

describe('toRecordQuery', () => {
  it('reads each operand by its field: text as typed, numbers, booleans, dates, enums, keys, lists', () => {
    expect(translate(row('title', 'contains', ' 42 '), row('hours', 'between', '1.5', '8'), row('done', 'eq', 'true'), row('due', 'lt', '2025-01-01'))).toEqual({
      ok: true,
      query: {
        where: {
          match: 'all',
          conditions: [
            { field: 'title', op: 'contains', value: ' 42 ' },
            { field: 'hours', op: 'between', value: 1.5, to: 8 },
            { field: 'done', op: 'eq', value: true },
            { field: 'due', op: 'lt', value: '2025-01-01' },
          ],
        },
      },
    });
    expect(translate(row('status', 'in', 'todo, done'), row('owner', 'eq', '7'), row('project', 'eq', "['core', 'apollo']"), row('address.city', 'empty'))).toMatchObject({
      ok: true,
      query: { where: { conditions: [{ values: ['todo', 'done'] }, { value: 7 }, { value: ['core', 'apollo'] }, { field: 'address.city', op: 'empty' }] } },
    });
    expect(toRecordQuery({ match: 'any', conditions: [], sort: { field: 'hours', descending: true } }, fields)).toEqual({ ok: true, query: { sort: { field: 'hours', descending: true } } });
  });

  it('names the row and what is wrong with it', () => {
    expect(translate(row('hours', 'gt', 'many'))).toEqual({ ok: false, problem: 'hours: many is not a number' });
    expect(translate(row('due', 'lt', 'someday'))).toMatchObject({ ok: false, problem: expect.stringContaining('due: someday is not a date') });
    expect(translate(row('status', 'eq', 'doing'))).toEqual({ ok: false, problem: 'status: one of todo, done' });
    expect(translate(row('owner', 'eq', '[1,'))).toEqual({ ok: false, problem: 'owner: [1, is not a key: a key of people is a whole number' });
    expect(translate(row('project', 'eq', "'core'"))).toMatchObject({ ok: false, problem: expect.stringContaining('a list of 2 parts (string, string)') });
    expect(translate(row('status', 'in', ' , '))).toEqual({ ok: false, problem: 'status: list the values, separated by commas' });
    expect(translate(row('nope', 'eq', '1'))).toEqual({ ok: false, problem: 'There is no field nope' });
  });
});
