/** The sidebar's list of trees (renderer/CONTEXT.md: tree-list, tree-item). */
import type { Locator, Page } from '@playwright/test';
import { byTestId } from './selectors.js';

export class TreeList {
  readonly root: Locator;
  readonly items: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('tree-list');
    this.items = this.root.getByTestId('tree-item');
  }

  item(tree: string): Locator {
    return this.root.locator(byTestId('tree-item', { tree }));
  }
}
