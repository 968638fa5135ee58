/**
 * Paths across records in the browser (issue 13), on tasks → projects → users
 * (fixtures/seed-paths.ts): the record panel's path bar completes a path step
 * by step from the catalog, resolves it two records deep with the records it
 * went through as labelled links (one opens its record), names the step of a
 * path the schema refuses at once and the step and record where data does not
 * lead on; a path column shows, for the rows on screen, what its path reaches
 * (asked for in one call per block), an em dash where it stops, and stays with
 * the column layout until removed.
 */
import { join } from 'node:path';
import { PATH_PROJECTS, PATH_USERS, pathTask, seedPathsDatabase } from '../fixtures/seed-paths.js';
import { expect, test as base } from '../fixtures/test.js';
import { openColumnMenu } from '../flows/columns.js';
import { openRecord, openTree } from '../flows/navigation.js';
import { addPathColumn, closeColumnMenu, optionLabels, setPath, typePath } from '../flows/paths.js';
import { saveScreenshot } from '../flows/screenshots.js';

const test = base.extend<{ pathsDb: { path: string } }>({
  pathsDb: async ({ workDir }, use) => {
    const path = join(workDir, 'paths');
    await seedPathsDatabase(path);
    await use({ path });
  },
  // Not the seeded trees, so not the seeded counts' type; nothing here reads them.
  database: async ({ pathsDb }, use) => use({ path: pathsDb.path, counts: { users: 4, projects: 3, tasks: 12 } as never }),
});

const userName = (n: number) => PATH_USERS[n - 1]!.name;
/** Task 1's project is Apollo guidance, led by Margaret Hamilton (users/4). */
const APOLLO = PATH_PROJECTS[0]!;

test('the path bar completes a path step by step, resolves it two records deep with labelled hops, and a hop opens its record', async ({ ui }) => {
  await openRecord(ui, 'tasks/1');
  await typePath(ui, 'pro');
  await expect(ui.paths.option('project')).toContainText('reference to projects');
  await saveScreenshot(ui, 'path-bar-completion');
  await ui.paths.input.press('Enter');
  await expect(ui.paths.input).toHaveValue('project');

  // After '->' the list is the target's fields, then the reverse steps that lead to it.
  await typePath(ui, '->');
  await expect.poll(() => optionLabels(ui)).toEqual(['title', 'lead', 'members', '<-tasks.project']);
  await typePath(ui, 'le');
  await ui.paths.input.press('Tab');
  await expect(ui.paths.input).toHaveValue('project->lead');
  await typePath(ui, '->email');

  await expect(ui.paths.matches).toHaveCount(1);
  await expect(ui.paths.values).toHaveText(PATH_USERS[APOLLO.lead - 1]!.email);
  const match = ui.paths.matches.first();
  await expect(ui.paths.hop(match, 'projects/1')).toHaveAttribute('data-label', APOLLO.title);
  const lead = ui.paths.hop(match, `users/${APOLLO.lead}`);
  await expect(lead).toHaveAttribute('data-label', userName(APOLLO.lead));
  await ui.paths.input.press('Escape');
  await saveScreenshot(ui, 'path-results');

  // A hop opens its record, as any link does; Back returns to the task and its path.
  await lead.click();
  await expect(ui.record.showing(`users/${APOLLO.lead}`)).toBeVisible();
  await ui.toolbar.back.click();
  await expect(ui.record.showing('tasks/1')).toBeVisible();
  await expect(ui.paths.input).toHaveValue('project->lead->email');
  await expect(ui.paths.values).toHaveText(PATH_USERS[APOLLO.lead - 1]!.email);
});

