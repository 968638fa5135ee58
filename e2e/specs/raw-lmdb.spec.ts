/**
 * Any LMDB database, read-only: an environment written by plain lmdb-js (no
 * Trellis catalog) is served as `serve PATH` and opened through File › Open,
 * its named databases listed with their counts, keys and values decoded by the
 * guess and by the decoder the user picks, 100,000 entries paged to the end,
 * nothing offered that would write, and data.mdb byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeRawEnvironment } from '../../engine/src/raw/fixtures/raw-environment.js';
import { expect, test as base } from '../fixtures/test.js';
import { saveScreenshot } from '../flows/screenshots.js';
import type { TrellisApp } from '../pages/trellis-app.js';

const EVENTS = 100_000;
const dataHash = async (folder: string) => createHash('sha256').update(await readFile(join(folder, 'data.mdb'))).digest('hex');
/** data.mdb's hash before any host saw the environment, by folder. */
const hashBefore = new Map<string, string>();

async function makeRaw(path: string): Promise<void> {
  await makeRawEnvironment(path, { events: EVENTS });
  hashBefore.set(path, await dataHash(path));
}

const test = base.extend({
  database: async ({ workDir }, use) => {
    const path = join(workDir, 'raw-lmdb');
    await makeRaw(path);
    // Not the seeded trees, so not the seeded counts' type; nothing here reads them.
    await use({ path, counts: {} as never });
  },
});

/** What the sidebar lists: name and entry count of each database. */
async function listed(ui: TrellisApp): Promise<[string | null, string | null][]> {
  return ui.raw.databases.evaluateAll((items) => items.map((item) => [item.getAttribute('data-database'), item.getAttribute('data-count')]));
}

/** The text of a row's key and value cells. */
async function cells(ui: TrellisApp, index: number): Promise<string[]> {
  return ui.table.rowAt(index).getByRole('gridcell').allInnerTexts();
}

async function expectNothingWrites(ui: TrellisApp): Promise<void> {
  for (const id of ['new-record', 'save-record', 'delete-record', 'duplicate-record', 'create-record', 'record-editor']) {
    await expect(ui.page.getByTestId(id), id).toHaveCount(0);
  }
  await expect(ui.toolbar.readOnly).toBeDisabled();
  await expect(ui.toolbar.readOnly).toHaveAttribute('title', /without a Trellis catalog is opened read-only/);
}

