/**
 * Released records in the browser, on a database with a migration history: the
 * schema history lists the migration; a released record shows as Released with
 * its revision, its editor is read-only and says why, Save and Delete are off;
 * its lifecycle number can be set (and survives a reload); New version opens
 * version 2 as an editable draft whose save leaves version 1 as it was.
 */
import { join } from 'node:path';
import { DRAFT_PART, makeReleasedDatabase, RELEASED_PART, SUPPLIERS_MIGRATION } from '../../app/host/fixtures/released-database.js';
import { readRecord } from '../fixtures/read-record.js';
import { expect, test as base } from '../fixtures/test.js';
import { replaceRecordText, saveRecord } from '../flows/editing.js';
import { goBack, openRecord, openTree, reload } from '../flows/navigation.js';
import { makeNewVersion, setLifecycle } from '../flows/releasing.js';
import { saveScreenshot } from '../flows/screenshots.js';
import { SchemaPages } from '../pages/schema-view.js';

/** Suppliers and versioned parts created under version 1, suppliers migrated (version 2), part [1,1] released. */
const test = base.extend<{ released: { path: string; releasedAt: number } }>({
  released: async ({ workDir }, use) => {
    const path = join(workDir, 'released');
    await use({ path, ...(await makeReleasedDatabase(path)) });
  },
  // Not the seeded trees, so not the seeded counts' type; nothing here reads them.
  database: async ({ released }, use) => use({ path: released.path, counts: { suppliers: 2, parts: 2 } as never }),
});

const RELEASED = 'parts/[1,1]';
const NEXT = 'parts/[1,2]';

test('a released record is read-only and says why; its lifecycle number is set; a new version is an editable draft', async ({ ui, database, released }) => {
  // The migration is in the schema history.
  const schema = new SchemaPages(ui.page);
  await openTree(ui, 'suppliers');
  await schema.tab('schema').click();
  await expect(schema.versions).toHaveCount(2);
  await expect(schema.migration(SUPPLIERS_MIGRATION.id)).toContainText(`migration ${SUPPLIERS_MIGRATION.id}: ${SUPPLIERS_MIGRATION.description}`);
  await expect(schema.migration(SUPPLIERS_MIGRATION.id)).toHaveAttribute('data-outcome', 'applied');

  // The released record: badge with the revision, version, lifecycle, the reason beside a read-only editor.
  await openRecord(ui, RELEASED);
  const at = released.releasedAt;
  await expect(ui.release.badge).toHaveAttribute('data-state', 'released');
  await expect(ui.release.badge).toHaveText(`Released · rev ${at}`);
  await expect(ui.release.version).toHaveText('Version 1');
  await expect(ui.release.lifecycle).toHaveText('Lifecycle 0');
  const reason = `Released at revision ${at}: a released record never changes. Make a new version to edit it.`;
  await expect(ui.release.reason).toHaveText(reason);
  await expect(ui.release.release).toHaveCount(0);
  await expect(ui.record.editorLines).toContainText('grams: 12');
  await expect(ui.table.rows.first().locator('[data-column="key:#version"]')).toHaveText('1');
  await saveScreenshot(ui, 'released-record');
  await ui.record.editorLines.click();
  await ui.page.keyboard.type('x');
  await expect(ui.record.editor.locator('p', { hasText: reason })).toBeVisible();
  await ui.page.keyboard.press('ControlOrMeta+S');
  await expect(ui.record.status).toHaveAttribute('data-state', 'clean');
  await expect(ui.record.editorLines).not.toContainText('x');
  await expect(ui.record.save).toBeDisabled();
  await expect(ui.record.delete).toBeDisabled();
  await expect(ui.record.delete).toHaveAttribute('title', reason);

  // Its lifecycle number moves, and stays after a reload; the value and revision do not.
  const revision = await ui.page.getByTestId('record-revision').textContent();
  await setLifecycle(ui, 3);
  await expect(ui.release.lifecycle).toHaveText('Lifecycle 3');
  await expect(ui.release.badge).toHaveAttribute('data-state', 'released');
  await reload(ui);
  await expect(ui.record.showing(RELEASED)).toBeVisible();
  await expect(ui.release.lifecycle).toHaveText('Lifecycle 3');
  await expect(ui.page.getByTestId('record-revision')).toHaveText(revision!);

  // New version: version 2, a draft with lifecycle 0, editable; saving it leaves version 1 alone.
  await makeNewVersion(ui, NEXT);
  await expect(ui.release.version).toHaveText('Version 2');
  await expect(ui.release.lifecycle).toHaveText('Lifecycle 0');
  await expect(ui.release.reason).toHaveCount(0);
  await expect(ui.release.release).toBeEnabled();
  await expect(ui.record.delete).toBeEnabled();
  await replaceRecordText(ui, `{\nname: "bolt",\ngrams: 11,\nsupplier: 1\n}`);
  await saveRecord(ui);
  await expect(ui.record.status).toContainText(`Saved ${NEXT}`);
  await saveScreenshot(ui, 'new-version-draft');
  expect(await readRecord(database.path, 'parts', [1, 2])).toEqual({ ...RELEASED_PART.value, grams: 11 });
  expect(await readRecord(database.path, 'parts', [1, 1])).toEqual(RELEASED_PART.value);

  // Back to version 1: still released, lifecycle 3, its text as it was.
  await goBack(ui, 'button');
  await expect(ui.record.showing(RELEASED)).toBeVisible();
  await expect(ui.release.badge).toHaveAttribute('data-state', 'released');
  await expect(ui.release.lifecycle).toHaveText('Lifecycle 3');
  await expect(ui.record.editorLines).toContainText('grams: 12');
});

test('a draft is released from the panel after a confirm, and is read-only from then on', async ({ ui }) => {
  const draft = `parts/${JSON.stringify(DRAFT_PART.key)}`;
  await openRecord(ui, draft);
  await expect(ui.release.badge).toHaveText('Draft');
  await ui.release.release.click();
  await expect(ui.release.releaseConfirm).toContainText(`Release ${draft}?`);
  await ui.release.releaseConfirmYes.click();
  await expect(ui.release.badge).toHaveAttribute('data-state', 'released');
  await expect(ui.release.reason).toContainText('a released record never changes');
  await expect(ui.release.releaseConfirm).toHaveCount(0);
  await expect(ui.record.delete).toBeDisabled();
});
