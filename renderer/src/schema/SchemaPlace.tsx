/**
 * A place that shows a schema instead of a table: the tree's schema view or
 * the database's diagram. Both are chunks of their own, fetched when first
 * shown (the diagram's carries ELK, ~1.6 MB), so the first screen does not wait on them.
 */
import { useContext, type JSX } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import { lazyModule } from '../state/lazy-module.js';
import { NavigatorContext } from '../state/contexts.js';
import { ViewTabs } from './ViewTabs.js';
import type { ViewLocation } from '../state/history.js';

const schemaView = lazyModule(() => import('./SchemaView.js'));
const schemaDiagram = lazyModule(() => import('./SchemaDiagram.js'));

export function SchemaPlace({ database, location }: { database: DatabaseInfo; location: ViewLocation }): JSX.Element {
  const View = schemaView.use(location.view === 'schema');
  const Diagram = schemaDiagram.use(location.view === 'diagram');
  // Passed down, not read from context in the lazy chunks (SchemaView.tsx says why).
  const navigator = useContext(NavigatorContext);
  if (location.view === 'diagram') {
    return Diagram ? <Diagram.SchemaDiagram database={database} from={location.tree} onOpenTree={(tree) => navigator.showView(tree, undefined)} /> : <div className="empty-state" aria-busy="true" />;
  }
  const tree = database.trees.find((t) => t.name === location.tree);
  if (!tree) return <div className="empty-state">This database has no tree named “{location.tree}”.</div>;
  return View ? <View.SchemaView database={database} tree={tree} navigator={navigator} tabs={<ViewTabs tree={tree.name} current="schema" />} /> : <div className="empty-state" aria-busy="true" />;
}
