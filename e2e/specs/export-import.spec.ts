/**
 * Export and import in the browser: three trees (a composite key, lists of
 * references) exported as NDJSON and imported into an empty database, where
 * the same exports come out byte for byte; a CSV import with a column mapped
 * by hand, whose check names the bad row before anything is written; a
 * read-only session that cannot import.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { open } from '@trellis/engine';
import { expect, test } from '../fixtures/test.js';
import { e2eSchema } from '../fixtures/schema.js';
import { INITIAL_COUNTS } from '../fixtures/seed-data.js';
import { openTree } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import { checkImport, exportTree, importFile } from '../flows/transfer.js';

test.beforeEach(({ hostKind }) => {
  // Opening a second database is File › Open, the native folder picker in Electron; the import itself runs through the same contract there.
  test.skip(hostKind !== 'web', 'the second database is opened with the web host\'s open dialog');
});

/** File › Open… with a typed path (the web host's dialog). */
async function openDatabase(page: Page, path: string, name: string): Promise<void> {
  await page.getByTestId('menu-bar').getByRole('menuitem', { name: 'File' }).click();
  await page.locator('[data-testid="menu-item"][data-command="file.open"]').click();
  await page.getByTestId('open-path').fill(path);
  await page.getByTestId('open-submit').click();
  await expect(page.getByTestId('database-name')).toHaveText(name);
}

test('trees exported as NDJSON import into an empty database, and export again byte for byte', async ({ ui, workDir }) => {
  const trees = ['people', 'projects', 'tasks'] as const;
  const files: Record<string, string> = {};
  for (const tree of trees) {
    await openTree(ui, tree);
    const { name, text } = await exportTree(ui, 'ndjson', tree === 'tasks');
    expect(name).toBe(`${tree}.ndjson`);
    expect(text.trim().split('\n')).toHaveLength(INITIAL_COUNTS[tree]);
    files[tree] = join(workDir, name);
    await writeFile(files[tree], text);
    if (tree === 'tasks') await saveScreenshot(ui, 'export');
    if (tree === 'tasks') await ui.page.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click();
  }
  const emptyPath = join(workDir, 'empty');
  await (await open(emptyPath, e2eSchema)).close();
  await openDatabase(ui.page, emptyPath, 'empty');
  // Tasks refer to people and projects: in the order the references need, each file checks clean.
  for (const tree of trees) await importFile(ui, tree, files[tree]!, INITIAL_COUNTS[tree]);
  for (const tree of trees) {
    await openTree(ui, tree);
    await expect(ui.table.count).toHaveAttribute('data-count', String(INITIAL_COUNTS[tree]));
    const again = await exportTree(ui, 'ndjson');
    expect(again.text, `${tree} exported again`).toBe(await readFile(files[tree]!, 'utf8'));
  }
});

test('a CSV with a column mapped by hand: the check names the bad row and writes nothing; the fixed file imports', async ({ ui, workDir }) => {
  const header = 'Full name,email,role,joined,address';
  const rows = [
    '"Alan Turing",alan@example.com,engineer,1936-05-28T00:00:00.000Z,"{""city"":""Wilmslow"",""country"":""GB""}"',
    '"Joan Clarke",joan@example.com,astronaut,1939-01-01T00:00:00.000Z,"{""city"":""Cambridge"",""country"":""GB""}"',
    '"Tommy Flowers",tommy@example.com,engineer,1943-01-01T00:00:00.000Z,"{""city"":""London"",""country"":""GB""}"',
  ];
  const bad = join(workDir, 'people.csv');
  await writeFile(bad, [header, ...rows].join('\n'));
  await openTree(ui, 'people');
  const dialogs = await checkImport(ui, 'people', bad);
  // Unmapped, "Full name" leaves every row without a name: mapped by hand, only Joan's role is wrong.
  await expect(dialogs.importReport).not.toHaveAttribute('data-problems', '0');
  await dialogs.csvColumn('Full name').selectOption('name');
  await dialogs.importCheck.click();
  await expect(dialogs.importReport).toHaveAttribute('data-problems', '1');
  await expect(dialogs.importProblems).toHaveCount(1);
  await expect(dialogs.importProblems.first()).toHaveAttribute('data-line', '3');
  await expect(dialogs.importProblems.first()).toContainText('line 3 /value/role');
  await expect(dialogs.importWrite).toBeDisabled();
  await expect(ui.table.row('people/1')).toContainText('Ada Lovelace'); // the table behind, unchanged
  await saveScreenshot(ui, 'import-preview');
  await expect(ui.table.count).toHaveAttribute('data-count', String(INITIAL_COUNTS.people));

  const fixed = join(workDir, 'people-fixed.csv');
  await writeFile(fixed, [header, rows[0], rows[1]!.replace('astronaut', 'designer'), rows[2]].join('\n'));
  await dialogs.importFile.setInputFiles(fixed);
  await dialogs.csvColumn('Full name').selectOption('name');
  await dialogs.importCheck.click();
  await expect(dialogs.importReport).toHaveAttribute('data-problems', '0');
  await dialogs.importWrite.click();
  await expect(dialogs.importDone).toContainText('Imported 3 records into people (0 replaced)');
  await dialogs.importDialog.getByRole('button', { name: 'Close' }).click();
  await expect(ui.table.count).toHaveAttribute('data-count', String(INITIAL_COUNTS.people + 3));
  await expect(ui.table.row(`people/${INITIAL_COUNTS.people + 2}`)).toContainText('Joan Clarke');
});

test.describe('a read-only session', () => {
  test.use({ readOnlySession: true });
  test('cannot import: the button is disabled and says why; export still works', async ({ ui }) => {
    await openTree(ui, 'people');
    await expect(ui.page.getByTestId('import-open')).toBeDisabled();
    await expect(ui.page.getByTestId('import-open')).toHaveAttribute('title', /Read-only/);
    const { text } = await exportTree(ui, 'csv');
    expect(text.split('\r\n')[0]).toBe('key,name,email,role,joined,address');
  });
});
