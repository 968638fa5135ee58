/**
 * Columns and cells (issue 10, item 4): resized, hidden and moved columns are
 * remembered per tree across tree switches and a reload; a multi-row selection
 * copies as CSV to the real clipboard; the table is one tab stop.
 */
import Papa from 'papaparse';
import { readRecord } from '../fixtures/read-record.js';
import { PEOPLE, keyText, taskSeed } from '../fixtures/seed-data.js';
import { expect, test } from '../fixtures/test.js';
import { allowClipboard, cellMenuAction, dragColumn, headerOrder, headerWidth, openColumnMenu, readClipboard, resizeColumn } from '../flows/columns.js';
import { openTree, selectRecord } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';

const PEOPLE_COLUMNS = ['key', 'value:name', 'value:email', 'value:role', 'value:joined', 'value:address'];

test('a resized column keeps its width when switching trees and back, and after a reload', async ({ ui }) => {
  await openTree(ui, 'people');
  const handle = await ui.columns.resizer('value:name').boundingBox();
  expect(handle?.width).toBeGreaterThanOrEqual(8);
  const before = await headerWidth(ui, 'value:name');
  await resizeColumn(ui, 'value:name', 120);
  const resized = await headerWidth(ui, 'value:name');
  expect(resized).toBeGreaterThan(before + 100);

  await openTree(ui, 'tasks');
  await openTree(ui, 'people');
  await expect.poll(() => headerWidth(ui, 'value:name')).toBe(resized);
  await ui.page.reload();
  await expect(ui.table.rows.first()).toHaveAttribute('data-key', /^people\//);
  await expect.poll(() => headerWidth(ui, 'value:name')).toBe(resized);
  // Another tree has its own layout.
  await openTree(ui, 'tasks');
  await expect(ui.columns.header('value:title')).toBeVisible();

  // Double-click on the handle fits the column to its content: narrower than the dragged width.
  await openTree(ui, 'people');
  await ui.columns.resizer('value:name').dblclick();
  await expect.poll(() => headerWidth(ui, 'value:name')).toBeLessThan(resized);
});

test('hide a column and reorder by drag and by keyboard; remembered, and reset', async ({ ui }) => {
  await openTree(ui, 'people');
  await expect.poll(() => headerOrder(ui)).toEqual(PEOPLE_COLUMNS);

  await openColumnMenu(ui);
  await ui.columns.menuItem('value:email').getByTestId('column-toggle').uncheck();
  // The keyboard's way: focus the "move left" button and press Enter.
  await ui.columns.menuItem('value:joined').getByTestId('column-move-earlier').focus();
  await ui.page.keyboard.press('Enter');
  await ui.page.keyboard.press('Escape');
  await expect(ui.columns.menu).toBeHidden();
  await expect.poll(() => headerOrder(ui)).toEqual(['key', 'value:name', 'value:joined', 'value:role', 'value:address']);
  await expect(ui.columns.cell(ui.table.row(keyText('people', 1)), 'value:email')).toHaveCount(0);

  await dragColumn(ui, 'value:address', 'value:name');
  const arranged = ['key', 'value:address', 'value:name', 'value:joined', 'value:role'];
  await expect.poll(() => headerOrder(ui)).toEqual(arranged);
  await expect(ui.columns.cell(ui.table.row(keyText('people', 1)), 'value:address')).toContainText('city: London');
  await saveScreenshotWithMenu(ui);

  await openTree(ui, 'projects');
  await openTree(ui, 'people');
  await expect.poll(() => headerOrder(ui)).toEqual(arranged);

  await openColumnMenu(ui);
  await ui.columns.reset.click();
  await ui.page.keyboard.press('Escape');
  await expect.poll(() => headerOrder(ui)).toEqual(PEOPLE_COLUMNS);
});

async function saveScreenshotWithMenu(ui: Parameters<typeof openColumnMenu>[0]): Promise<void> {
  await openColumnMenu(ui);
  await saveScreenshot(ui, 'columns');
  await ui.page.keyboard.press('Escape');
}

test('a multi-row selection copies as CSV to the clipboard, and Shift+arrows with Mod+C as TSV', async ({ ui, database }) => {
  await allowClipboard(ui);
  await openTree(ui, 'people');
  await ui.table.row(keyText('people', 2)).click();
  await ui.table.row(keyText('people', 5)).click({ modifiers: ['Shift'] });
  await ui.table.row(keyText('people', 7)).click({ modifiers: ['ControlOrMeta'] });
  await expect(ui.table.rows.and(ui.page.locator('[aria-selected="true"]'))).toHaveCount(5);

  await ui.columns.cell(ui.table.row(keyText('people', 3)), 'value:role').click({ button: 'right' });
  await expect(ui.columns.cellMenu).toBeVisible();
  await saveScreenshot(ui, 'cell-menu');
  await ui.columns.cellMenuItem('rows.copy.csv').click();
  await expect(ui.columns.status).toHaveText('Copied 5 rows as CSV');

  const rows = Papa.parse<string[]>(await readClipboard(ui)).data;
  const keys = [2, 3, 4, 5, 7];
  const expected: string[][] = [['key · auto', 'name', 'email', 'role', 'joined', 'address']];
  for (const key of keys) {
    const value = await readRecord(database.path, 'people', key);
    if (!value) throw new Error(`people/${key} missing`);
    expected.push([String(key), String(value['name']), String(value['email']), String(value['role']), String(value['joined']), JSON.stringify(value['address'])]);
  }
  expect(rows).toEqual(expected);
  expect(rows.slice(1).map((row) => row[1])).toEqual(keys.map((key) => PEOPLE[key - 1]!.name));

  // The keyboard: a click, Shift+↓ twice, Mod+C copies three rows as TSV.
  await ui.table.row(keyText('people', 1)).click();
  await ui.page.keyboard.press('Shift+ArrowDown');
  await ui.page.keyboard.press('Shift+ArrowDown');
  await ui.page.keyboard.press('ControlOrMeta+C');
  await expect(ui.columns.status).toHaveText('Copied 3 rows as TSV');
  const tsv = Papa.parse<string[]>(await readClipboard(ui), { delimiter: '\t' }).data;
  expect(tsv.slice(1).map((row) => row[0])).toEqual(['1', '2', '3']);
});

test('a cell copies its value, and filters by it: through an index where there is one, else by reading every record', async ({ ui }) => {
  await allowClipboard(ui);
  await openTree(ui, 'people');
  const ada = ui.table.row(keyText('people', 1));
  await cellMenuAction(ui, ada, 'value:name', 'cell.copyValue');
  expect(await readClipboard(ui)).toBe('Ada Lovelace');

  await ada.click();
  await ui.page.keyboard.press('ControlOrMeta+Alt+C');
  await expect.poll(() => readClipboard(ui)).toBe('people/1');

  // A key is not filtered on: its menu item says what to use instead.
  await ui.columns.cell(ada, 'key').click({ button: 'right' });
  await expect(ui.columns.cellMenuItem('cell.filterByValue')).toBeDisabled();
  await expect(ui.columns.cellMenuItem('cell.filterByValue')).toHaveAttribute('title', /Keys are not filtered/);
  await ui.page.keyboard.press('Escape');

  await cellMenuAction(ui, ada, 'value:name', 'cell.filterByValue');
  await expect(ui.filter.row(0).value).toHaveValue('Ada Lovelace');
  await expect(ui.filter.status).toHaveAttribute('data-plan', 'scan');
  await expect(ui.table.rows).toHaveCount(1);

  // Narrowing adds to the filter; clearing it and filtering by an indexed field goes through its index.
  await ui.filter.clear.click();
  await expect(ui.table.rows).toHaveCount(PEOPLE.length);
  const grace = ui.table.row(keyText('people', 2));
  await cellMenuAction(ui, grace, 'value:role', 'cell.filterByValue');
  await expect(ui.filter.row(0).value).toHaveValue('manager');
  await expect(ui.filter.status).toHaveAttribute('data-plan', 'index');
  const managers = PEOPLE.filter((person) => person.role === 'manager').map((person) => keyText('people', person.key));
  await expect(ui.table.rows).toHaveCount(managers.length);
});

test('Tab goes from the search box to the table, then to the record panel, past no link in the table', async ({ ui }) => {
  await openTree(ui, 'tasks');
  await selectRecord(ui, keyText('tasks', 1));
  await expect(ui.table.refLink(ui.table.row(keyText('tasks', 1)), keyText('people', 1)).first()).toBeVisible();
  await ui.table.jumpToKey.focus();

  const visited: string[] = [];
  const focused = () => ui.page.evaluate(() => {
    const element = document.activeElement;
    const panel = element?.closest('[data-testid="record-panel"]');
    return panel ? 'record-panel' : (element?.getAttribute('data-testid') ?? element?.tagName ?? '');
  });
  for (let i = 0; i < 12 && visited.at(-1) !== 'record-panel'; i++) {
    await ui.page.keyboard.press('Tab');
    visited.push(await focused());
  }
  expect(visited).not.toContain('ref-link');
  expect(visited).toContain('table-scroll');
  expect(visited.indexOf('record-panel')).toBe(visited.indexOf('table-scroll') + 1);
});

test('Shift+click on a link in a row selects the range instead of following the link', async ({ ui }) => {
  await openTree(ui, 'tasks');
  await selectRecord(ui, keyText('tasks', 1));
  const third = ui.table.row(keyText('tasks', 3));
  await ui.table.refLink(third, keyText('people', 3)).first().click({ modifiers: ['Shift'] });
  await expect(ui.record.showing(keyText('tasks', 3))).toBeVisible();
  await expect(ui.table.rows.and(ui.page.locator('[aria-selected="true"]'))).toHaveCount(3);
  await expect(ui.table.rows.first()).toHaveAttribute('data-key', /^tasks\//);
});

test('the record panel resizes from its left edge and keeps its width after a reload', async ({ ui }) => {
  await openTree(ui, 'people');
  await selectRecord(ui, keyText('people', 1));
  const before = (await ui.record.root.boundingBox())?.width ?? 0;
  const edge = await ui.columns.panelResizer.boundingBox();
  if (!edge) throw new Error('no panel resizer');
  await ui.page.mouse.move(edge.x + edge.width / 2, edge.y + 100);
  await ui.page.mouse.down();
  await ui.page.mouse.move(edge.x - 150, edge.y + 100, { steps: 6 });
  await ui.page.mouse.up();
  const wider = (await ui.record.root.boundingBox())?.width ?? 0;
  expect(wider).toBeGreaterThan(before + 120);
  await ui.page.reload();
  await expect(ui.record.showing(keyText('people', 1))).toBeVisible();
  await expect.poll(async () => (await ui.record.root.boundingBox())?.width).toBe(wider);
});

test('the keyboard: ← → choose the current cell, Mod+Enter follows its reference', async ({ ui }) => {
  await openTree(ui, 'tasks');
  const first = ui.table.row(keyText('tasks', 1));
  // A click on a cell (beside its text) makes it the current cell.
  const title = ui.columns.cell(first, 'value:title');
  const box = await title.boundingBox();
  if (!box) throw new Error('no title cell');
  await title.click({ position: { x: box.width - 4, y: box.height / 2 } });
  await expect(title).toHaveClass(/active-cell/);
  await ui.page.keyboard.press('ArrowRight');
  await expect(ui.columns.cell(first, 'value:owner')).toHaveClass(/active-cell/);
  await ui.page.keyboard.press('ControlOrMeta+Enter');
  await expect(ui.record.showing(keyText('people', taskSeed(1).owner))).toBeVisible();
});