test('a raw lmdb-js environment: databases listed, values decoded, decoders switched, paged to the end, file unchanged', async ({ ui, database, webHost }) => {
  await expect(ui.raw.databases).toHaveCount(5);
  await expect.poll(() => listed(ui)).toEqual([
    ['blobs', '2'],
    ['events', String(EVENTS)],
    ['notes', '2'],
    ['settings', '2'],
    ['users', '3'],
  ]);

  // lmdb-js's defaults, guessed: ordered-binary keys, msgpack values (a record with a date inside).
  await ui.raw.database('users').click();
  await expect(ui.table.rows).toHaveCount(3);
  // Polled: a database's rows arrive a moment after its name is clicked.
  await expect.poll(() => cells(ui, 1)).toEqual(['"alice"', '{name: "Alice", age: 30, tags: ["admin", "ops"], joined: Date(2021-03-04T05:06:07.000Z)}']);
  await expect(ui.raw.keyDecoder).toHaveValue('ordered-binary');
  await expect(ui.raw.valueDecoder).toHaveValue('msgpack');
  // Another decoder changes the column; one that cannot read the bytes shows them in hex, marked, and the table stays.
  await ui.raw.valueDecoder.selectOption('json');
  await expect(ui.table.rowAt(1).getByRole('gridcell').nth(1)).toHaveText(/^⚠ hex d472/);
  await expect(ui.table.rows).toHaveCount(3);
  await ui.raw.keyDecoder.selectOption('hex');
  await expect(ui.table.rowAt(1).getByRole('gridcell').first()).toHaveText('616c696365');
  await ui.raw.valueDecoder.selectOption('msgpack');
  await ui.raw.keyDecoder.selectOption('ordered-binary');
  // The whole value, pretty-printed, read-only, in the panel; the table cell was cut.
  await ui.table.rowAt(3).click();
  await expect(ui.raw.recordValue).toContainText(`bio: "${'x'.repeat(2000)}"`);
  await expect.poll(async () => (await cells(ui, 3))[1]?.length ?? Infinity).toBeLessThan(400);
  await expectNothingWrites(ui);
  await saveScreenshotOfAlice(ui);

  // JSON text values, and the same bytes as UTF-8.
  await ui.raw.database('settings').click();
  await expect(ui.raw.valueDecoder).toHaveValue('json');
  await expect(ui.table.rowAt(1)).toContainText('{mode: "dark", contrast: 2}');
  await ui.raw.valueDecoder.selectOption('utf8');
  await expect(ui.table.rowAt(1)).toContainText('{"mode":"dark","contrast":2}');
  // UTF-8 text values; binary keys and values in hex.
  await ui.raw.database('notes').click();
  await expect(ui.table.rowAt(1)).toContainText('héllo wörld');
  await ui.raw.database('blobs').click();
  await expect.poll(() => cells(ui, 1)).toEqual(['000102', 'deadbeef']);

  // 100,000 entries: End reaches the last one, and it opens whole.
  await ui.raw.database('events').click();
  await expect(ui.table.count).toHaveAttribute('data-count', String(EVENTS));
  await ui.table.rowAt(1).click();
  await ui.page.keyboard.press('End');
  await expect(ui.table.rowAt(EVENTS)).toContainText('"event-099999"');
  await expect(ui.table.rowAt(EVENTS)).toContainText('{n: 99999, kind: "click"}');
  await expect(ui.raw.recordKey).toHaveText('"event-099999"');
  await expectNothingWrites(ui);
  await ui.page.keyboard.press('Escape');
  await expect(ui.record.root).toHaveCount(0);

  await webHost?.stop();
  expect(await dataHash(database.path)).toBe(hashBefore.get(database.path));
});

// From the seeded Trellis database (the base fixture) to a raw environment and its own view.
base('File › Open takes a raw environment, and the bytes stay as they were', async ({ ui, workDir, hostKind }) => {
  base.skip(hostKind !== 'web', "Electron's File › Open is the native folder picker; the renderer's open dialog is the web host's");
  const other = join(workDir, 'other-raw');
  await makeRaw(other);
  await ui.table.rowAt(1).click();
  await expect(ui.toolbar.breadcrumbs).not.toHaveCount(0);
  await openFromMenu(ui.page, other);
  await expect(ui.page.getByTestId('database-name')).toHaveText('other-raw');
  // The places of the database open before do not linger in the toolbar.
  await expect(ui.toolbar.breadcrumbs).toHaveCount(0);
  await expect(ui.toolbar.back).toBeDisabled();
  await expect(ui.raw.database('events')).toHaveAttribute('data-count', String(EVENTS));
  await ui.raw.database('notes').click();
  await expect(ui.table.rowAt(2)).toContainText('buy milk');
  expect(await dataHash(other)).toBe(hashBefore.get(other));
});

async function openFromMenu(page: Page, path: string): Promise<void> {
  await page.getByTestId('menu-bar').getByRole('menuitem', { name: 'File' }).click();
  await page.locator('[data-testid="menu-item"][data-command="file.open"]').click();
  const dialog = page.getByTestId('open-dialog');
  await dialog.getByTestId('open-path').fill(path);
  await dialog.getByTestId('open-submit').click();
  await expect(dialog).toHaveCount(0);
}

async function saveScreenshotOfAlice(ui: TrellisApp): Promise<void> {
  await ui.table.rowAt(1).click();
  await expect(ui.raw.recordKey).toHaveText('"alice"');
  await saveScreenshot(ui, 'raw-lmdb');
}
