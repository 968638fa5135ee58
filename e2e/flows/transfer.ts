/** Export and import as a user does them: the toolbar's buttons, the dialogs, the downloaded file. */
import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import { TransferDialogs } from '../pages/transfer-dialogs.js';
import type { TrellisApp } from '../pages/trellis-app.js';

/** Exports the tree on screen and answers the downloaded file's name and text. */
export async function exportTree(ui: TrellisApp, format: 'ndjson' | 'json' | 'csv', keepOpen = false): Promise<{ name: string; text: string }> {
  const dialogs = new TransferDialogs(ui.page);
  await dialogs.exportOpen.click();
  await dialogs.exportFormat(format).check();
  const [download] = await Promise.all([ui.page.waitForEvent('download'), dialogs.exportStart.click()]);
  await expect(dialogs.exportDone).toBeVisible();
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  if (!keepOpen) await dialogs.exportDialog.getByRole('button', { name: 'Close' }).click();
  return { name: download.suggestedFilename(), text };
}

/** Picks a file in the import dialog of the tree on screen and checks it; answers the dialogs. */
export async function checkImport(ui: TrellisApp, tree: string, file: string): Promise<TransferDialogs> {
  // The tree may be empty (an import into a new database): wait for its title, not its rows.
  await ui.trees.item(tree).click();
  await expect(ui.page.getByRole('heading', { level: 1, name: tree, exact: true })).toBeVisible();
  const dialogs = new TransferDialogs(ui.page);
  await dialogs.importOpen.click();
  await dialogs.importFile.setInputFiles(file);
  await expect(dialogs.importPreview).toBeVisible();
  await dialogs.importCheck.click();
  await expect(dialogs.importReport).toBeVisible();
  return dialogs;
}

/** Checks and writes a file that is sound, then closes the dialog. */
export async function importFile(ui: TrellisApp, tree: string, file: string, records: number): Promise<void> {
  const dialogs = await checkImport(ui, tree, file);
  await expect(dialogs.importReport).toHaveAttribute('data-problems', '0');
  await dialogs.importWrite.click();
  await expect(dialogs.importDone).toContainText(`Imported ${records.toLocaleString('en')} records`);
  await dialogs.importDialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialogs.importDialog).toHaveCount(0);
}
