import { describe, expect, it } from 'vitest';
import { hashToLocation, locationToHash } from './browser-location.js';

describe('browser location (URL fragment)', () => {
  it('writes a tree, a selected record and a filter, and reads them back', () => {
    expect(locationToHash({ tree: 'tasks' })).toBe('#/tasks');
    expect(locationToHash({ tree: 'tasks', selected: 'tasks/42', scrollTop: 300 })).toBe('#/tasks/42');
    expect(locationToHash({ tree: 'labels', selected: 'labels/[3,"bug"]' })).toBe('#/labels/%5B3%2C%22bug%22%5D');
    const places = [
      { tree: 'tasks' },
      { tree: 'tasks', selected: 'tasks/42' },
      { tree: 'users', selected: 'users/"ann/b?c#d"' },
      { tree: 'odd tree%', selected: 'odd tree%/[1,"x"]' },
      { tree: 'tasks', query: { match: 'all' as const, conditions: [{ field: 'title', op: 'contains' as const, value: 'open & done #1?', to: '' }] } },
      {
        tree: 'tasks',
        selected: 'tasks/7',
        query: { match: 'any' as const, conditions: [{ field: 'due', op: 'between' as const, value: '2024-01-01', to: '2025-01-01' }, { field: 'tags', op: 'empty' as const, value: '', to: '' }], sort: { field: 'due', descending: true } },
      },
      { tree: 'tasks', query: { match: 'all' as const, conditions: [], sort: { field: 'title' } } },
    ];
    for (const place of places) expect(hashToLocation(locationToHash(place))).toEqual(place);
  });

  it('ignores fragments that name no place', () => {
    expect(hashToLocation('')).toBeUndefined();
    expect(hashToLocation('#')).toBeUndefined();
    expect(hashToLocation('#section')).toBeUndefined();
    expect(hashToLocation('#/')).toBeUndefined();
    expect(hashToLocation('#/tasks/%7Bnot-json')).toBeUndefined();
    expect(hashToLocation('#/tasks/%7B%7D')).toBeUndefined();
    expect(hashToLocation('#/tasks?index=byStatus&mode=bogus')).toEqual({ tree: 'tasks' });
    expect(hashToLocation('#/tasks?q=%7B%22match%22%3A%22some%22%2C%22conditions%22%3A%5B%5D%7D')).toEqual({ tree: 'tasks' });
    // A hand-edited row with an unknown operator is dropped, the rest kept.
    const edited = `#/tasks?q=${encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'a', op: 'like', value: 'x', to: '' }, { field: 'b', op: 'eq', value: '1', to: '' }] }))}`;
    expect(hashToLocation(edited)).toEqual({ tree: 'tasks', query: { match: 'all', conditions: [{ field: 'b', op: 'eq', value: '1', to: '' }] } });
    expect(hashToLocation('#/tasks/')).toEqual({ tree: 'tasks' });
  });
});
