/**
 * Item 9: one Monaco editor for the window, moved from record to record with a
 * model of each record's own. The editor element survives switching records
 * (none is made per click), each record's text and undo history are its own,
 * and Mod+S saves the record on screen.
 */
import { expect, test } from '../fixtures/test.js';
import { readRecord } from '../fixtures/read-record.js';
import { PEOPLE, keyText } from '../fixtures/seed-data.js';
import { openTree, selectRecord } from '../flows/navigation.js';
import { replaceRecordText } from '../flows/editing.js';
import { validPersonText } from '../fixtures/record-texts.js';

const ADA = PEOPLE[0]!;
const GRACE = PEOPLE[1]!;

test('switching records keeps the one editor, with each record its own text and undo history; Mod+S saves the one shown', async ({ ui, database }) => {
  await openTree(ui, 'people');
  await selectRecord(ui, keyText('people', ADA.key));
  await expect(ui.record.editor).toContainText(ADA.name);
  // Mark the element the window's editor was made in (Monaco redraws its view inside it per model): a
  // new editor made for the next record would be made in a new element, without the mark.
  await ui.page.locator('.editor-surface').evaluate((element) => element.setAttribute('data-e2e-mark', 'first'));
  await expect(ui.page.locator('.monaco-editor')).toHaveCount(1);

  await selectRecord(ui, keyText('people', GRACE.key));
  await expect(ui.record.editor).toContainText(GRACE.name);
  await expect(ui.record.editor).not.toContainText(ADA.name);
  await expect(ui.page.locator('.monaco-editor')).toHaveCount(1);
  await expect(ui.page.locator('.editor-surface')).toHaveCount(1);
  await expect(ui.page.locator('.editor-surface[data-e2e-mark="first"] .monaco-editor')).toBeVisible();

  // Undo stops at this record's own text: Ada's is not in its history.
  await ui.record.editorLines.click();
  await ui.page.keyboard.press('ControlOrMeta+End');
  await ui.page.keyboard.insertText('\n// typed');
  await expect(ui.record.editor).toContainText('// typed');
  for (let i = 0; i < 4; i++) await ui.page.keyboard.press('ControlOrMeta+Z');
  await expect(ui.record.editor).not.toContainText('// typed');
  await expect(ui.record.editor).toContainText(GRACE.name);
  await expect(ui.record.editor).not.toContainText(ADA.name);

  // Mod+S saves Grace (the record shown), not the record the editor first showed.
  await replaceRecordText(ui, validPersonText(GRACE, { name: 'Grace B. Hopper', city: GRACE.address.city }));
  await ui.page.keyboard.press('ControlOrMeta+S');
  await expect(ui.record.status).toHaveAttribute('data-state', 'saved');
  expect(await readRecord(database.path, 'people', GRACE.key)).toMatchObject({ name: 'Grace B. Hopper' });
  expect(await readRecord(database.path, 'people', ADA.key)).toMatchObject({ name: ADA.name });
});
