/** The selected record's panel: editor, problems, buttons, conflict and delete outcomes. */
import type { Locator, Page } from '@playwright/test';
import { byTestId } from './selectors.js';

export class RecordPanel {
  readonly root: Locator;
  readonly editor: Locator;
  /** Monaco's rendered lines: clicking here focuses the editor. */
  readonly editorLines: Locator;
  readonly problems: Locator;
  readonly problemList: Locator;
  readonly save: Locator;
  readonly revert: Locator;
  readonly delete: Locator;
  readonly status: Locator;
  readonly conflictView: Locator;
  readonly keepMine: Locator;
  readonly takeTheirs: Locator;
  /** The confirm step before a delete (not in renderer/CONTEXT.md yet; the renderer has it). */
  readonly deleteConfirm: Locator;
  readonly deleteConfirmYes: Locator;
  readonly deleteRefused: Locator;
  readonly deleteRefusedHolders: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('record-panel');
    this.editor = page.getByTestId('record-editor');
    this.editorLines = this.editor.locator('.view-lines');
    this.problemList = page.getByTestId('editor-problems');
    this.problems = page.getByTestId('editor-problem');
    this.save = page.getByTestId('save-record');
    this.revert = page.getByTestId('revert-record');
    this.delete = page.getByTestId('delete-record');
    this.status = page.getByTestId('editor-status');
    this.conflictView = page.getByTestId('conflict-view');
    this.keepMine = page.getByTestId('conflict-keep-mine');
    this.takeTheirs = page.getByTestId('conflict-take-theirs');
    this.deleteConfirm = page.getByTestId('delete-confirm');
    this.deleteConfirmYes = page.getByTestId('delete-confirm-yes');
    this.deleteRefused = page.getByTestId('delete-refused');
    this.deleteRefusedHolders = this.deleteRefused.getByTestId('backref-link');
  }

  /** The panel showing one record, by its OpaqueKey text. */
  showing(keyText: string): Locator {
    return this.page.locator(byTestId('record-panel', { key: keyText }));
  }

  /** A holder named by a refused delete, by its OpaqueKey text. */
  refusedBecauseOf(holderText: string): Locator {
    return this.deleteRefused.locator(byTestId('backref-link', { target: holderText }));
  }

  problemAtLine(line: number): Locator {
    return this.page.locator(byTestId('editor-problem', { line }));
  }
}
