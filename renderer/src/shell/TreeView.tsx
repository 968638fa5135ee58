/**
 * One place in the history: a tree (maybe filtered through an index) in the
 * table, and the selected record's panel. Selection and scroll offset are
 * written back into the current history entry, so Back restores them; a new
 * place without a scroll offset scrolls to its selected record instead.
 */
import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type JSX, type RefObject } from 'react';
import type { DatabaseInfo, JsonKey, RecordEntry, TreeSummary } from '../../../app/contract/index.js';
import { useCommand } from '../commands/use-command.js';
import { layoutStorageKey } from '../grid/core/column-layout.js';
import { columnsFor } from '../grid/core/columns.js';
import { nextSort, sortOptionFor } from '../grid/core/sorting.js';
import type { HeaderSorting } from '../grid/TableHeader.js';
import { queryableFields } from '@trellis/engine/common/record-fields';
import { isFiltered, toRecordQuery, type ViewQuery } from '../state/view-query.js';
import { RecordsTable, type TableApi } from '../grid/RecordsTable.js';
import { useBlockCache } from '../grid/use-block-cache.js';
import { NavigatorContext, useClient } from '../state/contexts.js';
import type { NavigationHistory, ViewLocation } from '../state/history.js';
import { formatKeyText, keyAddressOf } from '@trellis/engine/common/key-text';
import type { Theme } from '../state/use-theme.js';
import { filterByValue } from './filter-by-value.js';
import { PanelResizer, usePanelWidth } from './PanelResizer.js';
import { TableToolbar } from './TableToolbar.js';
import { writeRefusedReason } from '../state/read-only-reason.js';
import { lazyModule } from '../state/lazy-module.js';
import { TransferControls } from '../transfer/TransferControls.js';
import { offsetSource } from '../transfer/core/record-source.js';
import { pathTreesOf } from '../paths/path-trees.js';
import { RowMarksContext } from '../grid/row-marks.js';
import { useCheckOutMarks } from '../sync/use-check-out-marks.js';

/**
 * The record panel (editor, JSON5 parser) is not on the first screen: its own chunk, fetched
 * just after start-up so that a first click finds it (its module in turn fetches Monaco).
 */
const recordPanel = lazyModule(() => import('./RecordPanel.js'));
const PRELOAD_PANEL_AFTER_MS = 300;
if (typeof window !== 'undefined') window.setTimeout(() => void recordPanel.preload().catch(() => undefined), PRELOAD_PANEL_AFTER_MS);

export interface TreeViewProps {
  readonly database: DatabaseInfo;
  readonly tree: TreeSummary;
  readonly location: ViewLocation;
  readonly historyIndex: number;
  readonly history: NavigationHistory;
  readonly theme: Theme;
}

