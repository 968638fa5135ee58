/** Spec 1: the sidebar lists every tree with the number of records written. */
import { expect, test } from '../fixtures/test.js';
import { keyText } from '../fixtures/seed-data.js';
import { openTree } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';

test('lists every tree with the count of records written, and a tree opens in key order', async ({ ui, database }) => {
  const counts = Object.entries(database.counts);
  await expect(ui.trees.items).toHaveCount(counts.length);
  for (const [tree, count] of counts) {
    const item = ui.trees.item(tree);
    await expect(item).toHaveAttribute('data-count', String(count));
    await expect(item).toContainText(tree);
  }

  await openTree(ui, 'tasks');
  await expect(ui.table.count).toContainText(String(database.counts.tasks));
  await expect(ui.table.rowAt(1)).toHaveAttribute('data-key', keyText('tasks', 1));
  await expect(ui.table.rowAt(2)).toHaveAttribute('data-key', keyText('tasks', 2));
  await expect(ui.table.rowAt(1)).toContainText('Task 1');
  await saveScreenshot(ui, 'table');
});
