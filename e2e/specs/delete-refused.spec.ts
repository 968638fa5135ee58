/** Spec 8: deleting a record that others point at is refused, and the refusal names the holders. */
import { expect, test } from '../fixtures/test.js';
import { readRecord } from '../fixtures/read-record.js';
import { HEDY, KEN, keyText } from '../fixtures/seed-data.js';
import { deleteRecord } from '../flows/editing.js';
import { openRecord } from '../flows/navigation.js';

test('deleting a referenced person is refused and lists the tasks that hold it', async ({ ui, database }) => {
  const key = keyText('people', HEDY.key);
  await openRecord(ui, key);
  await deleteRecord(ui);

  await expect(ui.record.deleteRefused).toBeVisible();
  const holders = [...HEDY.ownerOf, ...HEDY.watcherOf].map((task) => keyText('tasks', task));
  await expect(ui.record.deleteRefusedHolders).toHaveCount(holders.length);
  for (const holder of holders) {
    await expect(ui.record.refusedBecauseOf(holder)).toBeVisible();
  }
  await expect(ui.table.row(key)).toBeVisible();
  await expect(ui.trees.item('people')).toHaveAttribute('data-count', String(database.counts.people));
  expect(await readRecord(database.path, 'people', HEDY.key)).toMatchObject({ name: HEDY.name });
});

test('deleting a person nobody points at removes it', async ({ ui, database }) => {
  const key = keyText('people', KEN.key);
  await openRecord(ui, key);
  await deleteRecord(ui);

  await expect(ui.table.row(key)).toHaveCount(0);
  await expect(ui.record.deleteRefused).toHaveCount(0);
  await expect(ui.trees.item('people')).toHaveAttribute('data-count', String(database.counts.people - 1));
  expect(await readRecord(database.path, 'people', KEN.key)).toBeUndefined();
});
