/**
 * Undo and redo of this window's edits (issue 10, item 6): a save undone with
 * Mod+Z outside the editor (inside it Mod+Z stays the editor's text undo); a
 * delete undone from the Edit menu brings back the record and the comments it
 * cascaded to, with their keys and values, and redoes; an undo after another
 * process changed the record is refused, shown, and writes nothing.
 */
import { expect, test } from '../fixtures/test.js';
import { writeFromAnotherProcess } from '../fixtures/external-write.js';
import { readRecord } from '../fixtures/read-record.js';
import { personTextWithName } from '../fixtures/record-texts.js';
import { COMMENTS, PEOPLE, keyText } from '../fixtures/seed-data.js';
import { deleteRecord, replaceRecordText, saveRecord } from '../flows/editing.js';
import { openRecord, openTree } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import { UndoControls } from '../pages/undo.js';
import type { TrellisApp } from '../pages/trellis-app.js';

const MARGARET = PEOPLE[3]!;
const MARGARET_KEY = keyText('people', MARGARET.key);

/** Moves focus out of the editor (onto the page), where Mod+Z is the window's undo. */
async function leaveEditor(ui: TrellisApp): Promise<void> {
  await ui.page.getByTestId('table-count').click();
}

async function renameMargaret(ui: TrellisApp, name: string): Promise<void> {
  await replaceRecordText(ui, personTextWithName(MARGARET, name));
  await saveRecord(ui);
}

test('undoes a save with Mod+Z outside the editor; inside it Mod+Z undoes typing only', async ({ ui, database }) => {
  const undo = new UndoControls(ui.page);
  await openRecord(ui, MARGARET_KEY);
  await renameMargaret(ui, 'Margaret renamed');
  await expect.poll(async () => (await readRecord(database.path, 'people', MARGARET.key))?.name).toBe('Margaret renamed');

  // Inside the editor: the text's own undo, nothing written.
  await ui.record.editorLines.click();
  await ui.page.keyboard.press('End');
  await ui.page.keyboard.type(' ');
  await expect(ui.record.status).toHaveAttribute('data-state', 'dirty');
  await ui.page.keyboard.press('ControlOrMeta+z');
  await expect(ui.record.status).not.toHaveAttribute('data-state', 'dirty');
  expect((await readRecord(database.path, 'people', MARGARET.key))?.name).toBe('Margaret renamed');

  await leaveEditor(ui);
  await ui.page.keyboard.press('ControlOrMeta+z');
  await expect.poll(async () => (await readRecord(database.path, 'people', MARGARET.key))?.name).toBe(MARGARET.name);
  await expect(ui.record.editor).toContainText(MARGARET.name);
  await expect(undo.redo).toBeEnabled();

  await leaveEditor(ui);
  await ui.page.keyboard.press('ControlOrMeta+Shift+z');
  await expect.poll(async () => (await readRecord(database.path, 'people', MARGARET.key))?.name).toBe('Margaret renamed');
  await expect(ui.record.editor).toContainText('Margaret renamed');
});

test('undoing a create deletes the new record; redo brings it back under the same key', async ({ ui, database }) => {
  const undo = new UndoControls(ui.page);
  await openTree(ui, 'people');
  await ui.page.getByTestId('new-record').click();
  await replaceRecordText(ui, "{ name: 'Ida Rhodes', email: 'ida@example.com', role: 'engineer', joined: '2021-01-01T00:00:00.000Z', address: { city: 'Tulsa', country: 'US' } }");
  await ui.record.save.click();
  const created = keyText('people', PEOPLE.length + 1);
  await expect(ui.record.showing(created)).toBeVisible();
  await expect(undo.undo).toHaveAttribute('aria-label', `Undo Create ${created}`);

  await undo.undo.click();
  await expect(ui.table.row(created)).toHaveCount(0);
  expect(await readRecord(database.path, 'people', PEOPLE.length + 1)).toBeUndefined();
  await undo.redo.click();
  await expect(ui.record.showing(created)).toBeVisible();
  expect((await readRecord(database.path, 'people', PEOPLE.length + 1))?.['name']).toBe('Ida Rhodes');
});

