import { describe, expect, it } from 'vitest';
import type { TreeSummary } from '../../../app/contract/index.js';
import type { IndexFilter } from '../state/history.js';
import { indexFilterByValue } from './filter-by-value.js';

const tree = { name: 'people', indexes: [{ name: 'byTeam', on: ['team'], unique: false }, { name: 'byBoth', on: ['team', 'name'], unique: false }] } as unknown as TreeSummary;

describe('filter by a cell value through an index', () => {
  it('applies an equals filter on the index that covers the field, the value as JSON5 text', () => {
    const applied: IndexFilter[] = [];
    const filter = indexFilterByValue(tree, (f) => applied.push(f));
    expect(filter.unavailable('team', 'core')).toBeUndefined();
    filter.apply('team', 'core');
    expect(applied).toEqual([{ index: 'byTeam', mode: 'equals', value: '"core"', end: '' }]);
  });

  it('says why not for a field without its own index, a key, an unset field or a nested value', () => {
    const filter = indexFilterByValue(tree, () => undefined);
    expect(filter.unavailable('name', 'Ada')).toBe('No index on name: the index filter needs one');
    expect(filter.unavailable(undefined, 1)).toMatch(/Keys are not filtered/);
    expect(filter.unavailable('team', undefined)).toBe('team is not set in this record');
    expect(filter.unavailable('team', { a: 1 })).toMatch(/single value/);
  });
});
