/** The "Referenced by" panel: holders grouped by tree and field. */
import type { Locator, Page } from '@playwright/test';
import { byTestId } from './selectors.js';

export class ReferencedBy {
  readonly root: Locator;
  readonly groups: Locator;
  readonly links: Locator;
  readonly empty: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('referenced-by');
    this.groups = this.root.getByTestId('backref-group');
    this.links = this.root.getByTestId('backref-link');
    this.empty = this.root.getByTestId('backref-empty');
  }

  group(tree: string, path: string): Locator {
    return this.root.locator(byTestId('backref-group', { tree, path }));
  }

  linkIn(group: Locator, targetText: string): Locator {
    return group.locator(byTestId('backref-link', { target: targetText }));
  }
}