test('undoing a delete brings back the record and its cascaded comments with their keys; redo deletes them again', async ({ ui, database }) => {
  const undo = new UndoControls(ui.page);
  const task = keyText('tasks', 3);
  const before = {
    task: await readRecord(database.path, 'tasks', 3),
    comments: await Promise.all([1, 2, 3].map((key) => readRecord(database.path, 'comments', key))),
  };
  expect(before.comments.map((c) => c?.['text'])).toEqual(COMMENTS.map((c) => c.text));

  await openRecord(ui, task);
  await deleteRecord(ui);
  await expect(ui.table.row(task)).toHaveCount(0);
  expect(await readRecord(database.path, 'tasks', 3)).toBeUndefined();
  expect(await readRecord(database.path, 'comments', 1)).toBeUndefined();
  expect(await readRecord(database.path, 'comments', 2)).toBeUndefined();
  await expect(ui.trees.item('comments')).toHaveAttribute('data-count', '1');

  // Edit › Undo names what it undoes.
  await ui.page.getByTestId('menu-bar').getByRole('menuitem', { name: 'Edit' }).click();
  const menuUndo = ui.page.locator('[data-testid="menu-item"][data-command="edit.undo"]');
  await expect(menuUndo).toContainText(`Undo Delete ${task} and 2 records pointing to it`);
  await menuUndo.click();

  await expect(ui.record.showing(task)).toBeVisible();
  await expect(ui.trees.item('comments')).toHaveAttribute('data-count', '3');
  expect(await readRecord(database.path, 'tasks', 3)).toEqual(before.task);
  for (const [i, comment] of before.comments.entries()) expect(await readRecord(database.path, 'comments', i + 1)).toEqual(comment);

  await undo.redo.click();
  await expect(ui.trees.item('comments')).toHaveAttribute('data-count', '1');
  expect(await readRecord(database.path, 'tasks', 3)).toBeUndefined();
  expect(await readRecord(database.path, 'comments', 2)).toBeUndefined();
  await undo.undo.click();
  await expect(ui.trees.item('comments')).toHaveAttribute('data-count', '3');
  expect(await readRecord(database.path, 'comments', 2)).toEqual(before.comments[1]);

  await undo.historyButton.click();
  await expect(undo.entries).toHaveCount(1);
  await expect(undo.entries.first()).toHaveAttribute('data-state', 'undone');
});

test('an undo after another process changed the record is refused and shown, and writes nothing', async ({ ui, database }) => {
  const undo = new UndoControls(ui.page);
  await openRecord(ui, MARGARET_KEY);
  await renameMargaret(ui, 'Margaret, first edit');
  await renameMargaret(ui, 'Margaret, second edit');
  await undo.historyButton.click();
  await expect(undo.entries).toHaveText([/Save people\/4/, /Save people\/4/]);
  await saveScreenshot(ui, 'undo-history');
  await undo.historyButton.click();

  await writeFromAnotherProcess(database.path, { kind: 'update', tree: 'people', key: MARGARET.key, set: { name: 'Margaret elsewhere' } });
  await leaveEditor(ui);
  await ui.page.keyboard.press('ControlOrMeta+z');

  await expect(undo.conflict).toBeVisible();
  await expect(undo.conflictReason).toContainText(`${MARGARET_KEY} was changed elsewhere`);
  await expect(undo.conflict).toContainText('Margaret elsewhere');
  await expect(undo.conflict).toContainText('Margaret, first edit');
  await saveScreenshot(ui, 'undo-conflict');
  expect((await readRecord(database.path, 'people', MARGARET.key))?.name).toBe('Margaret elsewhere');

  await undo.conflictClose.click();
  await expect(undo.conflict).toBeHidden();
  expect((await readRecord(database.path, 'people', MARGARET.key))?.name).toBe('Margaret elsewhere');
  // The refused step stays where it was: undo is still offered.
  await expect(undo.undo).toBeEnabled();
});
