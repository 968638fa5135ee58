/** Spec 9: writes by another process appear without a reload. */
import { expect, test } from '../fixtures/test.js';
import { writeFromAnotherProcess } from '../fixtures/external-write.js';
import { PEOPLE, keyText } from '../fixtures/seed-data.js';
import { openTree } from '../flows/navigation.js';

/** "Within a few seconds": the host polls the database, then pushes to the window. */
const SHOWN_WITHIN = { timeout: 5_000 };

test("another process's update shows in the row", async ({ ui, database }) => {
  await openTree(ui, 'tasks');
  const row = ui.table.row(keyText('tasks', 2));
  await expect(row).toContainText('Task 2');

  await writeFromAnotherProcess(database.path, { kind: 'update', tree: 'tasks', key: 2, set: { title: 'Retitled elsewhere' } });
  await expect(row).toContainText('Retitled elsewhere', SHOWN_WITHIN);
  await expect(row).not.toContainText('Task 2');
});

test("another process's insert adds a row and raises the counts", async ({ ui, database }) => {
  await openTree(ui, 'people');
  const before = database.counts.people;
  await expect(ui.table.rows).toHaveCount(before);

  const { key: _adasKey, ...ada } = PEOPLE[0]!;
  const written = await writeFromAnotherProcess(database.path, {
    kind: 'insert',
    tree: 'people',
    value: { ...ada, name: 'Alan Turing', email: 'alan@example.com' },
  });
  const key = keyText('people', written.key);
  await expect(ui.table.row(key)).toContainText('Alan Turing', SHOWN_WITHIN);
  await expect(ui.trees.item('people')).toHaveAttribute('data-count', String(before + 1), SHOWN_WITHIN);
  await expect(ui.table.count).toContainText(String(before + 1), SHOWN_WITHIN);
});
