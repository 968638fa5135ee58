/** Editing a record in the record panel (Monaco, JSON5). */
import { expect } from '@playwright/test';
import type { TrellisApp } from '../pages/trellis-app.js';

/**
 * Replaces the whole text in the editor, as a user pasting over it: select all,
 * insert the text in one go (no per-key auto-indent), then delete whatever
 * Monaco put after the cursor — it auto-closes a leading `{`, which would
 * leave a stray `}` at the end.
 */
export async function replaceRecordText(ui: TrellisApp, text: string): Promise<void> {
  await ui.record.editorLines.click();
  await ui.page.keyboard.press('ControlOrMeta+A');
  await ui.page.keyboard.press('Delete');
  await ui.page.keyboard.insertText(text);
  await ui.page.keyboard.press('ControlOrMeta+Shift+End');
  await ui.page.keyboard.press('Delete');
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

/** Clicks Delete and confirms (the app's own confirm step, or a native dialog if it uses one). */
export async function deleteRecord(ui: TrellisApp): Promise<void> {
  ui.page.once('dialog', (dialog) => void dialog.accept());
  await ui.record.delete.click();
  await expect(ui.record.deleteConfirm.or(ui.record.deleteRefused)).toBeVisible();
  if (await ui.record.deleteConfirm.isVisible()) await ui.record.deleteConfirmYes.click();
}
