/** Navigation controls above the table. */
import type { Locator, Page } from '@playwright/test';

export class Toolbar {
  readonly back: Locator;
  readonly forward: Locator;
  readonly breadcrumbs: Locator;

  constructor(page: Page) {
    this.back = page.getByTestId('nav-back');
    this.forward = page.getByTestId('nav-forward');
    this.breadcrumbs = page.getByTestId('breadcrumbs').getByTestId('breadcrumb');
  }
}
