import { describe, expect, it } from 'vitest';
import { queryableFields } from '@trellis/engine/common/record-fields';
import { toRecordQuery, type ViewQuery } from '../state/view-query.js';
import { filterByValue } from './filter-by-value.js';

const fields = queryableFields({
  type: 'object',
  properties: {
    team: { type: 'string' },
    hours: { type: 'number' },
    owner: { 'x-trellis': 'ref', 'x-ref': 'people', type: 'integer' },
    state: { 'x-trellis': 'ref', 'x-ref': 'states', type: 'array', prefixItems: [{ type: 'string' }, { type: 'string' }], items: false },
    tags: { type: 'array', items: { type: 'string' } },
    address: { type: 'object', properties: { city: { type: 'string' } } },
  },
});

describe('filter by a cell value', () => {
  it('adds field = value to the view, in a form the filter bar reads back as the same value', () => {
    const applied: ViewQuery[] = [];
    const current: ViewQuery = { match: 'all', conditions: [{ field: 'hours', op: 'gt', value: '2', to: '' }], sort: { field: 'hours' } };
    const filter = filterByValue(fields, current, (q) => applied.push(q));
    filter.apply('team', 'core "x"');
    filter.apply('state', ['FR', 'IDF']);
    filter.apply('owner', 7);
    filter.apply('address.city', null);
    expect(applied.map((q) => q.conditions.at(-1))).toEqual([
      { field: 'team', op: 'eq', value: 'core "x"', to: '' },
      { field: 'state', op: 'eq', value: '["FR","IDF"]', to: '' },
      { field: 'owner', op: 'eq', value: '7', to: '' },
      { field: 'address.city', op: 'empty', value: '', to: '' },
    ]);
    expect(applied[0]).toMatchObject({ match: 'all', sort: { field: 'hours' } });
    expect(applied[0]!.conditions[0]).toEqual(current.conditions[0]);
    const translated = toRecordQuery(applied[1]!, fields);
    expect(translated).toMatchObject({ ok: true, query: { where: { conditions: [{ field: 'hours', value: 2 }, { field: 'state', value: ['FR', 'IDF'] }] } } });
  });

  it('says why not for a key, an unset field, a list or an object', () => {
    const filter = filterByValue(fields, undefined, () => undefined);
    expect(filter.unavailable(undefined, 1)).toMatch(/Keys are not filtered/);
    expect(filter.unavailable('team', undefined)).toBe('team is not set in this record');
    expect(filter.unavailable('tags', ['a'])).toMatch(/single value/);
    expect(filter.unavailable('address', { city: 'x' })).toMatch(/single value/);
    expect(filter.unavailable('state', ['FR', 'IDF'])).toBeUndefined();
  });
});
