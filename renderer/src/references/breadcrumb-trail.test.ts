import { describe, expect, it } from 'vitest';
import type { ViewLocation } from '../state/history.js';
import { breadcrumbTrail } from './breadcrumb-trail.js';

const filter = (value: string) => ({ match: 'all' as const, conditions: [{ field: 'status', op: 'eq' as const, value, to: '' }] });
const trail = (entries: ViewLocation[], index = entries.length - 1) => breadcrumbTrail({ entries, index }).map((c) => c.index);

describe('breadcrumbTrail', () => {
  it('shows a run of filters on one tree as one crumb, the last (they used to pile up one per filter)', () => {
    const entries: ViewLocation[] = [{ tree: 'people' }, { tree: 'tasks' }, { tree: 'tasks', query: filter('"todo"') }, { tree: 'tasks', query: filter('"done"') }, { tree: 'tasks' }, { tree: 'tasks', query: filter('"doing"') }];
    expect(trail(entries)).toEqual([0, 5]);
  });

  it('keeps records followed from a view, and the view before them', () => {
    const entries: ViewLocation[] = [{ tree: 'tasks', query: filter('"todo"') }, { tree: 'tasks', query: filter('"done"') }, { tree: 'people', selected: 'people/4' }, { tree: 'tasks', selected: 'tasks/3' }, { tree: 'tasks', selected: 'tasks/3' }];
    expect(trail(entries)).toEqual([1, 2, 4]);
  });

  it('ends at the current entry (forward entries are not on the trail)', () => {
    const entries: ViewLocation[] = [{ tree: 'people' }, { tree: 'tasks', selected: 'tasks/1' }, { tree: 'projects' }];
    expect(trail(entries, 1)).toEqual([0, 1]);
  });
});

describe('breadcrumbTrail and other views', () => {
  it("keeps a tree's schema apart from its table", () => {
    expect(trail([{ tree: 'tasks' }, { tree: 'tasks', view: 'schema' }, { tree: 'tasks' }])).toEqual([0, 1, 2]);
  });
});
