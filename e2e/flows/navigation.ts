/** Moving around: trees, records, references, history. */
import { expect, type Dialog, type Locator } from '@playwright/test';
import type { TrellisApp } from '../pages/trellis-app.js';

export async function openTree(ui: TrellisApp, tree: string): Promise<void> {
  await ui.trees.item(tree).click();
  await expect(ui.table.rows.first()).toHaveAttribute('data-key', new RegExp(`^${tree}/`));
}

/** Types a key into "jump to key" (JSON5 text after the tree: `42`, `["a","b"]`) and waits for its row. */
export async function jumpToKey(ui: TrellisApp, keyText: string): Promise<Locator> {
  const [, key] = splitKeyText(keyText);
  await ui.table.jumpToKey.fill(key);
  await ui.table.jumpToKey.press('Enter');
  const row = ui.table.row(keyText);
  await expect(row).toBeInViewport();
  return row;
}

/** Clicks a record's row and waits for its panel. */
export async function selectRecord(ui: TrellisApp, keyText: string): Promise<void> {
  // On its key cell, at the row's left: the middle of a row may be a reference link (a label is wide), which follows instead.
  await ui.table.row(keyText).click({ position: { x: 12, y: 12 } });
  await expect(ui.record.showing(keyText)).toBeVisible();
}

/** Opens a record as a user finds it: its tree, then jump to its key, then select the row. */
export async function openRecord(ui: TrellisApp, keyText: string): Promise<void> {
  const [tree] = splitKeyText(keyText);
  await openTree(ui, tree);
  await jumpToKey(ui, keyText);
  await selectRecord(ui, keyText);
}

/** Clicks a reference link in a record's row and waits for the target record to open. */
export async function followReference(ui: TrellisApp, fromKeyText: string, targetText: string): Promise<void> {
  await ui.table.refLink(ui.table.row(fromKeyText), targetText).click();
  await expect(ui.record.showing(targetText)).toBeVisible();
}

export async function goBack(ui: TrellisApp, via: 'button' | 'keyboard'): Promise<void> {
  if (via === 'button') await ui.toolbar.back.click();
  else await ui.page.keyboard.press('Alt+ArrowLeft');
}

/**
 * Reloads the window and waits until the tree list is back. A record left with an
 * unsaved edit (a refused save) makes the page ask first: the reload is meant, so accept.
 */
export async function reload(ui: TrellisApp): Promise<void> {
  const acceptLeaving = (dialog: Dialog) => void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
  ui.page.on('dialog', acceptLeaving);
  try {
    await ui.page.reload();
  } finally {
    ui.page.off('dialog', acceptLeaving);
  }
  await expect(ui.trees.items.first()).toBeVisible();
}

function splitKeyText(keyText: string): [string, string] {
  const slash = keyText.indexOf('/');
  return [keyText.slice(0, slash), keyText.slice(slash + 1)];
}
