/** Every page object of the Trellis window, on one page. Locators only: actions live in flows/. */
import type { Page } from '@playwright/test';
import { RecordPanel } from './record-panel.js';
import { RawView } from './raw-view.js';
import { RecordsTable } from './records-table.js';
import { ReferencedBy } from './referenced-by.js';
import { Toolbar } from './toolbar.js';
import { TreeList } from './tree-list.js';

export class TrellisApp {
  readonly trees: TreeList;
  readonly table: RecordsTable;
  readonly record: RecordPanel;
  readonly referencedBy: ReferencedBy;
  readonly toolbar: Toolbar;
  readonly raw: RawView;

  constructor(readonly page: Page) {
    this.trees = new TreeList(page);
    this.table = new RecordsTable(page);
    this.record = new RecordPanel(page);
    this.referencedBy = new ReferencedBy(page);
    this.toolbar = new Toolbar(page);
    this.raw = new RawView(page);
  }
}
