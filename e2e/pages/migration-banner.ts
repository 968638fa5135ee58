/** The banner shown while another program migrates the open database. Locators only. */
import type { Locator, Page } from '@playwright/test';

export class MigrationBanner {
  readonly banner: Locator;
  readonly progress: Locator;

  constructor(page: Page) {
    this.banner = page.getByTestId('migration-banner');
    this.progress = this.banner.getByTestId('migration-progress');
  }
}
