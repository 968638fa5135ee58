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
      { tree: 'tasks', filter: { index: 'byStatus', mode: 'equals' as const, value: 'open & done', end: '' } },
      { tree: 'tasks', selected: 'tasks/7', filter: { index: 'byDue', mode: 'range' as const, value: '"2024-01-01"', end: '"2025-01-01"' } },
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
    expect(hashToLocation('#/tasks/')).toEqual({ tree: 'tasks' });
  });
});
