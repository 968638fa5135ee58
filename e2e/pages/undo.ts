/** The toolbar's undo, redo and history list, and the dialog of a refused undo. Locators only. */
import type { Locator, Page } from '@playwright/test';

export class UndoControls {
  readonly undo: Locator;
  readonly redo: Locator;
  readonly historyButton: Locator;
  readonly history: Locator;
  readonly entries: Locator;
  readonly conflict: Locator;
  readonly conflictReason: Locator;
  readonly conflictClose: Locator;

  constructor(page: Page) {
    this.undo = page.getByTestId('undo-button');
    this.redo = page.getByTestId('redo-button');
    this.historyButton = page.getByTestId('undo-history-button');
    this.history = page.getByTestId('undo-history');
    this.entries = this.history.getByTestId('undo-entry');
    this.conflict = page.getByTestId('undo-conflict');
    this.conflictReason = page.getByTestId('undo-conflict-reason');
    this.conflictClose = page.getByTestId('undo-conflict-close');
  }
}
