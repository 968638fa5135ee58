/** Spec 5: a valid JSON5 edit (comments, unquoted keys, trailing commas) is saved and survives a reload. */
import { expect, test } from '../fixtures/test.js';
import { readRecord } from '../fixtures/read-record.js';
import { validPersonText } from '../fixtures/record-texts.js';
import { PEOPLE, keyText } from '../fixtures/seed-data.js';
import { replaceRecordText, saveRecord } from '../flows/editing.js';
import { openRecord, reload } from '../flows/navigation.js';

const LINUS = PEOPLE[2]!;
const KEY = keyText('people', LINUS.key);
const CHANGES = { name: 'Linus B. Torvalds', city: 'Portland' };

test('a JSON5 edit is saved to the database and still there after reload', async ({ ui, database }) => {
  await openRecord(ui, KEY);
  await expect(ui.record.editor).toContainText(LINUS.name);

  await replaceRecordText(ui, validPersonText(LINUS, CHANGES));
  await expect(ui.record.problems).toHaveCount(0);
  await saveRecord(ui);
  await expect(ui.table.row(KEY)).toContainText(CHANGES.name);

  const stored = await readRecord(database.path, 'people', LINUS.key);
  expect(stored).toMatchObject({ name: CHANGES.name, email: LINUS.email, address: { city: CHANGES.city } });

  await reload(ui);
  await openRecord(ui, KEY);
  await expect(ui.table.row(KEY)).toContainText(CHANGES.name);
  await expect(ui.record.editor).toContainText(CHANGES.name);
  await expect(ui.record.editor).toContainText(CHANGES.city);
});
