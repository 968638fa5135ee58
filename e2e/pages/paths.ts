/** The record panel's path bar and the column menu's "Add column: path…" (renderer/CONTEXT.md: paths). */
import type { Locator, Page } from '@playwright/test';
import { byTestId } from './selectors.js';

export class PathPages {
  readonly bar: Locator;
  readonly input: Locator;
  readonly clear: Locator;
  /** The completion list under a path field (the bar's, or the column menu's). */
  readonly completion: Locator;
  readonly options: Locator;
  readonly results: Locator;
  readonly matches: Locator;
  readonly values: Locator;
  /** The inline problem: `data-kind` invalid (the schema refuses a step) or bad (the data does not lead on), `data-step`. */
  readonly problem: Locator;
  readonly more: Locator;
  readonly addColumn: Locator;
  readonly columnInput: Locator;
  readonly columnAdd: Locator;
  readonly columnProblem: Locator;

  constructor(private readonly page: Page) {
    this.bar = page.getByTestId('path-bar');
    this.input = page.getByTestId('path-input');
    this.clear = page.getByTestId('path-clear');
    this.completion = page.getByTestId('path-completion');
    this.options = this.completion.getByTestId('path-option');
    this.results = page.getByTestId('path-results');
    this.matches = this.results.getByTestId('path-match');
    this.values = this.results.getByTestId('path-value');
    this.problem = page.getByTestId('path-problem');
    this.more = page.getByTestId('path-more');
    this.addColumn = page.getByTestId('column-add-path');
    this.columnInput = page.getByTestId('column-path-input');
    this.columnAdd = page.getByTestId('column-path-add');
    this.columnProblem = page.getByTestId('column-path-problem');
  }

  option(label: string): Locator {
    return this.completion.locator(byTestId('path-option', { label }));
  }

  /** A record a result went through, as its link (`data-label` when labelled). */
  hop(match: Locator, target: string): Locator {
    return match.locator(byTestId('path-hop', { target })).getByTestId('ref-link');
  }

  /** A path column's cell in a row. */
  cell(row: Locator, path: string): Locator {
    return row.locator(`[role="gridcell"][data-column=${JSON.stringify(`path:${path}`)}]`).getByTestId('path-cell');
  }

  removeColumn(path: string): Locator {
    return this.page.locator(byTestId('column-menu-item', { column: `path:${path}` })).getByTestId('column-remove');
  }
}
