/**
 * A reference over existing fields in the browser (cities' `state` over countryCode and
 * stateCode → states keyed by (country, isoCode)): the stateCode cell links to the state with its
 * label and opens it; the state lists the city under "Referenced by"; the editor marks a
 * stateCode naming no state before saving and the save is refused; Ctrl/Cmd+click on the
 * stateCode value follows the link; the schema view names the reference with its fields.
 */
import { join } from 'node:path';
import { makeFieldReferenceDatabase } from '../../app/host/fixtures/field-reference-database.js';
import { readRecord } from '../fixtures/read-record.js';
import { expect, test as base } from '../fixtures/test.js';
import { attemptSave, followEditorLink, replaceRecordText } from '../flows/editing.js';
import { followReference, openRecord, openTree, selectRecord } from '../flows/navigation.js';
import { SchemaPages } from '../pages/schema-view.js';
import { byTestId } from '../pages/selectors.js';

/** Countries, states and cities written with the engine (app/host/fixtures/field-reference-database.ts). */
const test = base.extend<{ geo: { path: string } }>({
  geo: async ({ workDir }, use) => {
    const path = join(workDir, 'field-references');
    await makeFieldReferenceDatabase(path);
    await use({ path });
  },
  // Not the seeded trees, so not the seeded counts' type; nothing here reads them.
  database: async ({ geo }, use) => use({ path: geo.path, counts: { countries: 2, states: 3, cities: 4 } as never }),
});

const PARIS = 'cities/1';
const IDF = 'states/["FR","IDF"]';

test('the stateCode cell links to the state, which lists the city; a missing state is marked at stateCode and refused; Ctrl+click follows', async ({ ui, database }) => {
  // The grid: the link sits in the stateCode column, labelled, and opens the state.
  await openTree(ui, 'cities');
  const paris = ui.table.row(PARIS);
  const link = paris.locator(`[data-column="value:stateCode"] ${byTestId('ref-link', { target: IDF })}`);
  await expect(link).toHaveAttribute('data-label', 'Île-de-France');
  await expect(link).toContainText('Île-de-France');
  await expect(link).toContainText('IDF');
  await expect(paris.locator('[data-column="value:countryCode"]').getByTestId('ref-link')).toHaveCount(0);
  // A city without a stateCode refers to nothing: a plain absent cell, no link.
  await expect(ui.table.row('cities/4').getByTestId('ref-link')).toHaveCount(0);
  await followReference(ui, PARIS, IDF);

  // The state lists the city in "Referenced by", under the reference's name and fields.
  const group = ui.referencedBy.group('cities', 'state');
  await expect(group).toContainText('cities · state (countryCode, stateCode)');
  await expect(ui.referencedBy.linkIn(group, PARIS)).toHaveAttribute('data-label', 'Paris');

  // The editor: a stateCode naming no state is marked at stateCode before saving, and the save is refused.
  await openRecord(ui, PARIS);
  await replaceRecordText(ui, '{\n  name: "Paris",\n  countryCode: "FR",\n  stateCode: "XX"\n}');
  const problem = ui.record.problemAtLine(4);
  await expect(problem).toContainText('stateCode');
  await expect(problem).toContainText('no record states/["FR","XX"] for the reference state (countryCode, stateCode)');
  await expect(problem).toHaveAttribute('data-column', '14');
  await attemptSave(ui);
  expect(await readRecord(database.path, 'cities', 1)).toMatchObject({ stateCode: 'IDF' });

  // Back to the stored text; Ctrl/Cmd+click on the stateCode value follows the reference.
  await ui.record.revert.click();
  await expect(ui.record.status).toHaveAttribute('data-state', 'clean');
  await followEditorLink(ui, '"IDF"');
  await expect(ui.record.showing(IDF)).toBeVisible();

  // The schema view names the reference with its fields.
  await openTree(ui, 'cities');
  await selectRecord(ui, PARIS);
  const schema = new SchemaPages(ui.page);
  await schema.tab('schema').click();
  await expect(schema.referencesOut).toHaveAttribute('data-path', 'state');
  await expect(schema.referencesOut).toContainText('state (countryCode, stateCode) → states');
});
