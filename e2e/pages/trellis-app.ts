/** Every page object of the Trellis window, on one page. Locators only: actions live in flows/. */
import { FilterBar } from './filter-bar.js';
import type { Page } from '@playwright/test';
import { TableColumns } from './columns.js';
import { RecordPanel } from './record-panel.js';
import { PathPages } from './paths.js';
import { RawView } from './raw-view.js';
import { ReleaseBar } from './release-bar.js';
import { RecordsTable } from './records-table.js';
import { SyncPages } from './sync.js';
import { ReferencedBy } from './referenced-by.js';
import { Toolbar } from './toolbar.js';
import { TreeList } from './tree-list.js';

export class TrellisApp {
  readonly trees: TreeList;
  readonly table: RecordsTable;
  readonly record: RecordPanel;
  readonly referencedBy: ReferencedBy;
  readonly toolbar: Toolbar;
  readonly filter: FilterBar;
  readonly columns: TableColumns;
  readonly raw: RawView;
  readonly release: ReleaseBar;
  readonly paths: PathPages;
  readonly sync: SyncPages;

  constructor(readonly page: Page) {
    this.trees = new TreeList(page);
    this.table = new RecordsTable(page);
    this.record = new RecordPanel(page);
    this.referencedBy = new ReferencedBy(page);
    this.toolbar = new Toolbar(page);
    this.filter = new FilterBar(page);
    this.columns = new TableColumns(page);
    this.raw = new RawView(page);
    this.release = new ReleaseBar(page);
    this.paths = new PathPages(page);
    this.sync = new SyncPages(page);
  }
}
