/**
 * What the browser benchmark does in the page and around it: the writer
 * process it signals, the in-page probes that time "painted", and each
 * measured interaction. browser-bench.ts runs them and reports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { REPO_ROOT } from '../fixtures/paths.js';
import { stopProcess, tail } from '../fixtures/processes.js';

/** renderer/src/grid/RecordsTable.tsx */
const ROW_HEIGHT = 28;
/** The table's sticky header (renderer/src/grid/RecordsTable.tsx). */
const HEADER_HEIGHT = 30;
/**
 * Interactions start once a fresh page has settled: the renderer fetches Monaco's chunk
 * (~3.4 MB) a second after start-up and parsing it holds the main thread for ~0.7 s here;
 * a user's first click rarely comes sooner. First rows are measured without waiting.
 */
export const SETTLE_MS = 2_500;

export interface Writer {
  send(command: object): Promise<Record<string, number | string | boolean>>;
  stop(): Promise<void>;
}

const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
const WRITER = fileURLToPath(new URL('./bench-writer.ts', import.meta.url));

export async function startWriter(dbPath: string): Promise<Writer> {
  const child: ChildProcess = spawn(process.execPath, [TSX_CLI, '--conditions=source', WRITER, dbPath], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr = tail(child.stderr);
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () =>
    new Promise<Record<string, number | string | boolean>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer did not answer\n${stderr()}`)), 30_000);
      waiting.push((line) => {
        clearTimeout(timer);
        const answer = JSON.parse(line) as Record<string, number | string | boolean>;
        if (answer.error) reject(new Error(String(answer.error)));
        else resolve(answer);
      });
    });
  await next(); // {"ready":true}
  return {
    send: (command) => {
      const answer = next();
      child.stdin!.write(`${JSON.stringify(command)}\n`);
      return answer;
    },
    stop: async () => {
      child.stdin!.end();
      await stopProcess(child);
    },
  };
}

// ---------------------------------------------------------------- in-page probes

/**
 * Installed before the page's own scripts. `waitFor(check)` resolves with the
 * time (performance.now()) of the first animation frame after a DOM mutation
 * (or the call itself) found `check()` true.
 */
function installProbes(): void {
  type Check = () => boolean;
  const pending: { check: Check; resolve: (t: number) => void }[] = [];
  const test = () => {
    for (let i = pending.length - 1; i >= 0; i--) {
      const entry = pending[i]!;
      if (!entry.check()) continue;
      pending.splice(i, 1);
      requestAnimationFrame(() => entry.resolve(performance.now()));
    }
  };
  const rowsLoaded = (scope: ParentNode = document): boolean => {
    const rows = [...scope.querySelectorAll<HTMLElement>('[data-testid="records-table"] [data-testid="row"]')];
    return rows.length > 0 && rows.every((row) => row.dataset.key !== undefined && !row.hasAttribute('aria-busy'));
  };
  const hasRow = (index: number) => document.querySelector(`[data-testid="row"][aria-rowindex="${index}"]`) !== null;
  const observer = new MutationObserver(test);
  const start = () => observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  start();
  const bench = {
    waitFor(check: Check, timeoutMs = 20_000): Promise<number> {
      return new Promise((resolve, reject) => {
        const entry = { check, resolve: (t: number) => (clearTimeout(timer), resolve(t)) };
        const timer = setTimeout(() => {
          pending.splice(pending.indexOf(entry), 1);
          reject(new Error(`not seen within ${timeoutMs} ms: ${check.toString()}`));
        }, timeoutMs);
        pending.push(entry);
        test();
      });
    },
    rowsLoaded,
    hasRow,
    /** Rows painted after the first load: recorded from navigation start. */
    firstRows: undefined as Promise<number> | undefined,
  };
  bench.firstRows = bench.waitFor(() => rowsLoaded());
  (window as unknown as { __bench: typeof bench }).__bench = bench;
}

interface BenchGlobal {
  __bench: {
    waitFor(check: () => boolean): Promise<number>;
    rowsLoaded(): boolean;
    hasRow(index: number): boolean;
    firstRows: Promise<number>;
  };
  __pending?: Promise<number>;
}

export async function openPage(browser: Browser, url: string): Promise<{ page: Page; firstRowsMs: number; scriptMs: number; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // tsx (esbuild, keepNames) wraps named functions in `__name(...)`, here and in page.evaluate bodies: give the page one.
  await context.addInitScript({ content: `globalThis.__name = (target) => target;\n(${installProbes.toString()})();` });
  const page = await context.newPage();
  page.on('crash', () => console.error('the page crashed'));
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${url}#/items`);
  const firstRowsMs = await page.evaluate(() => (window as unknown as BenchGlobal).__bench.firstRows);
  // The entry module (renderer/src/main.tsx: connect, first requests) has run by DOMContentLoaded's end; the app chunk after it.
  const scriptMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  return { page, firstRowsMs, scriptMs, close: () => context.close() };
}

