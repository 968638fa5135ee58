/**
 * The damaged-file trials: a copy of one sound database, damaged once per
 * trial (a random page overwritten, or a burst of random bytes) and mended
 * after it (the overwritten bytes put back: copying a 650 MiB file for every
 * trial cost more than the trial's reads), opened through an
 * isolated host the way File › Open does and paged through tree by tree; a
 * copy that pages through without an error is then checked by the integrity
 * check. The host's process must survive every trial, and every outcome must
 * be a typed answer: an error code other than INTERNAL, or the integrity
 * check's own report (clean, problems, or stopped at the damage).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { MAX_PAGE, type DatabaseInfo } from '../../contract/index.js';
import { seededRandom } from '../../sample/random.js';
import { checkIntegrityAside, type IntegrityFinding } from '../integrity-check.js';
import { createIsolatedHost, type IsolatedHost } from '../isolated-host.js';
import { burstRandomBytes, overwriteRandomPage, undoDamage, type Damage } from './damage-file.js';
import type { HostAnswer } from '../../host/index.js';

export interface TrialOptions {
  /** A sound database to copy (a folder with data.mdb). */
  readonly source: string;
  /** Where the damaged copies go (emptied between trials). */
  readonly workDir: string;
  readonly pageOverwrites: number;
  readonly byteBursts: number;
  readonly seed: number;
  /** Only these trials (numbered from 1), to replay some of a seeded run: the others' damage is still drawn, to keep the sequence, and undone untried. */
  readonly only?: ReadonlySet<number> | undefined;
  /** A call that takes longer is a hang (counted, and the engine is killed to go on). */
  readonly callTimeoutMs: number;
  readonly log?: (line: string) => void;
  /** Called after each trial with the results so far (a long run writes its report as it goes). */
  readonly onTrial?: (report: TrialsReport) => void;
}

/** How a trial ended, from the user's side. */
export type Outcome =
  /** Opening the copy was refused with a typed error (NOT_A_DATABASE, CORRUPT, …). */
  | 'refused-on-open'
  /** It opened, and paging answered a typed error (CORRUPT, …) somewhere. */
  | 'error-while-paging'
  /** Every page came back, and the integrity check found problems (it names them). */
  | 'integrity-problems'
  /** Every page came back, and the integrity check stopped at the damage (reported as such). */
  | 'integrity-check-stopped'
  /** Every page came back and the integrity check is clean: the damage hit bytes nothing reads, or changed a value undetectably (LMDB has no checksums). */
  | 'clean'
  /** An INTERNAL answer or a call that hung: a failure of the suite. */
  | 'untyped';

export interface TrialResult {
  /** Its place in the seeded sequence, from 1. */
  readonly number: number;
  readonly damage: Damage;
  readonly outcome: Outcome;
  readonly codes: readonly string[];
  readonly rowsRead: number;
  /** The records the trees' counts promised (fewer read without an error: a tree silently cut short). */
  readonly rowsCounted: number;
  readonly detail: string;
  readonly millis: number;
}

export interface TrialsReport {
  readonly trials: readonly TrialResult[];
  readonly outcomes: Readonly<Record<Outcome, number>>;
  /** Trials after which another engine process served the host (the last one ended, or was replaced after it read damage). */
  readonly newEngines: number;
  readonly hostAliveAfterEach: boolean;
  readonly millis: number;
}

const OUTCOMES: readonly Outcome[] = ['refused-on-open', 'error-while-paging', 'integrity-problems', 'integrity-check-stopped', 'clean', 'untyped'];

export async function runDamageTrials(options: TrialOptions): Promise<TrialsReport> {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const log = options.log ?? (() => {});
  const copy = join(options.workDir, 'copy');
  // The host starts on the sound database, as a user's session would, and opens each damaged copy in turn.
  // What the host logs (an unexpected failure's stack) goes with an untyped outcome.
  const hostLog: string[] = [];
  const host = await createIsolatedHost({ path: options.source, readOnly: true, log: (message, detail) => hostLog.push(`${message}${detail === undefined ? '' : `: ${String(detail)}`}`) });
  const trials: TrialResult[] = [];
  let hostAliveAfterEach = true;
  let newEngines = 0;
  try {
    // Interleaved, so that a run cut short has tried both kinds alike.
    const plan = interleave(options.pageOverwrites, options.byteBursts);
    const dataFile = join(copy, 'data.mdb');
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(copy, { recursive: true });
    copyFileSync(join(options.source, 'data.mdb'), dataFile);
    for (const [n, kind] of plan.entries()) {
      rmSync(join(copy, 'lock.mdb'), { force: true }); // a killed engine's reader slots go with it
      const damage = kind === 'page' ? overwriteRandomPage(dataFile, random) : burstRandomBytes(dataFile, random);
      if (options.only !== undefined && !options.only.has(n + 1)) {
        undoDamage(dataFile, damage);
        continue;
      }
      const pidBefore = host.enginePid;
      hostLog.length = 0;
      const result = await runTrial(host, copy, n + 1, damage, options);
      undoDamage(dataFile, damage);
      // Back to the sound database: the host must still answer, whatever the trial did to its engine.
      const back = await withTimeout(host.handle('database.open', { path: options.source, readOnly: true }), options.callTimeoutMs);
      // After that call, since an engine that read damage is replaced at the next call.
      if (host.enginePid !== pidBefore) newEngines++;
      trials.push(result);
      options.onTrial?.(summarize(trials, newEngines, hostAliveAfterEach, started));
      log(`trial ${n + 1}/${plan.length} ${damage.kind} at ${damage.offset} (${damage.bytes} B): ${result.outcome}${result.codes.length ? ` [${result.codes.join(', ')}]` : ''} after ${result.rowsRead} rows, ${result.millis} ms${result.detail ? ` — ${result.detail}` : ''}${result.outcome === 'untyped' ? `\n${hostLog.join('\n')}` : ''}`);
      if (back === 'timeout' || !back.ok) {
        hostAliveAfterEach = false;
        log(`the host did not reopen the sound database after trial ${n + 1}: ${back === 'timeout' ? 'timeout' : back.error.message}`);
      }
    }
    // Nothing but the damage touched the copy: mended, it is the source again, byte for byte.
    if (plan.length > 0 && digest(dataFile) !== digest(join(options.source, 'data.mdb'))) throw new Error('the damaged copy differs from its source after every damage was undone');
  } finally {
    await host.close();
    rmSync(copy, { recursive: true, force: true });
  }
  return summarize(trials, newEngines, hostAliveAfterEach, started);
}

