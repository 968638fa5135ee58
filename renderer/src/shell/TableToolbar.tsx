/** Above the table: what is shown and how many, jump to key, the index filter, and New record. */
import type { JSX, ReactNode } from 'react';
import type { JsonKey, TreeSummary } from '../../../app/contract/index.js';
import type { BlockCache } from '../grid/core/block-cache.js';
import { countText } from '../grid/core/count-text.js';
import type { IndexFilter } from '../state/history.js';
import { IndexFilterBar } from './IndexFilterBar.js';
import { JumpToKey } from './JumpToKey.js';

interface TableToolbarProps {
  readonly tree: TreeSummary;
  readonly cache: BlockCache<unknown>;
  readonly filter: IndexFilter | undefined;
  readonly readOnly: boolean;
  onJump(key: JsonKey): Promise<string | null>;
  onFilter(filter: IndexFilter): void;
  onClearFilter(): void;
  onNewRecord(): void;
  /** More toolbar buttons (export and import), after New. */
  readonly extra?: ReactNode;
}

export function TableToolbar({ tree, cache, filter, readOnly, onJump, onFilter, onClearFilter, onNewRecord, extra }: TableToolbarProps): JSX.Element {
  const count = cache.rowCount;
  const text = countText({ filtered: filter !== undefined, rowCount: count, exact: cache.exact, blockSize: cache.blockSize, error: cache.error });
  return (
    <div className="table-toolbar" role="toolbar" aria-label={`${tree.name} table`}>
      <h1 className="tree-title">{tree.name}</h1>
      <span className="table-count" data-testid="table-count" data-count={cache.exact ? count : undefined}>
        {text}
      </span>
      <button type="button" className="primary" data-testid="new-record" onClick={onNewRecord} disabled={readOnly} title={readOnly ? 'Read-only: turn off read-only to add records' : `New record in ${tree.name}`}>
        + New
      </button>
      {extra}
      <JumpToKey key={tree.name} tree={tree.name} onJump={onJump} />
      <IndexFilterBar key={`${tree.name} ${JSON.stringify(filter ?? null)}`} tree={tree} filter={filter} onApply={onFilter} onClear={onClearFilter} />
    </div>
  );
}
