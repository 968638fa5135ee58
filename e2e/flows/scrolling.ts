/** Scrolling the records table. */
import type { TrellisApp } from '../pages/trellis-app.js';

/** Focuses the table on its first row and presses End, as a keyboard user does. */
export async function scrollToEndByKeyboard(ui: TrellisApp): Promise<void> {
  await ui.table.rows.first().click();
  await ui.page.keyboard.press('End');
}

/** Drags the scrollbar to the bottom: sets the scrolling element's scrollTop to its maximum. */
export async function scrollToEndByScrollbar(ui: TrellisApp): Promise<void> {
  await ui.table.scroll.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
}

export async function tableScrollTop(ui: TrellisApp): Promise<number> {
  return ui.table.scroll.evaluate((element) => element.scrollTop);
}

export async function rowHeight(ui: TrellisApp): Promise<number> {
  const box = await ui.table.rows.first().boundingBox();
  if (!box) throw new Error('no row is rendered');
  return box.height;
}
