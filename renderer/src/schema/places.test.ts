import { describe, expect, it } from 'vitest';
import { NavigationHistory } from '../state/history.js';
import { showDiagram, showSchema, showTable, viewLabel } from './places.js';

describe('schema places in the navigation history', () => {
  it('the schema is a place of its own: Back returns to the table as it was left', () => {
    const history = new NavigationHistory();
    history.push({ tree: 'tasks' });
    history.update({ selected: 'tasks/7', scrollTop: 560 });
    showSchema(history, 'tasks');
    expect(history.current()).toEqual({ tree: 'tasks', view: 'schema' });
    history.back();
    expect(history.current()).toEqual({ tree: 'tasks', selected: 'tasks/7', scrollTop: 560 });
  });

  it('the Table tab goes back to the table the schema was opened from, else to a new place', () => {
    const history = new NavigationHistory();
    history.push({ tree: 'tasks', selected: 'tasks/7' });
    showSchema(history, 'tasks');
    showTable(history, 'tasks');
    expect(history.current()).toEqual({ tree: 'tasks', selected: 'tasks/7' });
    expect(history.canGoForward()).toBe(true);

    showSchema(history, 'people');
    showTable(history, 'people');
    expect(history.current()).toEqual({ tree: 'people' });
    expect(history.get().entries.map((e) => `${e.tree}${e.view ? `?${e.view}` : ''}`)).toEqual(['tasks', 'people?schema', 'people']);
  });

  it('the diagram is a place too; a tree opened from it goes back to it, and opening it twice adds nothing', () => {
    const history = new NavigationHistory();
    history.push({ tree: 'tasks' });
    showDiagram(history, 'tasks');
    showDiagram(history, 'tasks');
    expect(history.get().entries).toEqual([{ tree: 'tasks' }, { tree: 'tasks', view: 'diagram' }]);
    history.push({ tree: 'people' });
    history.back();
    expect(history.current()).toEqual({ tree: 'tasks', view: 'diagram' });
  });

  it('asks before leaving an unsaved edit, and stays when told no', () => {
    const history = new NavigationHistory(() => false);
    history.push({ tree: 'tasks', selected: 'tasks/7' });
    expect(showSchema(history, 'tasks')).toBe(false);
    expect(showDiagram(history, 'tasks')).toBe(false);
    expect(history.current()).toEqual({ tree: 'tasks', selected: 'tasks/7' });
  });

  it('names schema places in the breadcrumbs, and leaves tables to them', () => {
    expect(viewLabel({ tree: 'tasks', view: 'diagram' })).toBe('Schema diagram');
    expect(viewLabel({ tree: 'tasks', view: 'schema' })).toBe('tasks (schema)');
    expect(viewLabel({ tree: 'tasks', selected: 'tasks/7' })).toBeUndefined();
  });
});
