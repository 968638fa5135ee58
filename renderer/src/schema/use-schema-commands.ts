/** The palette's and View menu's ways to a tree's schema and to the database's diagram. */
import { useCommand } from '../commands/use-command.js';
import type { NavigationHistory, ViewLocation } from '../state/history.js';
import { showDiagram, showSchema, showTable } from './places.js';

export function useSchemaCommands(history: NavigationHistory, location: ViewLocation | undefined, hasTrees: boolean): void {
  const tree = location?.tree;
  const onSchema = location?.view === 'schema';
  const onTable = location !== undefined && location.view === undefined;
  useCommand({
    id: 'view.toggleSchema',
    label: onSchema ? `Show Table of ${tree}` : tree && onTable ? `Show Schema of ${tree}` : 'Show Schema of the Tree',
    group: 'View',
    run: () => tree && (onSchema ? showTable(history, tree) : showSchema(history, tree)),
    enabled: () => tree !== undefined && hasTrees && (onSchema || onTable),
  });
  useCommand({
    id: 'view.schemaDiagram',
    label: 'Show Schema Diagram',
    group: 'View',
    run: () => tree && showDiagram(history, tree),
    enabled: () => tree !== undefined && hasTrees && location?.view !== 'diagram',
  });
}
