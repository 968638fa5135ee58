/** The schema view of a tree and the database's diagram (renderer/CONTEXT.md: schema-view, schema-diagram). */
import type { Locator, Page } from '@playwright/test';
import { byTestId } from './selectors.js';

export class SchemaPages {
  readonly view: Locator;
  readonly key: Locator;
  readonly fields: Locator;
  readonly indexes: Locator;
  readonly referencesOut: Locator;
  readonly referencesIn: Locator;
  readonly versionSummary: Locator;
  readonly history: Locator;
  readonly historyEmpty: Locator;
  /** One row per schema version, newest first. */
  readonly versions: Locator;
  readonly diagram: Locator;
  readonly diagramEntry: Locator;
  readonly boxes: Locator;
  readonly arrows: Locator;
  readonly fit: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('schema-view');
    this.key = this.view.getByTestId('schema-key');
    this.fields = this.view.getByTestId('schema-field');
    this.indexes = this.view.getByTestId('schema-index');
    this.referencesOut = this.view.getByTestId('schema-ref-out');
    this.referencesIn = this.view.getByTestId('schema-ref-in');
    this.versionSummary = this.view.getByTestId('schema-version-summary');
    this.history = this.view.getByTestId('schema-history');
    this.historyEmpty = this.history.getByTestId('schema-history-empty');
    this.versions = this.history.getByTestId('schema-version');
    this.diagram = page.getByTestId('schema-diagram');
    this.diagramEntry = page.getByTestId('schema-diagram-entry');
    this.boxes = this.diagram.getByTestId('diagram-box');
    this.arrows = this.diagram.getByTestId('diagram-arrow');
    this.fit = page.getByTestId('diagram-fit');
  }

  /** `Table` or `Schema` beside the tree's title. */
  tab(view: 'table' | 'schema'): Locator {
    return this.page.locator(byTestId('view-tab', { view }));
  }

  field(path: string): Locator {
    return this.view.locator(byTestId('schema-field', { path }));
  }

  version(version: number): Locator {
    return this.history.locator(byTestId('schema-version', { version }));
  }

  /** A migration as its version's row lists it (applied or not needed). */
  migration(id: string): Locator {
    return this.history.locator(byTestId('schema-migration', { migration: id }));
  }

  box(tree: string): Locator {
    return this.diagram.locator(byTestId('diagram-box', { tree }));
  }

  arrow(from: string, path: string): Locator {
    return this.diagram.locator(byTestId('diagram-arrow', { from, path }));
  }
}
