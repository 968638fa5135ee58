import { describe, expect, it } from 'vitest';
import { hashToLocation } from './browser-location.js';
import { hashToPlace, placeToHash } from './place-hash.js';

describe('place fragments with a view', () => {
  it('writes the schema view and the diagram as `view`, beside a selection or a filter, and reads them back', () => {
    expect(placeToHash({ tree: 'tasks', view: 'schema' })).toBe('#/tasks?view=schema');
    expect(placeToHash({ tree: 'tasks', view: 'diagram' })).toBe('#/tasks?view=diagram');
    expect(placeToHash({ tree: 'tasks', selected: 'tasks/7' })).toBe('#/tasks/7');
    const places = [
      { tree: 'tasks', view: 'schema' as const },
      { tree: 'odd tree%', view: 'diagram' as const },
      { tree: 'tasks', selected: 'tasks/7' },
      { tree: 'tasks', view: 'schema' as const, query: { match: 'all' as const, conditions: [{ field: 'status', op: 'eq' as const, value: 'open & view=diagram', to: '' }] } },
    ];
    for (const place of places) expect(hashToPlace(placeToHash(place))).toEqual(place);
  });

  it('ignores an unknown view and fragments that name no place', () => {
    expect(hashToPlace('#/tasks?view=bogus')).toEqual({ tree: 'tasks' });
    expect(hashToPlace('#section?view=schema')).toBeUndefined();
    expect(hashToPlace('')).toBeUndefined();
    // The boot script's reading leaves the view out: it only guesses which rows come first.
    expect(hashToLocation('#/tasks?view=schema')).toEqual({ tree: 'tasks' });
  });
});
