/**
 * A database with a damaged page (LMDB has no checksums: a page relabelled as
 * a branch aborts the process that steps onto it) never takes the app down:
 * the table says where the damage is, and the rest of the database stays usable.
 */
import { join } from 'node:path';
import { breakLeafPage } from '../../app/isolation/damage/damage-file.js';
import { makeNotesDatabase, NOTE_COUNT, TAG_COUNT } from '../../app/isolation/fixtures/damaged-database.js';
import { expect, test as base } from '../fixtures/test.js';
import { saveScreenshot } from '../flows/screenshots.js';

const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  database: async ({}, use) => {
    const made = await makeNotesDatabase();
    breakLeafPage(join(made.path, 'data.mdb'));
    try {
      // Not the seeded trees, so not the seeded counts' type; nothing here reads them.
      await use({ path: made.path, counts: { notes: NOTE_COUNT, tags: TAG_COUNT } as never });
    } finally {
      made.remove();
    }
  },
});

test('a damaged page answers CORRUPT in the table, and the other trees still open', async ({ ui, app }) => {
  await ui.trees.item('notes').click();
  await expect(ui.table.rowAt(1)).toHaveAttribute('data-key', 'notes/1');

  // Past the damage: the engine process dies there, the app does not.
  await ui.table.rowAt(1).click();
  await app.keyboard.press('End');
  // The selected row's "Referenced by" may be in flight when the process dies; the message names every call it ended.
  await expect(ui.table.error).toContainText(/is damaged where (\S+ on \S+, )*records\.page on notes(, \S+ on \S+)* read it/);
  await expect(ui.table.error).toContainText("Assertion 'IS_LEAF(mp)' failed");
  await saveScreenshot(ui, 'damaged-page');

  await ui.trees.item('tags').click();
  await expect(ui.table.rows).toHaveCount(TAG_COUNT);
  await expect(ui.table.rowAt(1)).toContainText('tag 0');
});
