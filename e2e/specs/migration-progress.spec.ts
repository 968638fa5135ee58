/**
 * Another program migrating the open database: while its migration runs, a
 * banner at the top of the main area names it with the records done of the
 * total and a progress bar that grows, and writes are disabled with that
 * reason; when it finishes, the banner goes, the view reloads with the new
 * schema, and the schema history lists the migration.
 */
import { join } from 'node:path';
import { makeDatabaseBeforeMigration, PEOPLE_MIGRATION } from '../../app/host/fixtures/migrated-database.js';
import { migrateInAnotherProcess, type OtherProcessMigration } from '../fixtures/other-process-migration.js';
import { expect, test as base } from '../fixtures/test.js';
import { openTree } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import { MigrationBanner } from '../pages/migration-banner.js';
import { SchemaPages } from '../pages/schema-view.js';

const PEOPLE = 200_000;
/** Small batches, so the migration lasts long enough to watch (400 transactions). */
const BATCH = 500;
const MIGRATION_TIMEOUT_MS = 240_000;

/** Version 2 with 200,000 people; the other process's code (version 3) migrates them. */
const test = base.extend<{ migration: (path: string) => OtherProcessMigration }>({
  database: async ({ workDir }, use) => {
    const path = join(workDir, 'before-migration');
    await makeDatabaseBeforeMigration(path, PEOPLE);
    // Not the seeded trees, so not the seeded counts' type; nothing here reads them.
    await use({ path, counts: { people: PEOPLE } as never });
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  migration: async ({}, use) => {
    const started: OtherProcessMigration[] = [];
    await use((path) => {
      const run = migrateInAnotherProcess(path, BATCH, MIGRATION_TIMEOUT_MS);
      started.push(run);
      return run;
    });
    for (const run of started) await run.stop();
  },
});

test.setTimeout(MIGRATION_TIMEOUT_MS + 120_000);

test('another program’s migration shows a banner with growing progress, then the view reloads with the migration in the history', async ({ ui, database, migration }) => {
  await openTree(ui, 'people');
  await expect(ui.toolbar.readOnly).toBeEnabled();
  const { banner, progress } = new MigrationBanner(ui.page);
  await expect(banner).toHaveCount(0);

  const run = migration(database.path);
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect(banner).toContainText(`Another program is migrating this database: ${PEOPLE_MIGRATION.id} — `);
  await expect(banner).toContainText(/— [\d,]+ of 200,000 records/);
  await expect(banner).toHaveAttribute('data-total', String(PEOPLE));
  await expect(progress).toHaveAttribute('max', String(PEOPLE));
  // Writes are refused meanwhile (the engine would answer STALE_SCHEMA): the toggle says why.
  await expect(ui.toolbar.readOnly).toBeDisabled();
  await expect(ui.toolbar.readOnly).toHaveAttribute('title', /Another program is migrating this database \(people-full-name\)/);

  // The bar grows: a later reading of the progress element is past an earlier one.
  const value = async () => Number(await progress.getAttribute('value'));
  const first = await value();
  await expect.poll(value, { timeout: 60_000 }).toBeGreaterThan(first);
  await saveScreenshot(ui, 'migration-banner');

  const { code, output } = await run.finished;
  expect(code, output).toBe(0);
  await expect(banner).toHaveCount(0, { timeout: 30_000 });
  await expect(ui.toolbar.readOnly).toBeEnabled();

  // The view reloaded with the new schema: people have fullName, and the history lists the migration.
  const schema = new SchemaPages(ui.page);
  await schema.tab('schema').click();
  await expect(schema.view).toHaveAttribute('data-tree', 'people');
  await expect(schema.versionSummary).toContainText('version 3');
  const migrated = schema.migration(PEOPLE_MIGRATION.id);
  await expect(migrated).toContainText(`migration ${PEOPLE_MIGRATION.id}: ${PEOPLE_MIGRATION.description}`);
  await expect(migrated).toHaveAttribute('data-outcome', 'applied');
  await expect(migrated).toHaveAttribute('data-records', String(PEOPLE));
});
