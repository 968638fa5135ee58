/**
 * The table's path columns: their GridColumns (from the layout's path texts),
 * the cells behind them, and the asking — for the rows drawn, once the range
 * has settled (a drag across a million rows asks where it stops), one
 * `records.resolvePaths` call per path and block of rows. Any change event
 * makes the cells stale (a path reads other trees' records too): the drawn
 * rows are asked for again.
 */
import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../state/contexts.js';
import type { PathTrees } from '../paths/path-trees.js';
import type { BlockCache } from './core/block-cache.js';
import type { GridColumn } from './core/columns.js';
import { PathCells, type DrawnRow } from './core/path-cells.js';
import { pathColumn } from './core/path-columns.js';

/** What a table needs to offer path columns: the tree its rows are records of, and the catalog's trees. */
export interface PathColumnSupport {
  readonly tree: string;
  readonly trees: PathTrees;
}

export interface PathColumns {
  readonly cells: PathCells;
  readonly columns: readonly GridColumn[];
}

const NONE: readonly GridColumn[] = [];
/** As the table waits before loading a moving range (RecordsTable's LOAD_DELAY_MS). */
const SETTLE_MS = 30;

export function usePathColumns(support: PathColumnSupport | undefined, paths: readonly string[]): PathColumns {
  const client = useClient();
  const tree = support?.tree;
  const cells = useMemo(() => new PathCells((path, keys) => client.call('records.resolvePaths', { tree: tree ?? '', keys, path })), [client, tree]);
  const columns = useMemo(() => (support && paths.length > 0 ? paths.map((path) => pathColumn(support.trees, support.tree, path, cells)) : NONE), [support?.trees, tree, paths, cells]);
  return { cells, columns };
}

/** Asks for the path cells of the rows drawn (`first`…`last`) once they hold still, and again after any change. */
export function useDrawnPathCells(paths: PathColumns, visible: readonly GridColumn[], cache: BlockCache<unknown>, first: number, last: number): void {
  const client = useClient();
  const { cells } = paths;
  const [changed, setChanged] = useState(0);
  useEffect(
    () =>
      client.on('changes', () => {
        cells.invalidate();
        setChanged((n) => n + 1);
      }),
    [client, cells],
  );
  const shown = visible.flatMap((column) => (column.pathColumn && !column.pathColumn.problem ? [column.pathColumn.path] : []));
  const shownKey = JSON.stringify(shown);
  const version = cache.snapshot();
  useEffect(() => {
    if (shown.length === 0) return undefined;
    const timer = setTimeout(() => {
      const rows: DrawnRow[] = [];
      for (let index = first; index <= last; index++) {
        const entry = cache.row(index);
        if (entry) rows.push({ index, entry });
      }
      cells.want(shown, rows);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [cells, cache, first, last, shownKey, version, changed]);
}
