import { describe, expect, it } from 'vitest';
import type { ViewLocation } from '../state/history.js';
import { breadcrumbTrail } from './breadcrumb-trail.js';

const filter = (value: string) => ({ index: 'byStatus', mode: 'equals' as const, value, end: '' });
const trail = (entries: ViewLocation[], index = entries.length - 1) => breadcrumbTrail({ entries, index }).map((c) => c.index);

describe('breadcrumbTrail', () => {
  it('shows a run of filters on one tree as one crumb, the last (they used to pile up one per filter)', () => {
    const entries: ViewLocation[] = [{ tree: 'people' }, { tree: 'tasks' }, { tree: 'tasks', filter: filter('"todo"') }, { tree: 'tasks', filter: filter('"done"') }, { tree: 'tasks' }, { tree: 'tasks', filter: filter('"doing"') }];
    expect(trail(entries)).toEqual([0, 5]);
  });

  it('keeps records followed from a view, and the view before them', () => {
    const entries: ViewLocation[] = [{ tree: 'tasks', filter: filter('"todo"') }, { tree: 'tasks', filter: filter('"done"') }, { tree: 'people', selected: 'people/4' }, { tree: 'tasks', selected: 'tasks/3' }, { tree: 'tasks', selected: 'tasks/3' }];
    expect(trail(entries)).toEqual([1, 2, 4]);
  });

  it('ends at the current entry (forward entries are not on the trail)', () => {
    const entries: ViewLocation[] = [{ tree: 'people' }, { tree: 'tasks', selected: 'tasks/1' }, { tree: 'projects' }];
    expect(trail(entries, 1)).toEqual([0, 1]);
  });
});
