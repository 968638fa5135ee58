/** Navigation controls above the table. */
import type { Locator, Page } from '@playwright/test';

export class Toolbar {
  readonly back: Locator;
  readonly forward: Locator;
  readonly breadcrumbs: Locator;
  /** "Editable" / "Read-only": the session's toggle. */
  readonly readOnly: Locator;

  constructor(page: Page) {
    this.back = page.getByTestId('nav-back');
    this.forward = page.getByTestId('nav-forward');
    this.breadcrumbs = page.getByTestId('breadcrumbs').getByTestId('breadcrumb');
    this.readOnly = page.getByTestId('readonly-toggle');
  }
}