test('a fan-out lists its results; a step the schema refuses is named at once; a path that stops names the step and the record', async ({ ui }) => {
  await openRecord(ui, 'users/1');
  // Ada is a member of Apollo guidance and the Analytical engine: a reverse step over a list of references.
  await setPath(ui, '<-projects.members->title');
  await expect(ui.paths.values).toHaveText([PATH_PROJECTS[0]!.title, PATH_PROJECTS[1]!.title]);
  await expect(ui.paths.hop(ui.paths.matches.nth(1), 'projects/2')).toHaveAttribute('data-label', PATH_PROJECTS[1]!.title);
  await expect(ui.paths.more).toHaveCount(0);

  // Checked here against the schema before the host is asked: the step, and the fields there are.
  await setPath(ui, '<-projects.members->titel');
  await expect(ui.paths.problem).toHaveAttribute('data-kind', 'invalid');
  await expect(ui.paths.problem).toHaveAttribute('data-step', '2');
  await expect(ui.paths.problem).toContainText("projects has no field 'titel'");
  await expect(ui.paths.results).toHaveCount(0);

  // Task 1 has no reviewer: the host says the path stops at step 2, on tasks/1.
  await openRecord(ui, 'tasks/1');
  await setPath(ui, 'reviewer->name');
  await expect(ui.paths.problem).toHaveAttribute('data-kind', 'bad');
  await expect(ui.paths.problem).toHaveAttribute('data-step', '2');
  await expect(ui.paths.problem).toContainText("'reviewer' is absent");
  await expect(ui.paths.problem.getByTestId('ref-link')).toHaveAttribute('data-target', 'tasks/1');
  // Task 2's reviewer is there.
  await openRecord(ui, 'tasks/2');
  await expect(ui.paths.input).toHaveValue('reviewer->name');
  await expect(ui.paths.values).toHaveText(userName(pathTask(2).reviewer!));
});

test('a path column shows what its path reaches for the rows on screen, an em dash where it stops, and stays until removed', async ({ ui }) => {
  await openTree(ui, 'tasks');
  // Typed with completion in the column menu.
  await openColumnMenu(ui);
  await ui.paths.addColumn.click();
  await ui.paths.columnInput.pressSequentially('project->lead->n');
  await expect(ui.paths.option('name')).toBeVisible();
  await ui.paths.columnInput.press('Enter');
  await expect(ui.paths.columnInput).toHaveValue('project->lead->name');
  await ui.paths.columnAdd.click();
  await expect(ui.columns.header('path:project->lead->name')).toBeVisible();
  await addPathColumn(ui, 'reviewer->name');
  await addPathColumn(ui, 'project->members[*]->name');
  // A path the schema refuses is not added: the menu names the step.
  await ui.paths.addColumn.click();
  await ui.paths.columnInput.fill('project->owner');
  await ui.paths.columnAdd.click();
  await expect(ui.paths.columnProblem).toContainText("Step 2 (owner): projects has no field 'owner'");
  await closeColumnMenu(ui);

  const row = (n: number) => ui.table.row(`tasks/${n}`);
  for (const n of [1, 2, 3]) {
    const { project, reviewer } = pathTask(n);
    await expect(ui.paths.cell(row(n), 'project->lead->name')).toHaveText(userName(PATH_PROJECTS[project - 1]!.lead));
    await expect(ui.paths.cell(row(n), 'project->members[*]->name').getByTestId('path-count')).toHaveText(String(PATH_PROJECTS[project - 1]!.members.length));
    if (reviewer !== undefined) await expect(ui.paths.cell(row(n), 'reviewer->name')).toHaveText(userName(reviewer));
  }
  const stopped = ui.paths.cell(row(1), 'reviewer->name');
  await expect(stopped).toHaveAttribute('data-state', 'stopped');
  await expect(stopped).toHaveText('—');
  await expect(stopped).toHaveAttribute('title', "Step 2 (name) stops at tasks/1: 'reviewer' is absent: it names no record of users");
  await saveScreenshot(ui, 'path-columns');

  // The columns are part of the tree's layout: after a reload they are there, each asked for once for the block on screen.
  const asked: string[] = [];
  ui.page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => typeof payload === 'string' && payload.includes('"records.resolvePaths"') && asked.push(payload)));
  await ui.page.reload();
  await expect(ui.paths.cell(row(2), 'reviewer->name')).toHaveText(userName(pathTask(2).reviewer!));
  await expect(ui.paths.cell(row(12), 'project->lead->name')).toHaveText(userName(PATH_PROJECTS[2]!.lead));
  await expect.poll(() => asked.length).toBe(3);
  expect(asked.map((payload) => (JSON.parse(payload) as { args: { keys: unknown[] } }).args.keys.length)).toEqual([12, 12, 12]);

  // Removed from the column menu, and gone after a reload too.
  await openColumnMenu(ui);
  await ui.paths.removeColumn('reviewer->name').click();
  await expect(ui.columns.header('path:reviewer->name')).toHaveCount(0);
  await closeColumnMenu(ui);
  await ui.page.reload();
  await expect(ui.columns.header('path:project->lead->name')).toBeVisible();
  await expect(ui.columns.header('path:reviewer->name')).toHaveCount(0);
});