export function TreeView({ database, tree, location, historyIndex, history, theme }: TreeViewProps): JSX.Element {
  const client = useClient();
  const navigator = useContext(NavigatorContext);
  // Tree summaries are refetched whenever counts change; the columns and fields only follow the schema.
  const schemaText = JSON.stringify([tree.key, tree.keySchema, tree.value, tree.references]);
  const columns = useMemo(() => columnsFor(tree), [schemaText]);
  const fields = useMemo(() => queryableFields(tree.value), [schemaText]);
  const pathTrees = pathTreesOf(database.trees);
  const pathSupport = useMemo(() => ({ tree: tree.name, trees: pathTrees }), [tree.name, pathTrees]);
  const viewQuery = location.query;
  // A query from an address the schema no longer fits shows the whole tree, and says why.
  const translated = viewQuery ? toRecordQuery(viewQuery, fields) : undefined;
  const { cache, view } = useBlockCache(client, tree, translated?.ok ? translated.query : undefined);
  const [filtering, setFiltering] = useState(isFiltered(viewQuery));
  const showQuery = (query: ViewQuery | undefined) => history.push({ tree: tree.name, ...(query ? { query } : {}) });
  const sorting: HeaderSorting = {
    current: viewQuery?.sort,
    optionFor: (columnId) => sortOptionFor(columnId, tree, fields, isFiltered(viewQuery)),
    onSort: (columnId) => {
      const option = sortOptionFor(columnId, tree, fields, isFiltered(viewQuery));
      if (!option.sortable) return;
      const sort = nextSort(viewQuery?.sort, option.sort);
      const conditions = viewQuery?.conditions ?? [];
      showQuery(conditions.length > 0 || sort ? { match: viewQuery?.match ?? 'all', conditions, ...(sort ? { sort } : {}) } : undefined);
    },
  };
  // A filtered or sorted view exports its own records, in its order.
  const exportSources = useMemo(
    () => (view ? [offsetSource(isFiltered(viewQuery) ? `the records of this filtered view` : `all records of ${tree.name}, in this view's order`, view.current.progress?.matches, (offset, limit, signal) => view.read(offset, limit, signal))] : []),
    [view],
  );
  useCommand({ id: 'view.filter', label: `Filter ${tree.name}…`, group: 'View', keys: ['Mod+Shift+F'], run: () => setFiltering(true) });
  const table = useRef<TableApi>(null);
  const [creating, setCreating] = useState(false);
  // The row last moved to: keeps its index when the record is not loaded (a keyboard jump
  // into a block still on its way, or one dropped from the cache).
  const [cursor, setCursor] = useState<{ index: number; text: string | undefined } | undefined>(undefined);
  const selected = location.selected;
  const foundIndex = selected ? cache.indexOf(selected) : -1;
  const selectedIndex = foundIndex >= 0 ? foundIndex : cursor && cursor.text === selected ? cursor.index : undefined;

  // A row selected before it loaded: select its record once it arrives.
  const arrived = cursor && cursor.text === undefined ? cache.row(cursor.index) : undefined;
  useEffect(() => {
    if (!arrived || !cursor) return;
    setCursor({ index: cursor.index, text: arrived.text });
    history.update({ selected: arrived.text }, false, { force: true });
  }, [arrived, cursor, history]);

  useRevealSelected(location, historyIndex, tree.name, table);
  const Panel = recordPanel.use();

  const select = useCallback(
    (index: number, entry: RecordEntry | undefined) => {
      // Asks first when the record on screen has an unsaved edit (creating: no selection to change).
      if (creating && selected === entry?.text && !history.mayLeave()) return;
      if (!history.update({ selected: entry?.text })) return;
      setCreating(false);
      setCursor({ index, text: entry?.text });
    },
    [history, creating, selected],
  );

  const jump = async (key: JsonKey): Promise<string | null> => {
    const text = formatKeyText(tree.name, key);
    let found: { position: number; exists: boolean };
    try {
      found = await client.call('records.position', { tree: tree.name, key });
    } catch (error) {
      // A key of the wrong type (INVALID_KEY), a lost connection: say what the host said.
      return `Cannot jump to ${text}: ${error instanceof Error ? error.message : String(error)}`;
    }
    const { position, exists } = found;
    if (exists) {
      history.push({ tree: tree.name, selected: text });
      return null;
    }
    if (location.query && !history.push({ tree: tree.name })) return null;
    setTimeout(() => table.current?.scrollToRow(position), 0);
    return `No record ${text}; showing where it would be (row ${position + 1}).`;
  };

  const startCreating = () => {
    if (creating ? !history.mayLeave() : !history.update({ selected: undefined })) return;
    setCursor(undefined);
    setCreating(true);
  };
  useCommand({ id: 'tree.newRecord', label: `New Record in ${tree.name}`, group: 'Record', run: startCreating, enabled: () => !database.readOnly });
  useCommand({ id: 'view.closeRecord', label: 'Close Record Panel', group: 'Record', keys: ['Escape'], run: () => closePanel(), enabled: () => creating || selected !== undefined });
  /** Escape or the panel's close button ask about an unsaved edit; after a delete there is nothing to lose. */
  const closePanel = (force = false) => {
    if (creating && !force && !history.mayLeave()) return;
    if (!history.update({ selected: undefined }, false, { force })) return;
    setCreating(false);
    setCursor(undefined);
    table.current?.focus();
  };

  const saved = (entry: RecordEntry) => {
    const wasCreating = creating;
    setCreating(false);
    if (wasCreating) history.push({ tree: keyAddressOf(entry.text)?.tree ?? tree.name, selected: entry.text }, { force: true });
    else history.update({ selected: entry.text }, false, { force: true });
  };

  const panelText = creating ? null : selected;
  // A replica's check-outs, as padlocks on their rows.
  const marks = useCheckOutMarks(tree.name);
  const [panelWidth, setPanelWidth] = usePanelWidth();
  return (
    <div className="tree-view" style={panelWidth ? ({ '--record-panel-width': `${panelWidth}px` } as CSSProperties) : undefined}>
      <div className="tree-main">
        <TableToolbar
          tree={tree}
          cache={cache}
          query={viewQuery}
          queryProblem={translated && !translated.ok ? translated.problem : undefined}
          view={view}
          fields={fields}
          filtering={filtering}
          readOnlyWhy={writeRefusedReason(database)}
          onJump={jump}
          onFilter={showQuery}
          onToggleFilter={() => setFiltering((open) => !open)}
          onNewRecord={startCreating}
          extra={<TransferControls tree={tree} readOnly={database.readOnly} selection={selectedEntries(cache.row(selectedIndex ?? -1))} sources={exportSources} />}
        />
        <RowMarksContext.Provider value={marks}>
          <RecordsTable
            key={historyIndex}
            ref={table}
            cache={cache}
            columns={columns}
            selectedIndex={selectedIndex}
            initialScrollTop={location.scrollTop}
            layoutKey={layoutStorageKey(database.path, tree.name)}
            filterByValue={filterByValue(fields, viewQuery, (query) => { setFiltering(true); showQuery(query); })}
            onFollow={navigator.follow}
            onSelect={select}
            onOpen={() => document.querySelector<HTMLElement>('[data-testid="record-panel"]')?.focus()}
            onScroll={(top) => history.update({ scrollTop: top }, true)}
            sorting={sorting}
            paths={pathSupport}
          />
        </RowMarksContext.Provider>
      </div>
      {panelText !== undefined && <PanelResizer onResize={setPanelWidth} />}
      {panelText !== undefined &&
        (Panel ? (
          <Panel.RecordPanel
            key={panelText ?? 'new'}
            database={database}
            tree={tree}
            text={panelText}
            theme={theme}
            onFollow={navigator.follow}
            onSaved={saved}
            onDeleted={() => closePanel(true)}
            onClose={() => closePanel()}
          />
        ) : (
          <aside className="record-panel" aria-busy="true" />
        ))}
    </div>
  );
}

const selectedEntries = (entry: RecordEntry | undefined): RecordEntry[] | undefined => (entry ? [entry] : undefined);

/** A place reached by following a link (no scroll offset yet): scroll to where its record sits. */
function useRevealSelected(location: ViewLocation, historyIndex: number, tree: string, table: RefObject<TableApi | null>): void {
  const client = useClient();
  const latest = useRef(location);
  latest.current = location;
  // Before paint: the position is a round trip, and the frame of the tree's first rows need not go first.
  useLayoutEffect(() => {
    const { scrollTop, selected, query } = latest.current;
    if (scrollTop !== undefined || !selected || query) return;
    const address = keyAddressOf(selected);
    if (!address || address.tree !== tree) return;
    let current = true;
    client
      .call('records.position', address)
      .then(({ position }) => current && table.current?.scrollToRow(position))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [client, historyIndex, tree, table]);
}
