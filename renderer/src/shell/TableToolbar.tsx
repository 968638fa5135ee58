/** Above the table: what is shown and how many, jump to key, the filter (its bar, plan and progress), and New record. */
import type { JSX, ReactNode } from 'react';
import type { QueryableField } from '@trellis/engine/common/record-fields';
import type { JsonKey, TreeSummary } from '../../../app/contract/index.js';
import type { BlockCache } from '../grid/core/block-cache.js';
import type { QueryView } from '../grid/core/query-view.js';
import { countText } from '../grid/core/count-text.js';
import { isFiltered, type ViewQuery } from '../state/view-query.js';
import { ViewTabs } from '../schema/ViewTabs.js';
import { FilterBar } from './FilterBar.js';
import { JumpToKey } from './JumpToKey.js';
import { QueryStatus } from './QueryStatus.js';

interface TableToolbarProps {
  readonly tree: TreeSummary;
  readonly cache: BlockCache<unknown>;
  readonly query: ViewQuery | undefined;
  /** Why the view's query cannot run here (the whole tree is shown instead). */
  readonly queryProblem: string | undefined;
  readonly view: QueryView | undefined;
  readonly fields: readonly QueryableField[];
  readonly filtering: boolean;
  /** Why writes are refused (state/read-only-reason.ts); undefined when they are allowed. */
  readonly readOnlyWhy: string | undefined;
  onJump(key: JsonKey): Promise<string | null>;
  onFilter(query: ViewQuery | undefined): void;
  onToggleFilter(): void;
  onNewRecord(): void;
  /** More toolbar buttons (export and import), after New. */
  readonly extra?: ReactNode;
}

export function TableToolbar({ tree, cache, query, queryProblem, view, fields, filtering, readOnlyWhy, onJump, onFilter, onToggleFilter, onNewRecord, extra }: TableToolbarProps): JSX.Element {
  const count = cache.rowCount;
  const filtered = isFiltered(query) && !queryProblem;
  const text = countText({ filtered, growing: view !== undefined && !cache.exact, rowCount: count, error: cache.error });
  const conditions = query?.conditions.length ?? 0;
  return (
    <div className="table-toolbar-area">
      <div className="table-toolbar" role="toolbar" aria-label={`${tree.name} table`}>
        <h1 className="tree-title">{tree.name}</h1>
        <ViewTabs tree={tree.name} current="table" />
        <span className="table-count" data-testid="table-count" data-count={cache.exact ? count : undefined}>
          {text}
        </span>
        <button type="button" className="primary" data-testid="new-record" onClick={onNewRecord} disabled={readOnlyWhy !== undefined} title={readOnlyWhy ?? `New record in ${tree.name}`}>
          + New
        </button>
        {extra}
        <JumpToKey key={tree.name} tree={tree.name} onJump={onJump} />
        <button type="button" data-testid="filter-toggle" aria-pressed={filtering} className={filtered ? 'active' : undefined} onClick={onToggleFilter} title="Filter by any field (Mod+Shift+F)">
          Filter{conditions > 0 ? ` (${conditions})` : ''}
        </button>
      </div>
      {filtering && <FilterBar key={`${tree.name} ${JSON.stringify(query ?? null)}`} tree={tree} fields={fields} query={query} onApply={onFilter} onClose={onToggleFilter} />}
      {queryProblem && (
        <div className="query-status failed" role="alert" data-testid="query-status">
          This view's filter no longer fits {tree.name} ({queryProblem}); the whole tree is shown.
        </div>
      )}
      {view && <QueryStatus view={view} />}
    </div>
  );
}