function summarize(trials: readonly TrialResult[], newEngines: number, hostAliveAfterEach: boolean, started: number): TrialsReport {
  const outcomes = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, trials.filter((t) => t.outcome === outcome).length])) as Record<Outcome, number>;
  return { trials: [...trials], outcomes, newEngines, hostAliveAfterEach, millis: Math.round(performance.now() - started) };
}

function interleave(pages: number, bursts: number): ('page' | 'burst')[] {
  const plan: ('page' | 'burst')[] = [];
  for (let n = 0; n < Math.max(pages, bursts); n++) {
    if (n < pages) plan.push('page');
    if (n < bursts) plan.push('burst');
  }
  return plan;
}

async function runTrial(host: IsolatedHost, path: string, number: number, damage: Damage, options: TrialOptions): Promise<TrialResult> {
  const started = performance.now();
  const codes: string[] = [];
  let rowsRead = 0;
  let rowsCounted = 0;
  const finish = (outcome: Outcome, detail = ''): TrialResult => ({ number, damage, outcome, codes, rowsRead, rowsCounted, detail, millis: Math.round(performance.now() - started) });
  const call = async (method: string, args: unknown): Promise<HostAnswer | 'timeout'> => {
    const answer = await withTimeout(host.handle(method, args), options.callTimeoutMs);
    if (answer === 'timeout') {
      const pid = host.enginePid;
      if (pid !== undefined) process.kill(pid, 'SIGKILL'); // unstick the host for the next trial
    } else if (!answer.ok) {
      codes.push(answer.error.code);
    }
    return answer;
  };

  const opened = await call('database.open', { path, readOnly: true });
  if (opened === 'timeout') return finish('untyped', 'database.open hung');
  if (!opened.ok) return opened.error.code === 'INTERNAL' ? finish('untyped', opened.error.message) : finish('refused-on-open');
  const info = opened.result as DatabaseInfo;
  rowsCounted = info.trees.reduce((sum, tree) => sum + tree.count, 0);
  let pagingError = false;
  for (const tree of info.trees) {
    let after: unknown;
    for (let guard = 0; guard <= tree.count / MAX_PAGE + 2; guard++) {
      const answer = await call('records.page', { tree: tree.name, limit: MAX_PAGE, ...(after === undefined ? {} : { after }) });
      if (answer === 'timeout') return finish('untyped', `records.page on ${tree.name} hung`);
      if (!answer.ok) {
        if (answer.error.code === 'INTERNAL') return finish('untyped', `records.page on ${tree.name}: ${answer.error.message}`);
        pagingError = true;
        break;
      }
      const page = answer.result as { entries: { key: unknown }[]; hasMore: boolean };
      rowsRead += page.entries.length;
      if (!page.hasMore || page.entries.length === 0) break;
      after = page.entries.at(-1)!.key;
    }
  }
  if (pagingError) return finish('error-while-paging');
  const shortfall = rowsRead === rowsCounted ? '' : ` Paging read ${rowsRead} of the ${rowsCounted} rows the trees count, without an error.`;
  const finding = await checkIntegrityAside(path, undefined, options.callTimeoutMs * 4);
  const outcome: Record<IntegrityFinding['state'], Outcome> = {
    clean: 'clean',
    problems: 'integrity-problems',
    damaged: 'integrity-check-stopped',
    stopped: 'integrity-check-stopped',
    // The check's own typed refusal (e.g. NOT_A_DATABASE) is a typed answer too; a raw error is not.
    failed: finding.code === undefined ? 'untyped' : 'integrity-check-stopped',
    'timed-out': 'untyped',
  };
  return finish(outcome[finding.state], finding.sentence + shortfall);
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
