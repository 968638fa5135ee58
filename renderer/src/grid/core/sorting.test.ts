import { describe, expect, it } from 'vitest';
import { queryableFields } from '@trellis/engine/common/record-fields';
import type { TreeSummary } from '../../../../app/contract/index.js';
import { nextSort, sortOptionFor } from './sorting.js';

const tree = (count: number): TreeSummary =>
  ({
    name: 'cities',
    count,
    key: { kind: 'auto' },
    keySchema: { type: 'integer' },
    value: { type: 'object', properties: { name: { type: 'string' }, population: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, where: { type: 'object', properties: {} } } },
    indexes: [{ name: 'byName', on: ['name'], unique: false }],
    references: [],
    referencedFrom: [],
  }) as TreeSummary;

describe('sortOptionFor', () => {
  it('offers the key, an indexed field, and any field of a small tree; says why not for the rest', () => {
    const big = tree(148_038);
    const fields = queryableFields(big.value);
    expect(sortOptionFor('key', big, fields, false)).toMatchObject({ sortable: true, how: 'by key' });
    expect(sortOptionFor('value:name', big, fields, false)).toMatchObject({ sortable: true, how: 'through index byName' });
    expect(sortOptionFor('value:population', big, fields, false)).toEqual({
      sortable: false,
      why: 'Sorting by population needs an index on it, or a filter that leaves at most 100,000 records (cities has 148,038)',
    });
    expect(sortOptionFor('value:population', big, fields, true)).toMatchObject({ sortable: true, how: 'in memory, if the filter leaves at most 100,000 records' });
    expect(sortOptionFor('value:population', tree(500), fields, false)).toMatchObject({ sortable: true, how: 'in memory (500 records)' });
    expect(sortOptionFor('value:tags', big, fields, false)).toMatchObject({ sortable: false, why: 'tags is a list: sort by a field with one value' });
    expect(sortOptionFor('value:where', big, fields, false)).toMatchObject({ sortable: false, why: 'where holds objects, which have no order' });
  });

  it('turns a field ascending, descending, then off; the key column turns key order around', () => {
    expect(nextSort(undefined, { field: 'name' })).toEqual({ field: 'name' });
    expect(nextSort({ field: 'name' }, { field: 'name' })).toEqual({ field: 'name', descending: true });
    expect(nextSort({ field: 'name', descending: true }, { field: 'name' })).toBeUndefined();
    expect(nextSort({ field: 'name' }, { field: 'population' })).toEqual({ field: 'population' });
    expect(nextSort(undefined, {})).toEqual({ descending: true });
    expect(nextSort({ descending: true }, {})).toBeUndefined();
  });
});
