/**
 * Spec 3: a reference link opens its target record, and going back (button or
 * Alt+ArrowLeft) restores the previous tree at the same scroll position with
 * the same record selected.
 */
import { expect, test } from '../fixtures/test.js';
import { HEDY, keyText } from '../fixtures/seed-data.js';
import { followReference, goBack, jumpToKey, openTree, selectRecord } from '../flows/navigation.js';
import { rowHeight, tableScrollTop } from '../flows/scrolling.js';

// Task 150 sits far down the tasks table and is owned by Hedy.
const TASK = keyText('tasks', HEDY.ownerOf[0]);
const OWNER = keyText('people', HEDY.key);

for (const via of ['button', 'keyboard'] as const) {
  test(`following a reference opens the target; back (${via}) restores tree, scroll and selection`, async ({ ui }) => {
    await openTree(ui, 'tasks');
    await jumpToKey(ui, TASK);
    await selectRecord(ui, TASK);
    const tolerance = await rowHeight(ui);
    const scrollBefore = await tableScrollTop(ui);
    expect(scrollBefore, 'task 150 should be far enough down to need scrolling').toBeGreaterThan(20 * tolerance);

    await followReference(ui, TASK, OWNER);
    await expect(ui.table.row(OWNER)).toBeVisible();
    await expect(ui.table.row(TASK)).toHaveCount(0);

    await goBack(ui, via);
    await expect(ui.record.showing(TASK)).toBeVisible();
    await expect(ui.table.row(TASK)).toBeInViewport();
    await expect.poll(async () => Math.abs((await tableScrollTop(ui)) - scrollBefore)).toBeLessThanOrEqual(tolerance);
  });
}
