/**
 * Issue 10, item 7: a tree's schema view (key, fields with types, indexes,
 * references with their targets) and the diagram of the whole database
 * (a box per tree, an arrow per reference, a box opens its tree).
 */
import { expect, test } from '../fixtures/test.js';
import { openTree } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import { SchemaPages } from '../pages/schema-view.js';

test('the schema view of tasks lists its key, fields with types, indexes and references with their targets; Back returns to the table', async ({ ui }) => {
  const schema = new SchemaPages(ui.page);
  await openTree(ui, 'tasks');
  // On the key cell: the middle of the row is the owner's reference link.
  await ui.table.rowAt(3).click({ position: { x: 12, y: 12 } });
  await schema.tab('schema').click();

  await expect(schema.view).toHaveAttribute('data-tree', 'tasks');
  await expect(ui.page).toHaveURL(/#\/tasks\?view=schema$/);
  await expect(schema.key).toContainText('Auto-increment');
  await expect(schema.fields).toHaveText([/^title/, /^owner/, /^watchers/, /^project/, /^status/, /^due/, /^details/, /estimateHours/, /tags/]);
  await expect(schema.field('title')).toContainText('string');
  await expect(schema.field('title')).toContainText('min length 1');
  await expect(schema.field('status')).toContainText('"todo" | "doing" | "done"');
  await expect(schema.field('details.estimateHours')).toHaveAttribute('data-depth', '1');
  await expect(schema.field('details.estimateHours')).toContainText('≥ 0');
  await expect(schema.field('owner').getByTestId('schema-field-ref')).toHaveAttribute('data-target', 'people');
  await expect(schema.field('owner')).toContainText('restrict');
  await expect(schema.field('owner')).toContainText('byOwner');

  await expect(schema.indexes).toHaveCount(2);
  await expect(schema.view.locator('[data-testid="schema-index"][data-index="byStatus"]')).toContainText('status');
  await expect(schema.referencesOut).toHaveCount(3);
  const targets = await schema.referencesOut.evaluateAll((items) => items.map((item) => `${item.getAttribute('data-path')} → ${item.getAttribute('data-tree')} (${item.getAttribute('data-on-delete')})`));
  expect(targets).toEqual(['owner → people (restrict)', 'watchers[] → people (restrict)', 'project → projects (restrict)']);
  // comments.task holds tasks, deleted with them.
  await expect(schema.referencesIn).toHaveCount(1);
  await expect(schema.referencesIn.first()).toHaveAttribute('data-tree', 'comments');
  await expect(schema.referencesIn.first()).toHaveAttribute('data-on-delete', 'cascade');
  await saveScreenshot(ui, 'schema-view');

  // A target opens that tree's schema, which lists tasks' references into it.
  await schema.referencesOut.first().getByTestId('schema-tree-link').click();
  await expect(schema.view).toHaveAttribute('data-tree', 'people');
  await expect(schema.referencesIn).toHaveCount(2);
  await expect(schema.view.locator('[data-testid="schema-index"][data-index="byEmail"]')).toContainText('unique');

  // Back twice: tasks' schema, then its table with the row selected before.
  await ui.toolbar.back.click();
  await expect(schema.view).toHaveAttribute('data-tree', 'tasks');
  await ui.toolbar.back.click();
  await expect(schema.view).toHaveCount(0);
  await expect(ui.record.showing('tasks/3')).toBeVisible();
});

test('the diagram draws a box per tree and an arrow per reference, and a click on a box opens that tree', async ({ ui, database }) => {
  const schema = new SchemaPages(ui.page);
  await schema.diagramEntry.click();
  await expect(schema.diagram).toHaveAttribute('data-state', 'ready');

  const trees = Object.keys(database.counts);
  await expect(schema.boxes).toHaveCount(trees.length);
  for (const tree of trees) await expect(schema.box(tree)).toContainText(tree);
  await expect(schema.box('tasks')).toContainText(String(database.counts.tasks));
  await expect(schema.box('projects')).toContainText('composite (team, code)');
  // One arrow per reference in the catalog: tasks.owner, tasks.watchers[] → people, tasks.project → projects, comments.task → tasks.
  await expect(schema.arrows).toHaveCount(4);
  await expect(schema.arrow('comments', 'task')).toHaveAttribute('data-to', 'tasks');
  await expect(schema.arrow('comments', 'task')).toHaveAttribute('data-on-delete', 'cascade');
  await expect(schema.arrow('tasks', 'owner')).toHaveAttribute('data-to', 'people');
  await expect(schema.arrow('tasks', 'watchers[]')).toHaveAttribute('data-to', 'people');
  await expect(schema.arrow('tasks', 'project')).toHaveAttribute('data-to', 'projects');
  await expect(schema.arrow('tasks', 'project')).toContainText('project · restrict');

  // No two boxes overlap on screen.
  const rects = await schema.boxes.evaluateAll((boxes) => boxes.map((box) => box.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
  rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true)));
  await saveScreenshot(ui, 'schema-diagram');

  await schema.box('projects').click();
  await expect(ui.table.rows.first()).toHaveAttribute('data-key', /^projects\//);
  await ui.toolbar.back.click();
  await expect(schema.diagram).toBeVisible();
  await expect(schema.boxes).toHaveCount(trees.length);
});

test('the command palette opens the diagram and the schema of the tree on screen', async ({ ui }) => {
  const schema = new SchemaPages(ui.page);
  await openTree(ui, 'people');
  const run = async (label: string) => {
    await ui.page.keyboard.press('ControlOrMeta+K');
    const palette = ui.page.getByTestId('command-palette');
    await palette.getByRole('combobox').fill(label);
    await palette.getByRole('option', { name: label }).click();
  };
  await run('Show Schema of people');
  await expect(schema.view).toHaveAttribute('data-tree', 'people');
  await run('Show Schema Diagram');
  await expect(schema.diagram).toHaveAttribute('data-state', 'ready');
  await ui.page.reload();
  await expect(schema.diagram).toHaveAttribute('data-state', 'ready');
});
