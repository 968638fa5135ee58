/**
 * Labels: reference cells, lists of references, Referenced by, breadcrumbs and
 * the record panel's title name records by their label (people's declared
 * `name`, projects' and tasks' `title` by the heuristic) with the key beside
 * it; reference completion finds records by label, composite keys included.
 */
import { expect, test } from '../fixtures/test.js';
import { keyText, PEOPLE, PROJECTS, taskSeed } from '../fixtures/seed-data.js';
import { replaceRecordText } from '../flows/editing.js';
import { followReference, openRecord, openTree } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';

const TASK = keyText('tasks', 1);
const seed = taskSeed(1);
const owner = PEOPLE.find((p) => p.key === seed.owner)!;
const watcher = PEOPLE.find((p) => p.key === seed.watchers[0])!;
const project = PROJECTS.find((p) => p.team === seed.project[0] && p.code === seed.project[1])!;
const OWNER = keyText('people', owner.key);
const PROJECT = `projects/${JSON.stringify(seed.project)}`;

test('reference cells, Referenced by, breadcrumbs and the panel title show labels, with the key beside them', async ({ ui }) => {
  await openTree(ui, 'tasks');
  const row = ui.table.row(TASK);
  // A single reference (declared label), a composite one (heuristic: title) and a list with its count.
  await expect(ui.table.refLink(row, OWNER)).toHaveAttribute('data-label', owner.name);
  await expect(ui.table.refLink(row, OWNER)).toContainText(owner.name);
  await expect(ui.table.refLink(row, PROJECT)).toHaveAttribute('data-label', project.title);
  await expect(ui.table.refLink(row, keyText('people', watcher.key))).toContainText(watcher.name);
  await expect(row.getByTestId('ref-count')).toHaveText(String(seed.watchers.length));
  // The raw key stays at hand: in the link's tooltip.
  await expect(ui.table.refLink(row, OWNER)).toHaveAttribute('title', new RegExp(`Go to ${OWNER}`));

  await followReference(ui, TASK, OWNER);
  await expect(ui.page.getByTestId('record-title')).toHaveText(owner.name);
  await expect(ui.page.getByTestId('record-key')).toHaveText(OWNER);
  await expect(ui.toolbar.breadcrumbs.last()).toHaveAttribute('data-label', owner.name);
  await expect(ui.toolbar.breadcrumbs.last()).toContainText(owner.name);

  const owned = ui.referencedBy.group('tasks', 'owner');
  await expect(ui.referencedBy.linkIn(owned, TASK)).toHaveAttribute('data-label', seed.title);
  await expect(ui.referencedBy.linkIn(owned, TASK)).toContainText(seed.title);
  await saveScreenshot(ui, 'labels');
});

test('reference completion finds records by label, and fills a composite key whole', async ({ ui }) => {
  await openRecord(ui, TASK);
  const grace = PEOPLE.find((p) => p.name.startsWith('Gra'))!;
  const suggestions = ui.page.locator('.suggest-widget .monaco-list-row');

  await replaceRecordText(ui, '{\ntitle: "Task 1",\nowner: "Gra');
  await ui.page.keyboard.press('Control+Space');
  await expect(suggestions.first()).toContainText(grace.name);
  await expect(suggestions.first()).toContainText(keyText('people', grace.key));
  await saveScreenshot(ui, 'labels-completion');
  await ui.page.keyboard.press('Enter');
  await expect(ui.record.editor).toContainText(`owner: ${grace.key}`);

  const gemini = PROJECTS.find((p) => p.code === 'gemini')!;
  await replaceRecordText(ui, '{\ntitle: "Task 1",\nproject: "gem');
  await ui.page.keyboard.press('Control+Space');
  await expect(suggestions.first()).toContainText(gemini.title);
  await ui.page.keyboard.press('Enter');
  await expect(ui.record.editor).toContainText(`project: ["${gemini.team}", "${gemini.code}"]`);
});
