/** The export and import dialogs (renderer/CONTEXT.md: export-*, import-*, csv-map). */
import type { Locator, Page } from '@playwright/test';

export class TransferDialogs {
  readonly exportOpen: Locator;
  readonly importOpen: Locator;
  readonly exportDialog: Locator;
  readonly exportStart: Locator;
  readonly exportDone: Locator;
  readonly importDialog: Locator;
  readonly importFile: Locator;
  readonly importPreview: Locator;
  readonly importCheck: Locator;
  readonly importReport: Locator;
  readonly importProblems: Locator;
  readonly importWrite: Locator;
  readonly importDone: Locator;

  constructor(page: Page) {
    this.exportOpen = page.getByTestId('export-open');
    this.importOpen = page.getByTestId('import-open');
    this.exportDialog = page.getByTestId('export-dialog');
    this.exportStart = this.exportDialog.getByTestId('export-start');
    this.exportDone = this.exportDialog.getByTestId('export-done');
    this.importDialog = page.getByTestId('import-dialog');
    this.importFile = this.importDialog.getByTestId('import-file');
    this.importPreview = this.importDialog.getByTestId('import-preview');
    this.importCheck = this.importDialog.getByTestId('import-check');
    this.importReport = this.importDialog.getByTestId('import-report');
    this.importProblems = this.importDialog.getByTestId('import-problem');
    this.importWrite = this.importDialog.getByTestId('import-write');
    this.importDone = this.importDialog.getByTestId('import-done');
  }

  exportFormat(format: 'ndjson' | 'json' | 'csv'): Locator {
    return this.exportDialog.getByTestId(`export-format-${format}`);
  }

  /** The mapping select of the CSV column with this header. */
  csvColumn(header: string): Locator {
    return this.importDialog.locator(`[data-testid="csv-map"][data-column="${header}"]`);
  }
}
