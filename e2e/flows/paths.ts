/** Paths across records as a user types them: in the record panel's path bar, and as a table column. */
import { expect } from '@playwright/test';
import type { TrellisApp } from '../pages/trellis-app.js';
import { openColumnMenu } from './columns.js';

/** Types into the path bar at its end, key by key (completion follows the caret). */
export async function typePath(ui: TrellisApp, text: string): Promise<void> {
  await ui.paths.input.focus();
  await ui.paths.input.press('End');
  await ui.paths.input.pressSequentially(text);
}

/** Replaces the path bar's text at once. */
export async function setPath(ui: TrellisApp, text: string): Promise<void> {
  await ui.paths.input.fill(text);
}

/** The labels of the completion options on screen, in order. */
export function optionLabels(ui: TrellisApp): Promise<string[]> {
  return ui.paths.options.evaluateAll((options) => options.map((option) => option.getAttribute('data-label') ?? ''));
}

/** Column menu → "Add column: path…" → the path typed → Add; waits for its header. The menu stays open. */
export async function addPathColumn(ui: TrellisApp, path: string): Promise<void> {
  await openColumnMenu(ui);
  await ui.paths.addColumn.click();
  await ui.paths.columnInput.fill(path);
  await ui.paths.columnAdd.click();
  await expect(ui.columns.header(`path:${path}`)).toBeVisible();
}

export async function closeColumnMenu(ui: TrellisApp): Promise<void> {
  await ui.page.keyboard.press('Escape');
  await expect(ui.columns.menu).toBeHidden();
}
