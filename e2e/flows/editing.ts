/** Editing a record in the record panel (Monaco, JSON5). */
import { expect } from '@playwright/test';
import type { TrellisApp } from '../pages/trellis-app.js';

/**
 * Replaces the whole text in the editor: select all, delete, insert the new
 * text in one go, then delete whatever Monaco put after the cursor. Monaco
 * treats inserted text as typed: it auto-closes a leading `{` (a stray `}` at
 * the end) and auto-indents each new line, so lines go in without their own
 * leading spaces (line numbers, which the specs check, stay as written).
 */
export async function replaceRecordText(ui: TrellisApp, text: string): Promise<void> {
  const unindented = text
    .split('\n')
    .map((line) => line.trimStart())
    .join('\n');
  await ui.record.editorLines.click();
  await ui.page.keyboard.press('ControlOrMeta+A');
  await ui.page.keyboard.press('Delete');
  await ui.page.keyboard.insertText(unindented);
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

/**
 * Clicks Delete and confirms (the app's own confirm step, or a native dialog if it uses one).
 * The app's confirm first looks up what points at the record; when that shows the delete
 * would be refused, it offers no Delete (its `delete-refused` names the holders) and nothing
 * is confirmed.
 */
export async function deleteRecord(ui: TrellisApp): Promise<void> {
  ui.page.once('dialog', (dialog) => void dialog.accept());
  await ui.record.delete.click();
  await expect(ui.record.deleteConfirm.or(ui.record.deleteRefused).first()).toBeVisible();
  if (await ui.record.deleteConfirm.isVisible()) {
    await expect(ui.record.deleteConfirm).not.toHaveAttribute('data-state', 'loading');
    if (await ui.record.deleteConfirmYes.isEnabled()) await ui.record.deleteConfirmYes.click();
  }
}

/**
 * Ctrl/Cmd+clicks a link in the editor (a reference's value), as a user does: the key held, then a
 * click where the link is. Monaco redraws the link's decoration when the key goes down, so a locator
 * click (which waits for the element to stay put) can chase a detached span.
 */
export async function followEditorLink(ui: TrellisApp, text: string): Promise<void> {
  const link = ui.record.editorLines.locator('.detected-link', { hasText: text });
  await expect(link).toBeVisible();
  const box = await link.boundingBox();
  if (!box) throw new Error(`the editor's link ${text} has no box`);
  await ui.page.keyboard.down('ControlOrMeta');
  try {
    await ui.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  } finally {
    await ui.page.keyboard.up('ControlOrMeta');
  }
}
