/** A replica's sync on screen: the status line, the outbox and conflict views, the record panel's check-out bar, row marks. */
import type { Locator, Page } from '@playwright/test';
import { byTestId } from './selectors.js';

export class SyncPages {
  readonly status: Locator;
  readonly statusText: Locator;
  readonly outboxOpen: Locator;
  readonly conflictsOpen: Locator;
  readonly outbox: Locator;
  readonly outboxRows: Locator;
  readonly outboxClose: Locator;
  readonly conflicts: Locator;
  /** One per change the server sent back (the conflict view's parts). */
  readonly conflictViews: Locator;
  readonly conflictsEmpty: Locator;
  readonly checkOutBar: Locator;
  readonly holder: Locator;
  readonly checkOut: Locator;
  readonly checkIn: Locator;
  readonly breakCheckOut: Locator;
  readonly breakConfirm: Locator;
  readonly breakConfirmation: Locator;
  /** Who this replica is at which server ("ann @ ws://…"). */
  readonly server: Locator;
  readonly checkOutMessage: Locator;

  constructor(private readonly page: Page) {
    this.status = page.getByTestId('sync-status');
    this.statusText = page.getByTestId('sync-status-text');
    this.outboxOpen = page.getByTestId('sync-outbox-open');
    this.conflictsOpen = page.getByTestId('sync-conflicts-open');
    this.outbox = page.getByTestId('outbox-view');
    this.outboxRows = this.outbox.getByTestId('outbox-row');
    this.outboxClose = page.getByTestId('outbox-view-close');
    this.conflicts = page.getByTestId('sync-conflicts');
    this.conflictViews = this.conflicts.getByTestId('conflict-view');
    this.conflictsEmpty = page.getByTestId('sync-conflicts-empty');
    this.checkOutBar = page.getByTestId('check-out-bar');
    this.holder = page.getByTestId('check-out-holder');
    this.checkOut = page.getByTestId('check-out');
    this.checkIn = page.getByTestId('check-in');
    this.breakCheckOut = page.getByTestId('break-check-out');
    this.breakConfirm = page.getByTestId('break-check-out-yes');
    this.breakConfirmation = page.getByTestId('break-check-out-confirm');
    this.server = page.getByTestId('sync-server');
    this.checkOutMessage = page.getByTestId('check-out-message');
  }

  /** The outbox row of one record, by its OpaqueKey text. */
  outboxRow(keyText: string): Locator {
    return this.outbox.locator(byTestId('outbox-row', { key: keyText }));
  }

  /** The padlock on a record's row in the table. */
  rowMark(keyText: string): Locator {
    return this.page.locator(`${byTestId('row', { key: keyText })} ${byTestId('row-mark')}`);
  }
}
