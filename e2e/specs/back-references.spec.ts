/** Spec 4: "Referenced by" lists the records pointing at a person, grouped by tree and field, and navigates. */
import { expect, test } from '../fixtures/test.js';
import { HEDY, KEN, keyText } from '../fixtures/seed-data.js';
import { openRecord } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';

test('a person lists the tasks that own and watch them, and a back-reference opens the task', async ({ ui }) => {
  await openRecord(ui, keyText('people', HEDY.key));

  await expect(ui.referencedBy.groups).toHaveCount(2);
  const owners = ui.referencedBy.group('tasks', 'owner');
  // The catalog's reference path: a list reference is `field[]`.
  const watchers = ui.referencedBy.group('tasks', 'watchers[]');
  await expect(owners.getByTestId('backref-link')).toHaveCount(HEDY.ownerOf.length);
  for (const task of HEDY.ownerOf) await expect(ui.referencedBy.linkIn(owners, keyText('tasks', task))).toBeVisible();
  await expect(watchers.getByTestId('backref-link')).toHaveCount(HEDY.watcherOf.length);
  for (const task of HEDY.watcherOf) await expect(ui.referencedBy.linkIn(watchers, keyText('tasks', task))).toBeVisible();
  await expect(ui.referencedBy.empty).toHaveCount(0);
  await saveScreenshot(ui, 'referenced-by');

  const target = keyText('tasks', HEDY.ownerOf[1]);
  await ui.referencedBy.linkIn(owners, target).click();
  await expect(ui.record.showing(target)).toBeVisible();
  await expect(ui.table.row(target)).toBeInViewport();
});

test('a person nobody points at says so', async ({ ui }) => {
  await openRecord(ui, keyText('people', KEN.key));
  await expect(ui.referencedBy.empty).toBeVisible();
  await expect(ui.referencedBy.links).toHaveCount(0);
});
