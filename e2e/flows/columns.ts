/** Arranging columns and copying from the table, as a user does it with the mouse and keyboard. */
import { expect, type Locator } from '@playwright/test';
import type { TrellisApp } from '../pages/trellis-app.js';

export async function headerWidth(ui: TrellisApp, id: string): Promise<number> {
  const box = await ui.columns.header(id).boundingBox();
  if (!box) throw new Error(`column ${id} has no header on screen`);
  return box.width;
}

/** Drags a column's resize handle by dx pixels. */
export async function resizeColumn(ui: TrellisApp, id: string, dx: number): Promise<void> {
  const box = await ui.columns.resizer(id).boundingBox();
  if (!box) throw new Error(`column ${id} has no resize handle on screen`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await ui.page.mouse.move(x, y);
  await ui.page.mouse.down();
  await ui.page.mouse.move(x + dx / 2, y, { steps: 4 });
  await ui.page.mouse.move(x + dx, y, { steps: 4 });
  await ui.page.mouse.up();
}

/** Drags a column's header onto another's place. */
export async function dragColumn(ui: TrellisApp, id: string, ontoId: string): Promise<void> {
  await ui.columns.label(id).dragTo(ui.columns.header(ontoId));
}

export async function headerOrder(ui: TrellisApp): Promise<string[]> {
  return ui.columns.headers.evaluateAll((headers) => headers.map((header) => header.getAttribute('data-column') ?? ''));
}

export async function openColumnMenu(ui: TrellisApp): Promise<void> {
  await ui.columns.menuButton.click();
  await expect(ui.columns.menu).toBeVisible();
}

/** Lets the page read and write the clipboard (web host; Chromium asks the user otherwise). */
export async function allowClipboard(ui: TrellisApp): Promise<void> {
  await ui.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ui.page.url()).origin });
}

export async function readClipboard(ui: TrellisApp): Promise<string> {
  return ui.page.evaluate(() => navigator.clipboard.readText());
}

/** Right-clicks a cell and picks an item of its menu. */
export async function cellMenuAction(ui: TrellisApp, row: Locator, columnId: string, action: string): Promise<void> {
  await ui.columns.cell(row, columnId).click({ button: 'right' });
  await expect(ui.columns.cellMenu).toBeVisible();
  await ui.columns.cellMenuItem(action).click();
  await expect(ui.columns.cellMenu).toBeHidden();
}
