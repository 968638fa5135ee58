/**
 * The schema view's History: a database that ran a migration lists its schema
 * versions newest first (the migration with its id, description, outcome,
 * records and duration; the change applied on open; the creation), and one
 * written before the engine kept a history says there is none recorded.
 */
import { join } from 'node:path';
import { forgetHistory, makeMigratedDatabase, PEOPLE_MIGRATION } from '../../app/host/fixtures/migrated-database.js';
import { expect, test as base } from '../fixtures/test.js';
import { openTree } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import type { TrellisApp } from '../pages/trellis-app.js';
import { SchemaPages } from '../pages/schema-view.js';

const PEOPLE = 300;

/** Created under version 1 with 300 people and 600 posts, an index added on open (2), then people migrated (3). */
const test = base.extend<{ keepHistory: boolean }>({
  keepHistory: [true, { option: true }],
  database: async ({ workDir, keepHistory }, use) => {
    const path = join(workDir, 'migrated');
    await makeMigratedDatabase(path, PEOPLE);
    if (!keepHistory) await forgetHistory(path);
    // Not the seeded trees, so not the seeded counts' type; nothing here reads them.
    await use({ path, counts: { people: PEOPLE, posts: 2 * PEOPLE } as never });
  },
});

async function openSchemaOf(ui: TrellisApp, tree: string): Promise<SchemaPages> {
  const schema = new SchemaPages(ui.page);
  await openTree(ui, tree);
  await schema.tab('schema').click();
  await expect(schema.view).toHaveAttribute('data-tree', tree);
  return schema;
}

test('a migrated database lists its schema versions newest first, the migration with its outcome, records and duration', async ({ ui }) => {
  const started = Date.now();
  const schema = await openSchemaOf(ui, 'people');
  await expect(schema.versionSummary).toContainText('version 3');
  await expect(schema.versionSummary).toContainText('1 migration run');

  await expect(schema.versions).toHaveCount(3);
  expect(await schema.versions.evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-version'), row.getAttribute('data-origin')]))).toEqual([
    ['3', 'migration'],
    ['2', 'change'],
    ['1', 'created'],
  ]);

  // Version 3: the migration, current, and it changed people (the tree on screen).
  const v3 = schema.version(3);
  await expect(v3).toHaveAttribute('data-current', 'true');
  await expect(v3.getByRole('cell').first()).toHaveText('v3current');
  const migration = schema.migration(PEOPLE_MIGRATION.id);
  await expect(migration).toContainText(`migration ${PEOPLE_MIGRATION.id}: ${PEOPLE_MIGRATION.description}`);
  await expect(migration).toHaveAttribute('data-outcome', 'applied');
  await expect(migration).toContainText('applied');
  await expect(migration).toHaveAttribute('data-records', String(PEOPLE));
  await expect(migration.getByTestId('schema-migration-facts')).toHaveText(/^300 records · (under 1 ms|\d+ ms|\d+\.\d s)$/);
  await expect(v3.getByTestId('schema-version-trees')).toHaveText('changed people');
  await expect(v3).toHaveClass(/touches-tree/);
  // Applied just now, shown in UTC to the minute.
  const at = await v3.locator('time').getAttribute('datetime');
  expect(Date.parse(at!)).toBeGreaterThanOrEqual(started - 5 * 60_000);
  await expect(v3.locator('time')).toHaveText(new RegExp(`^${at!.slice(0, 10)} ${at!.slice(11, 16)} UTC$`));

  // Version 2: the index on posts, applied on open; version 1: the creation.
  await expect(schema.version(2)).toContainText('schema change applied on open');
  await expect(schema.version(2)).toHaveAttribute('data-current', 'false');
  await expect(schema.version(2).getByTestId('schema-version-trees')).toHaveText('changed posts');
  await expect(schema.version(2)).not.toHaveClass(/touches-tree/);
  await expect(schema.version(1)).toContainText('database created with this schema');
  await expect(schema.version(1).getByTestId('schema-version-trees')).toHaveText('added people, posts');
  await expect(schema.history.getByTestId('schema-migration')).toHaveCount(1);
  await expect(schema.historyEmpty).toHaveCount(0);

  await schema.history.scrollIntoViewIfNeeded();
  await saveScreenshot(ui, 'schema-history');

  // The same history from the other tree, where version 2 is the one that touched it.
  await schema.view.locator('[data-testid="schema-ref-in"][data-tree="posts"]').getByTestId('schema-tree-link').click();
  await expect(schema.view).toHaveAttribute('data-tree', 'posts');
  await expect(schema.versions).toHaveCount(3);
  await expect(schema.version(2)).toHaveClass(/touches-tree/);
  await expect(schema.version(3)).not.toHaveClass(/touches-tree/);
});

test.describe('a database written before the engine kept a history', () => {
  test.use({ keepHistory: false });

  test('says no schema changes are recorded, and at which version it is', async ({ ui }) => {
    const schema = await openSchemaOf(ui, 'people');
    await expect(schema.historyEmpty).toContainText('No schema changes recorded');
    await expect(schema.historyEmpty).toContainText('schema version 3');
    await expect(schema.versions).toHaveCount(0);
    await expect(schema.versionSummary).toContainText('version 3');
    await expect(schema.versionSummary).toContainText('no history recorded');
    await saveScreenshot(ui, 'schema-history-empty');
  });
});
