/** `Table | Schema` beside a tree's title: which face of the tree the place shows. */
import { useContext, type JSX } from 'react';
import { NavigatorContext } from '../state/contexts.js';
import './schema-entry.css';

export function ViewTabs({ tree, current }: { tree: string; current: 'table' | 'schema' }): JSX.Element {
  const navigator = useContext(NavigatorContext);
  const tab = (view: 'table' | 'schema', label: string, title: string) => (
    <button
      type="button"
      role="tab"
      className={`view-tab${current === view ? ' current' : ''}`}
      data-testid="view-tab"
      data-view={view}
      aria-selected={current === view}
      title={title}
      onClick={() => current !== view && navigator.showView(tree, view === 'schema' ? 'schema' : undefined)}
    >
      {label}
    </button>
  );
  return (
    <div className="view-tabs" role="tablist" aria-label={`${tree}: table or schema`}>
      {tab('table', 'Table', `The records of ${tree}`)}
      {tab('schema', 'Schema', `Key, fields, indexes and references of ${tree}`)}
    </div>
  );
}
