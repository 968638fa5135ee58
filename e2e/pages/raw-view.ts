/** The raw LMDB view (renderer/src/raw): databases in the sidebar, decoder pickers, the read-only entry panel. Locators only. */
import type { Locator, Page } from '@playwright/test';

export class RawView {
  readonly databases: Locator;
  readonly keyDecoder: Locator;
  readonly valueDecoder: Locator;
  /** The entry panel's key and value texts. */
  readonly recordKey: Locator;
  readonly recordValue: Locator;
  readonly decodeFailed: Locator;

  constructor(readonly page: Page) {
    this.databases = page.getByTestId('raw-database-item');
    this.keyDecoder = page.getByTestId('raw-key-decoder');
    this.valueDecoder = page.getByTestId('raw-value-decoder');
    this.recordKey = page.getByTestId('raw-record-key');
    this.recordValue = page.getByTestId('raw-record-value');
    this.decodeFailed = page.getByTestId('raw-decode-failed');
  }

  /** A database in the sidebar, by name ('' for the unnamed main database). */
  database(name: string): Locator {
    return this.page.locator(`[data-testid="raw-database-item"][data-database="${name}"]`);
  }
}