/** Sets table-scroll's scrollTop so `row` (1-based) is the first row under the header; ms to its rows painted. */
export async function scrollToRow(page: Page, row: number): Promise<number> {
  return page.evaluate(
    async ({ row, rowHeight, HEADER_HEIGHT }) => {
      const bench = (window as unknown as BenchGlobal).__bench;
      const scroller = document.querySelector<HTMLElement>('[data-testid="table-scroll"]')!;
      const started = performance.now();
      // Past ~285k rows the table squeezes its height into a capped scroll area
      // (renderer/src/grid/core/row-window.ts): a scrollbar drag lands proportionally.
      const count = Number(document.querySelector('[data-testid="records-table"]')!.getAttribute('aria-rowcount'));
      const top = (row - 1) * rowHeight;
      const max = scroller.scrollHeight - scroller.clientHeight;
      const full = HEADER_HEIGHT + count * rowHeight - scroller.clientHeight;
      scroller.scrollTop = full > max + 1 ? (top * max) / full : top;
      const painted = await bench.waitFor(() => bench.hasRow(row) && bench.rowsLoaded());
      return painted - started;
    },
    { row, rowHeight: ROW_HEIGHT, HEADER_HEIGHT },
  );
}

/** A write to `items/key` by the other process, to its new label painted in the row; ms from the commit. */
export async function writeToPaint(page: Page, writer: Writer, key: number, label: string): Promise<number> {
  await page.evaluate(
    ({ key, label }) => {
      const global = window as unknown as BenchGlobal;
      const row = () => document.querySelector(`[data-testid="row"][data-key="items/${key}"]`);
      global.__pending = global.__bench
        .waitFor(() => row()?.textContent?.includes(label) === true)
        .then((painted) => performance.timeOrigin + painted);
    },
    { key, label },
  );
  const { committedAt } = await writer.send({ op: 'update', key, label });
  const paintedAt = await page.evaluate(() => (window as unknown as BenchGlobal).__pending!);
  return paintedAt - Number(committedAt);
}

/** Clicks the reference link in row `row`; ms to the target's row painted and its record panel open, and to its text in the editor. */
export async function followReference(page: Page, row: number, target: string, targetName: string): Promise<{ shown: number; editor: number }> {
  return page.evaluate(
    async ({ row, target, targetName }) => {
      const bench = (window as unknown as BenchGlobal).__bench;
      const link = document.querySelector<HTMLElement>(`[data-testid="row"][aria-rowindex="${row}"] [data-testid="ref-link"][data-target="${target}"]`);
      if (!link) throw new Error(`no ref-link to ${target} in row ${row}`);
      const started = performance.now();
      link.click();
      const shown = await bench.waitFor(() => {
        const targetRow = document.querySelector(`[data-testid="row"][data-key="${target}"]`);
        return targetRow !== null && bench.rowsLoaded() && document.querySelector(`[data-testid="record-panel"][data-key="${target}"]`) !== null;
      });
      const editor = await bench.waitFor(() => document.querySelector('[data-testid="record-editor"] .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes(targetName) === true);
      return { shown: shown - started, editor: editor - started };
    },
    { row, target, targetName },
  );
}

/**
 * Filters by an indexed field through the filter bar: ms from Apply to the first matching rows
 * painted (every row shown is a match: its key is `bucket` modulo `buckets`).
 */
export async function filterFirstMatches(page: Page, field: string, bucket: number, buckets: number): Promise<number> {
  await page.getByTestId('filter-toggle').click();
  const row = page.getByTestId('filter-row').first();
  await row.getByTestId('filter-field').selectOption(field);
  await row.getByTestId('filter-op').selectOption('eq');
  await row.getByTestId('filter-value').fill(String(bucket));
  return page.evaluate(
    async ({ bucket, buckets }) => {
      const bench = (window as unknown as BenchGlobal).__bench;
      const started = performance.now();
      document.querySelector<HTMLElement>('[data-testid="filter-apply"]')!.click();
      const painted = await bench.waitFor(() => {
        const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="records-table"] [data-testid="row"]')];
        return bench.rowsLoaded() && rows.every((row) => Number(row.dataset.key?.slice('items/'.length)) % buckets === bucket);
      });
      return painted - started;
    },
    { bucket, buckets },
  );
}

// ---------------------------------------------------------------- memory

export interface MemorySample {
  readonly heapMB: number;
  readonly nodes: number;
}

export async function heapAfterGc(page: Page): Promise<MemorySample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { heapMB: metric('JSHeapUsedSize') / 2 ** 20, nodes: metric('Nodes') };
}

/** Scrolls the whole tree top to bottom in `steps` steps (each to its rows painted), `passes` times. */
export async function memoryAfterScrolling(browser: Browser, url: string, count: number, steps: number, passes: number): Promise<{ before: MemorySample; after: MemorySample[] }> {
  const { page, close } = await openPage(browser, url);
  try {
    const before = await heapAfterGc(page);
    const after: MemorySample[] = [];
    for (let pass = 0; pass < passes; pass++) {
      for (let step = 0; step <= steps; step++) {
        const row = Math.max(1, Math.min(count - 20, Math.round((count * step) / steps)));
        await scrollToRow(page, row);
      }
      await scrollToRow(page, 1);
      after.push(await heapAfterGc(page));
    }
    return { before, after };
  } finally {
    await close();
  }
}
