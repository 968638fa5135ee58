/**
 * Spec 6: text that is not JSON5, or JSON5 that breaks the schema, is marked
 * at the right line and not saved.
 */
import { expect, test } from '../fixtures/test.js';
import { readRecord } from '../fixtures/read-record.js';
import {
  SCHEMA_ERROR_LINE,
  SYNTAX_ERROR_LINE,
  personTextWithSyntaxError,
  personTextWithWrongType,
} from '../fixtures/record-texts.js';
import { PEOPLE, keyText } from '../fixtures/seed-data.js';
import { attemptSave, replaceRecordText } from '../flows/editing.js';
import { openRecord, reload } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import type { TrellisApp } from '../pages/trellis-app.js';

const ADA = PEOPLE[0]!;
const KEY = keyText('people', ADA.key);

async function expectUnchangedAfterReload(ui: TrellisApp, dbPath: string): Promise<void> {
  expect(await readRecord(dbPath, 'people', ADA.key)).toMatchObject({ name: ADA.name, email: ADA.email });
  await reload(ui);
  await openRecord(ui, KEY);
  await expect(ui.record.editor).toContainText(ADA.name);
  await expect(ui.table.row(KEY)).toContainText(ADA.name);
}

test('invalid JSON5 is marked at its line and not saved', async ({ ui, database }) => {
  await openRecord(ui, KEY);
  await replaceRecordText(ui, personTextWithSyntaxError(ADA));

  await expect(ui.record.problemAtLine(SYNTAX_ERROR_LINE)).toBeVisible();
  await expect(ui.record.problems).toHaveCount(1);
  await saveScreenshot(ui, 'editor-error');
  await attemptSave(ui);

  await expectUnchangedAfterReload(ui, database.path);
});

test('a field of the wrong type is marked at its line and not saved', async ({ ui, database }) => {
  await openRecord(ui, KEY);
  await replaceRecordText(ui, personTextWithWrongType(ADA));

  const problem = ui.record.problemAtLine(SCHEMA_ERROR_LINE);
  await expect(problem).toBeVisible();
  await expect(problem).toContainText(/string/i);
  await expect(ui.record.problems).toHaveCount(1);
  await saveScreenshot(ui, 'editor-schema-error');
  await attemptSave(ui);

  await expectUnchangedAfterReload(ui, database.path);
});
