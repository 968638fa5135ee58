/**
 * Spec 7: a record changed by another process while the user edits it. Saving
 * shows a conflict with both versions, keeps the user's text, and resolving
 * with "keep mine" writes it over the other process's change.
 *
 * The user's edit starts before the other write: a clean editor may rightly
 * take the new version silently, and then there would be nothing to conflict.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures/test.js';
import { writeFromAnotherProcess } from '../fixtures/external-write.js';
import { readRecord } from '../fixtures/read-record.js';
import { personTextWithName } from '../fixtures/record-texts.js';
import { PEOPLE, keyText } from '../fixtures/seed-data.js';
import { replaceRecordText, saveRecord } from '../flows/editing.js';
import { openRecord, reload } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';

/** The text of every rendered line in the diff panes that ends past its pane's right edge. */
function linesPastTheirPane(view: Locator): Promise<string[]> {
  return view.evaluate((root) =>
    [...root.querySelectorAll('.view-line')].flatMap((line) => {
      const pane = line.closest('.editor-scrollable')?.getBoundingClientRect();
      const text = line.firstElementChild?.getBoundingClientRect();
      return pane && text && text.right > pane.right + 1 ? [line.textContent ?? ''] : [];
    }),
  );
}

const MARGARET = PEOPLE[3]!;
const KEY = keyText('people', MARGARET.key);
const MINE = 'Margaret from the UI';
const THEIRS = 'Margaret from elsewhere';

test('a stale save shows both versions, keeps my edit, and "keep mine" resolves it', async ({ ui, database }) => {
  await openRecord(ui, KEY);
  await replaceRecordText(ui, personTextWithName(MARGARET, MINE));
  await expect(ui.record.status).toHaveAttribute('data-state', 'dirty');

  await writeFromAnotherProcess(database.path, { kind: 'update', tree: 'people', key: MARGARET.key, set: { name: THEIRS } });
  await ui.record.save.click();

  await expect(ui.record.conflictView).toBeVisible();
  await expect(ui.record.status).toHaveAttribute('data-state', 'conflict');
  await expect(ui.record.conflictView).toContainText(MINE);
  await expect(ui.record.conflictView).toContainText(THEIRS);
  // Both panes show every line whole (they wrap): the changed name used to be cut off at the pane's edge.
  await expect.poll(() => linesPastTheirPane(ui.record.conflictView)).toEqual([]);
  await saveScreenshot(ui, 'conflict');
  expect(await readRecord(database.path, 'people', MARGARET.key)).toMatchObject({ name: THEIRS });

  await ui.record.keepMine.click();
  await expect(ui.record.conflictView).toBeHidden();
  await expect(ui.record.editor).toContainText(MINE);
  if ((await ui.record.status.getAttribute('data-state')) !== 'saved') await saveRecord(ui);
  await expect(ui.record.status).toHaveAttribute('data-state', 'saved');
  await expect.poll(async () => (await readRecord(database.path, 'people', MARGARET.key))?.name).toBe(MINE);

  await reload(ui);
  await openRecord(ui, KEY);
  await expect(ui.record.editor).toContainText(MINE);
});

test('"take theirs" drops my edit and shows the other version', async ({ ui, database }) => {
  await openRecord(ui, KEY);
  await replaceRecordText(ui, personTextWithName(MARGARET, MINE));
  await writeFromAnotherProcess(database.path, { kind: 'update', tree: 'people', key: MARGARET.key, set: { name: THEIRS } });
  await ui.record.save.click();
  await expect(ui.record.conflictView).toBeVisible();

  await ui.record.takeTheirs.click();
  await expect(ui.record.conflictView).toBeHidden();
  await expect(ui.record.editor).toContainText(THEIRS);
  await expect(ui.record.editor).not.toContainText(MINE);
  expect(await readRecord(database.path, 'people', MARGARET.key)).toMatchObject({ name: THEIRS });
});
