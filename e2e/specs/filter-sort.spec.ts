/**
 * Filter by any field and sort: an unindexed filter over 100,000 records runs
 * on the host with progress, leaves the table scrolling and can be cancelled;
 * an indexed one says so, totals exactly, reaches its end, and comes back with
 * Back; column headers sort through an index or in memory.
 */
import { expect, test } from '../fixtures/test.js';
import { READINGS_COUNT, TASK_COUNT, keyText, taskSeed } from '../fixtures/seed-data.js';
import { openTree, selectRecord } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import type { TrellisApp } from '../pages/trellis-app.js';

async function filterBy(ui: TrellisApp, field: string, op: string, value: string): Promise<void> {
  if (!(await ui.filter.bar.isVisible())) await ui.filter.toggle.click();
  const row = ui.filter.row(0);
  await row.field.selectOption(field);
  await row.op.selectOption(op);
  if (await row.value.evaluate((element) => element.tagName === 'SELECT')) await row.value.selectOption(value);
  else await row.value.fill(value);
  await ui.filter.apply.click();
}

test.describe('an unindexed filter over 100,000 records', () => {
  // Each slice of the scan reads 1,000 records, then the host waits 150 ms: the run takes ~15 s, long enough to watch and cancel.
  test.use({ withReadings: true, hostEnv: { TRELLIS_QUERY_PACE_MS: '150' } });

  test('shows its progress, keeps the table scrolling, and stops on Cancel keeping what it found', async ({ ui }) => {
    await openTree(ui, 'readings');
    await filterBy(ui, 'label', 'contains', '7');
    await expect(ui.filter.status).toHaveAttribute('data-plan', 'scan');
    await expect(ui.filter.plan).toHaveText('Every record read and tested where label contains "7", in key order.');
    await expect(ui.filter.progress).toContainText(/Reading: [\d,]+ of 100,000 · [\d,]+ matches so far/);
    await expect(ui.table.count).toContainText('matching so far');
    await saveScreenshot(ui, 'filter-progress');

    // The table scrolls while the host reads: rows far below the first screen are there, with their records.
    await ui.table.scroll.evaluate((element) => {
      element.scrollTop = 200 * 28;
    });
    await expect(ui.table.rows.filter({ hasText: 'reading' }).first()).toBeVisible();
    await expect(ui.filter.progress).toBeVisible(); // still reading

    await ui.filter.cancel.click();
    await expect(ui.filter.cancelled).toContainText(/Stopped after [\d,]+ of 100,000 records/);
    await expect(ui.filter.status).toHaveAttribute('data-done', 'true');
    await expect(ui.table.count).not.toContainText('so far');
    const count = await ui.table.count.getAttribute('data-count');
    expect(Number(count)).toBeGreaterThan(0);
    expect(Number(count)).toBeLessThan(READINGS_COUNT);
    // Every row shown matches.
    for (const text of await ui.table.rows.allTextContents()) expect(text).toMatch(/reading \d*7/);
  });
});

test.describe('an indexed filter and sorting', () => {
  const done = Array.from({ length: TASK_COUNT }, (_, i) => taskSeed(i + 1)).filter((task) => task.status === 'done');

  test('an index serves it, the total is exact, End reaches the last match, Back returns to the row', async ({ ui }) => {
    await openTree(ui, 'tasks');
    await filterBy(ui, 'status', 'eq', 'done');
    await expect(ui.filter.status).toHaveAttribute('data-plan', 'index');
    await expect(ui.filter.plan).toHaveText('Through index byStatus where status = "done", in byStatus order.');
    await expect(ui.table.count).toHaveAttribute('data-count', String(done.length));
    await expect(ui.table.count).toHaveText(`${done.length} matching`);

    await ui.table.rows.first().click();
    await ui.page.keyboard.press('End');
    const last = keyText('tasks', done.at(-1)!.key);
    await expect(ui.table.row(last)).toBeInViewport();
    await selectRecord(ui, last);
    await saveScreenshot(ui, 'filter-indexed');
    const scrolled = await ui.table.scroll.evaluate((element) => element.scrollTop);
    expect(scrolled).toBeGreaterThan(0);

    await openTree(ui, 'people');
    await ui.toolbar.back.click();
    await expect(ui.record.showing(last)).toBeVisible();
    await expect(ui.table.row(last)).toHaveAttribute('aria-selected', 'true');
    await expect(ui.table.row(last)).toBeInViewport();
    await expect.poll(() => ui.table.scroll.evaluate((element) => element.scrollTop)).toBe(scrolled);
    await expect(ui.filter.row(0).value).toHaveValue('done');
  });

  test('headers sort through an index, or in memory, both ways, and say how', async ({ ui }) => {
    await openTree(ui, 'tasks');
    const status = ui.filter.sortHeader('value:status');
    await expect(status).toHaveAttribute('title', 'Sort through index byStatus');
    await status.click();
    await expect(ui.filter.plan).toHaveText('Through index byStatus, in status order.');
    await expect(status).toHaveAttribute('data-sorted', 'ascending');
    const statuses = async () => (await ui.table.rows.allTextContents()).map((text) => /todo|doing|done/.exec(text)?.[0]);
    await expect.poll(async () => (await statuses())[0]).toBe('doing');
    await status.click();
    await expect(status).toHaveAttribute('data-sorted', 'descending');
    await expect.poll(async () => (await statuses())[0]).toBe('todo');

    const title = ui.filter.sortHeader('value:title');
    await expect(title).toHaveAttribute('title', /in memory/);
    await title.click();
    await expect(ui.filter.plan).toContainText('then sorted by title');
    // By text: "Task 1", "Task 10", "Task 100", "Task 101"…
    await expect(ui.table.rows.nth(1)).toHaveAttribute('data-key', keyText('tasks', 10));
    await saveScreenshot(ui, 'sort-header');
  });

  test('an operand of the wrong sort is refused in the bar, and nothing runs', async ({ ui }) => {
    await openTree(ui, 'tasks');
    await ui.filter.toggle.click();
    const row = ui.filter.row(0);
    await row.field.selectOption('owner');
    await row.op.selectOption('eq');
    await row.value.fill('[1,');
    await ui.filter.apply.click();
    await expect(ui.filter.problem).toContainText('owner:');
    await expect(ui.filter.status).toHaveCount(0);
    await expect(ui.table.count).toHaveText(`${TASK_COUNT} records`);
  });
});
