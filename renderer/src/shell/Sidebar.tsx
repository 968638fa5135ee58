/** The trees of the open database, with their record counts and key strategies. */
import type { JSX } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import { DiagramEntry } from '../schema/DiagramEntry.js';

interface SidebarProps {
  readonly database: DatabaseInfo;
  readonly current: string | undefined;
  readonly diagramOpen: boolean;
  onOpen(tree: string): void;
  onOpenDiagram(): void;
}

export function Sidebar({ database, current, diagramOpen, onOpen, onOpenDiagram }: SidebarProps): JSX.Element {
  return (
    <nav className="sidebar" aria-label="Trees">
      <div className="sidebar-database" title={database.path}>
        <span className="sidebar-label">Database</span>
        <span className="sidebar-path" data-testid="database-name">{database.path.split(/[\\/]/).filter(Boolean).at(-1) ?? database.path}</span>
      </div>
      {database.trees.length > 0 && <DiagramEntry current={diagramOpen} onOpen={onOpenDiagram} />}
      <ul className="tree-list" data-testid="tree-list" role="listbox" aria-label="Trees">
        {database.trees.map((tree) => (
          <li
            key={tree.name}
            role="option"
            aria-selected={tree.name === current}
            className={`tree-item${tree.name === current ? ' current' : ''}`}
            data-testid="tree-item"
            data-tree={tree.name}
            data-count={tree.count}
            tabIndex={0}
            onClick={() => onOpen(tree.name)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onOpen(tree.name);
              }
            }}
          >
            <span className="tree-item-name">{tree.name}</span>
            <span className="tree-item-count">{tree.count.toLocaleString('en-US')}</span>
            <span className="tree-item-key">{describeKey(tree.key)}</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function describeKey(key: DatabaseInfo['trees'][number]['key']): string {
  return key.kind === 'composite' ? `key (${key.fields.join(', ')})` : `${key.kind} key`;
}
