/** The filter bar, the query's status line under it, and the sortable column headers. */
import type { Locator, Page } from '@playwright/test';

export class FilterBar {
  readonly toggle: Locator;
  readonly bar: Locator;
  readonly rows: Locator;
  readonly add: Locator;
  readonly apply: Locator;
  readonly clear: Locator;
  readonly match: Locator;
  readonly problem: Locator;
  /** How the host runs the view (`data-plan`: index or scan; `data-done`). */
  readonly status: Locator;
  readonly plan: Locator;
  readonly progress: Locator;
  readonly cancel: Locator;
  readonly cancelled: Locator;

  constructor(private readonly page: Page) {
    this.toggle = page.getByTestId('filter-toggle');
    this.bar = page.getByTestId('filter-bar');
    this.rows = this.bar.getByTestId('filter-row');
    this.add = page.getByTestId('filter-add');
    this.apply = page.getByTestId('filter-apply');
    this.clear = page.getByTestId('filter-clear');
    this.match = page.getByTestId('filter-match');
    this.problem = page.getByTestId('filter-problem');
    this.status = page.getByTestId('query-status');
    this.plan = page.getByTestId('query-plan');
    this.progress = page.getByTestId('query-progress');
    this.cancel = page.getByTestId('query-cancel');
    this.cancelled = page.getByTestId('query-cancelled');
  }

  row(index: number): { field: Locator; op: Locator; value: Locator; to: Locator } {
    const row = this.rows.nth(index);
    return { field: row.getByTestId('filter-field'), op: row.getByTestId('filter-op'), value: row.getByTestId('filter-value'), to: row.getByTestId('filter-to') };
  }

  /** The sort button of a column (`key`, `value:title`, `key:team`). */
  sortHeader(columnId: string): Locator {
    return this.page.locator(`[data-testid="sort-header"][data-column="${columnId}"]`);
  }
}
