/**
 * A record held by hundreds of records through one field and a few through
 * another shows both groups with their exact counts, and pages the big one.
 * (A list cut at 200 holders in total lost the small group entirely: France
 * showed its cities, never its states.)
 */
import { open } from '@trellis/engine';
import { expect, test as base } from '../fixtures/test.js';
import { e2eSchema } from '../fixtures/schema.js';
import { KEN, keyText } from '../fixtures/seed-data.js';
import { seedDatabase } from '../fixtures/seed.js';
import { openRecord } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import { join } from 'node:path';

/** Tasks Ken owns, all written after the seeded ones; the last few also have him as a watcher. */
const OWNED = 260;
const WATCHED = 3;
const FIRST_SHOWN = 50;

const test = base.extend({
  database: async ({ workDir, withReadings }, use) => {
    const path = join(workDir, 'db');
    const counts = await seedDatabase(path, { withReadings });
    const db = await open(path, e2eSchema);
    try {
      const ken = db.people.key(KEN.key);
      const [project] = [...db.projects.range({ limit: 1 })];
      await db.transaction((tx) => {
        for (let n = 0; n < OWNED; n++) {
          tx.tasks.insert({
            title: `Ken's task ${n}`,
            owner: ken,
            watchers: n >= OWNED - WATCHED ? [ken] : [],
            project: project!.key,
            status: 'todo',
            due: new Date(Date.UTC(2026, 0, 1)),
            details: { estimateHours: 1, tags: [] },
          });
        }
      });
    } finally {
      await db.close();
    }
    await use({ path, counts: { ...counts, tasks: counts.tasks + OWNED } });
  },
});

test('each group of holders shows its exact count, the small group is not lost, and the big one pages', async ({ ui }) => {
  await openRecord(ui, keyText('people', KEN.key));

  await expect(ui.referencedBy.groups).toHaveCount(2);
  const owners = ui.referencedBy.group('tasks', 'owner');
  const watchers = ui.referencedBy.group('tasks', 'watchers[]');
  await expect(owners.getByTestId('backref-count')).toHaveText(String(OWNED));
  await expect(watchers.getByTestId('backref-count')).toHaveText(String(WATCHED));
  await expect(watchers.getByTestId('backref-link')).toHaveCount(WATCHED);
  await expect(owners.getByTestId('backref-link')).toHaveCount(FIRST_SHOWN);
  await saveScreenshot(ui, 'referenced-by-groups');

  await owners.getByTestId('backref-more').click();
  await expect(owners.getByTestId('backref-link')).toHaveCount(OWNED);
  await expect(owners.getByTestId('backref-more')).toHaveCount(0);
  await expect(watchers.getByTestId('backref-link')).toHaveCount(WATCHED);
});

test('the delete step counts every holder of every group and names both fields', async ({ ui }) => {
  await openRecord(ui, keyText('people', KEN.key));
  await ui.record.delete.click();
  await expect(ui.record.deleteConfirm).toHaveAttribute('data-state', 'refused');
  await expect(ui.record.deleteConfirm.getByTestId('delete-effect')).toHaveText(
    `Refused: ${OWNED + WATCHED} records still hold it through tasks.owner, tasks.watchers[] — change them first.`,
  );
  const counts = ui.record.deleteConfirm.getByTestId('holder-group-count');
  await expect(counts).toHaveCount(2);
  await expect(counts.nth(0)).toHaveAttribute('data-count', String(OWNED));
  await expect(counts.nth(1)).toHaveAttribute('data-count', String(WATCHED));
  await expect(ui.record.deleteConfirmYes).toBeDisabled();
  await saveScreenshot(ui, 'delete-refused-groups');
});
