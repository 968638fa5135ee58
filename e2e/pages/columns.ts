/** Column headers, the column menu, the cell menu and copy status of the records table (renderer/CONTEXT.md). */
import type { Locator, Page } from '@playwright/test';
import { byTestId } from './selectors.js';

export class TableColumns {
  readonly headers: Locator;
  readonly menuButton: Locator;
  readonly menu: Locator;
  readonly reset: Locator;
  readonly cellMenu: Locator;
  /** "Copied 4 rows as CSV", or why a copy failed. */
  readonly status: Locator;
  readonly panelResizer: Locator;

  constructor(private readonly page: Page) {
    this.headers = page.getByTestId('column-header');
    this.menuButton = page.getByTestId('columns-button');
    this.menu = page.getByTestId('column-menu');
    this.reset = page.getByTestId('columns-reset');
    this.cellMenu = page.getByTestId('cell-menu');
    this.status = page.getByTestId('table-status');
    this.panelResizer = page.getByTestId('panel-resizer');
  }

  /** A header by column id: `key`, `key:<field>` (composite keys), `value:<field>`. */
  header(id: string): Locator {
    return this.page.locator(byTestId('column-header', { column: id }));
  }

  resizer(id: string): Locator {
    return this.header(id).getByTestId('column-resizer');
  }

  label(id: string): Locator {
    return this.header(id).locator('.table-header-label');
  }

  menuItem(id: string): Locator {
    return this.menu.locator(byTestId('column-menu-item', { column: id }));
  }

  /** A cell of a row, by column id. */
  cell(row: Locator, id: string): Locator {
    return row.locator(`[role="gridcell"][data-column="${id}"]`);
  }

  cellMenuItem(action: string): Locator {
    return this.cellMenu.locator(`${byTestId('cell-menu-item')}[data-action="${action}"]`);
  }
}
