/** Editing a record in the record panel (Monaco, JSON5). */
import { expect } from '@playwright/test';
import type { TrellisApp } from '../pages/trellis-app.js';

/**
 * Replaces the whole text in the editor: select all, then insert the text in
 * one go (as a paste would), so Monaco's auto-closing and auto-indent do not
 * add characters that typing key by key would.
 */
export async function replaceRecordText(ui: TrellisApp, text: string): Promise<void> {
  await ui.record.editorLines.click();
  await ui.page.keyboard.press('ControlOrMeta+A');
  await ui.page.keyboard.insertText(text);
}

/** Saves and waits for the editor to say so. */
export async function saveRecord(ui: TrellisApp): Promise<void> {
  await ui.record.save.click();
  await expect(ui.record.status).toHaveAttribute('data-state', 'saved');
}

/**
 * Tries to save text the editor has marked as wrong: clicks Save if the app
 * offers it (a disabled Save is a refusal too) and waits for the outcome.
 */
export async function attemptSave(ui: TrellisApp): Promise<void> {
  if (await ui.record.save.isEnabled()) {
    await ui.record.save.click();
    await expect(ui.record.status).toHaveAttribute('data-state', 'error');
  } else {
    await expect(ui.record.status).toHaveAttribute('data-state', /dirty|error/);
  }
}

/** Clicks Delete, accepting the confirmation if the app asks for one. */
export async function deleteRecord(ui: TrellisApp): Promise<void> {
  ui.page.once('dialog', (dialog) => void dialog.accept());
  await ui.record.delete.click();
}
