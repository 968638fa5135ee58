/**
 * Moving between a tree's table, its schema and the database's diagram. Each
 * is a place in the navigation history, so Back returns from the schema to
 * the table (scroll and selection as they were left) and from a tree opened
 * in the diagram back to the diagram.
 */
import type { NavigationHistory, ViewLocation } from '../state/history.js';

export function showSchema(history: NavigationHistory, tree: string): boolean {
  return history.push({ tree, view: 'schema' });
}

/**
 * The tree's table: when the place just before is that table (the schema was
 * opened from it), going back to it keeps its scroll position, selection and filter.
 */
export function showTable(history: NavigationHistory, tree: string): boolean {
  const { entries, index } = history.get();
  const here = entries[index];
  const before = entries[index - 1];
  if (here?.view === 'schema' && here.tree === tree && before && before.tree === tree && before.view === undefined) return history.back();
  return history.push({ tree });
}

/** The diagram of the whole database; `from` is the tree on screen, whose box it marks. */
export function showDiagram(history: NavigationHistory, from: string): boolean {
  const here = history.current();
  if (here?.view === 'diagram') return true;
  return history.push({ tree: from, view: 'diagram' });
}

/** How a breadcrumb names a schema place; undefined for a table. */
export function viewLabel(location: ViewLocation): string | undefined {
  if (location.view === 'diagram') return 'Schema diagram';
  if (location.view === 'schema') return `${location.tree} (schema)`;
  return undefined;
}
