/** The virtualized records table (renderer/CONTEXT.md: records-table, table-scroll, row). */
import type { Locator, Page } from '@playwright/test';
import { byTestId } from './selectors.js';

export class RecordsTable {
  readonly table: Locator;
  /** The scrolling element: its scrollTop is the view's scroll position. */
  readonly scroll: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly jumpToKey: Locator;
  /** "Could not load rows: …" under the table. */
  readonly error: Locator;

  constructor(page: Page) {
    this.table = page.getByTestId('records-table');
    this.scroll = page.getByTestId('table-scroll');
    this.rows = this.table.getByTestId('row');
    this.count = page.getByTestId('table-count');
    this.jumpToKey = page.getByTestId('jump-to-key');
    this.error = page.getByTestId('table-error');
  }

  /** The row of a record, by its OpaqueKey text (`tasks/3`). */
  row(keyText: string): Locator {
    return this.table.locator(byTestId('row', { key: keyText }));
  }

  /** The row at a 1-based position in the tree (aria-rowindex). */
  rowAt(index: number): Locator {
    return this.table.locator(`${byTestId('row')}[aria-rowindex="${index}"]`);
  }

  /** A reference link inside a row, by the OpaqueKey text it points at. */
  refLink(row: Locator, targetText: string): Locator {
    return row.locator(byTestId('ref-link', { target: targetText }));
  }
}
