/**
 * Import: NDJSON records (./transfer-format.ts) into an open database, in two
 * passes over the source.
 *
 * 1. Check (./import-check.ts): every line, nothing written. Any problem (a
 *    line that is not JSON, an unknown tree, an invalid key or value, a
 *    duplicate, a reference nothing provides, a header whose trees differ from
 *    the database's, a cut-off file) ends the import here, with every problem
 *    found (up to `maxProblems`), and the database untouched.
 * 2. Write, in batches of `batchSize` records, one transaction each, every
 *    record through the ordinary write path (indexes, references, unique
 *    indexes, revisions, change events). A reference to a record of a later
 *    batch is admitted because the check found that record in the file.
 *
 * So an import is all-or-nothing against bad input, and per batch against
 * what only writing can find (a unique index clash, another writer deleting a
 * target meanwhile, a full disk): the batches before the failing one stay.
 * One transaction for the whole file would hold LMDB's single write lock (every
 * other writer, in every process, waits) and the whole file's dirty pages for
 * as long as the import runs; batches keep both bounded. A re-run is safe: a
 * record with a key is put at that key (the same value again), and counters
 * only move up. Records without a key (auto-increment, uuid) are inserted, so
 * a re-run inserts them again: give keys (an export always does).
 */
import { isTrellisError, MissingReferenceError, ValidationError } from '../errors.js';
import type { Engine } from '../core/engine.js';
import type { WriteContext } from '../core/write-context.js';
import type { KeyValue } from '../schema/key-brand.js';
import { ImportChecker, portableRelease, recordId, type CheckedRecord, type ImportProblem } from './import-check.js';
import { restoreRelease } from '../core/release.js';
import type { PortableRelease } from './transfer-format.js';
import { linesOf } from './transfer-format.js';
import { writeInBatches } from '../core/batches.js';

/** Read twice (check, then write): a function that answers the input from its start each time it is called. */
export type ImportSource = () => AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

export interface ImportOptions {
  /** Records per write transaction (default 1,000). */
  readonly batchSize?: number | undefined;
  /** Check only: the report of the first pass; nothing is written. */
  readonly checkOnly?: boolean | undefined;
  /** Problems listed before the check stops listing (default 100). */
  readonly maxProblems?: number | undefined;
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
  /**
   * After each committed batch: the records it wrote, each with the value it
   * replaced (undefined if new), in text form. What an undo needs; asking for
   * it costs one read per record, and nothing is kept past the call.
   */
  readonly onBatch?: ((written: readonly ImportedRecord[]) => void) | undefined;
  /** Stops between batches (the promise then rejects with the signal's reason; committed batches stay). */
  readonly signal?: AbortSignal | undefined;
}

export interface ImportProgress {
  readonly phase: 'checking' | 'writing';
  /** Lines read (checking) or records written (writing). */
  readonly done: number;
  /** Records in the file; known once the check is over. */
  readonly total: number | undefined;
}

export interface ImportedRecord {
  readonly tree: string;
  readonly key: KeyValue;
  readonly previous: unknown;
}

export type ImportResult =
  | { readonly ok: true; readonly records: number; readonly batches: number }
  | {
      readonly ok: false;
      /** 'checking': nothing was written. 'writing': `records` were, in the batches before the failing one. */
      readonly stage: 'checking' | 'writing';
      readonly problems: readonly ImportProblem[];
      readonly records: number;
    };

const DEFAULT_BATCH = 1000;
const DEFAULT_MAX_PROBLEMS = 100;

export async function importRecords(engine: Engine, source: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
  engine.assertOpen();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH));
  const checker = new ImportChecker(engine, Math.max(1, options.maxProblems ?? DEFAULT_MAX_PROBLEMS));
  let lines = 0;
  for await (const line of linesOf(source())) {
    checker.line(line);
    if (++lines % batchSize === 0) await pause(options, { phase: 'checking', done: lines, total: undefined });
    if (checker.full) break;
  }
  if (!checker.full) checker.finish();
  if (checker.problems.length > 0) return { ok: false, stage: 'checking', problems: checker.problems, records: 0 };
  if (options.checkOnly) return { ok: true, records: 0, batches: 0 };
  return writeRecords(engine, source, checker, batchSize, options);
}

async function writeRecords(engine: Engine, source: ImportSource, checked: ImportChecker, batchSize: number, options: ImportOptions): Promise<ImportResult> {
  const total = checked.records;
  const inFile = (tree: string, key: KeyValue) => checked.keys.has(recordId(tree, key));
  let written = 0;
  let batches = 0;
  /** The line being written: when a batch fails, the line of the record that failed (batches run in order). */
  let at = 0;
  try {
    await writeInBatches(
      engine,
      readRecords(engine, source),
      (context, { line, record }) => {
        at = line;
        context.awaitedTargets = inFile;
        return writeOne(engine, context, record, options.onBatch !== undefined);
      },
      (done) => {
        written += done.length;
        batches++;
        options.onBatch?.(done);
        options.onProgress?.({ phase: 'writing', done: written, total });
      },
      { batchSize, signal: options.signal },
    );
    // The counters the source had (past records it deleted): after the data, in a transaction of their own.
    if (Object.keys(checked.header?.counters ?? {}).length > 0) await engine.transaction((context) => raiseCounters(engine, context, checked));
  } catch (error) {
    if (error instanceof ChangedSinceCheck) return { ok: false, stage: 'writing', problems: [{ line: error.line, path: '', message: error.message }], records: written };
    if (!isTrellisError(error)) throw error;
    return { ok: false, stage: 'writing', problems: [{ line: at, path: problemPath(error), message: error.message }], records: written };
  }
  return { ok: true, records: written, batches };
}

/** The file answered something else the second time: it changed between the passes. */
class ChangedSinceCheck extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The second pass: the records of the source with their line numbers (the check vouched for every line; the write path checks each value again). */
async function* readRecords(engine: Engine, source: ImportSource): AsyncGenerator<{ line: number; record: CheckedRecord }> {
  const reader = new LineReader(engine);
  let line = 0;
  for await (const text of linesOf(source())) {
    line++;
    const record = reader.line(text);
    if (typeof record === 'string') throw new ChangedSinceCheck(line, record);
    if (record) yield { line, record };
  }
}

/** A record to import given as data: what a line of the file holds. */
export interface ImportRecord {
  readonly tree: string;
  readonly key?: unknown;
  readonly value: unknown;
  readonly release?: PortableRelease;
}

/**
 * Checks records given as data, as the first pass checks lines (`line` is the
 * index + 1). A tool that checks a file in parts (the browser, page by page)
 * gets a reference nothing in these records provides with its `target`, and
 * settles it against the rest of its file itself.
 */
export function checkImportRecords(engine: Engine, records: readonly unknown[], maxProblems = DEFAULT_MAX_PROBLEMS): ImportProblem[] {
  engine.assertOpen();
  const checker = new ImportChecker(engine, maxProblems);
  records.forEach((record, i) => checker.record(i + 1, record));
  checker.finish();
  return checker.problems;
}

/**
 * Writes records given as data in one transaction (one batch of an import
 * made in parts), each through the write path; answers what each replaced.
 * `awaited`: targets that a later batch will write, which references may name.
 */
export async function writeImportRecords(engine: Engine, records: readonly ImportRecord[], awaited?: (tree: string, key: KeyValue) => boolean): Promise<ImportedRecord[]> {
  engine.assertOpen();
  return engine.transaction((context) => {
    context.awaitedTargets = awaited;
    return records.map(({ tree, key, value, release }) => {
      const model = engine.model(tree);
      return writeOne(engine, context, { model, key: key === undefined ? undefined : model.key.check(key), value, release }, true);
    });
  });
}

/** The second pass's reading of a line: its record, nothing (blank, header, trailer), or why it no longer reads. */
class LineReader {
  constructor(private readonly engine: Engine) {}

  line(text: string): CheckedRecord | undefined | string {
    if (text.trim() === '') return undefined;
    let parsed: { tree?: unknown; key?: unknown; value?: unknown; trellis?: unknown; release?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      return 'the file changed after it was checked: this line is no longer JSON';
    }
    if (typeof parsed !== 'object' || parsed === null || parsed.trellis !== undefined) return undefined;
    const model = typeof parsed.tree === 'string' ? this.engine.models.get(parsed.tree) : undefined;
    if (!model) return 'the file changed after it was checked: this line names no tree of the database';
    const release = parsed.release === undefined ? undefined : portableRelease(parsed.release);
    if (typeof release === 'string') return `the file changed after it was checked: its release state: ${release}`;
    try {
      // Without a key the write path makes it (an insert), as the check assumed.
      return { model, key: parsed.key === undefined ? undefined : model.key.check(parsed.key), value: parsed.value, release };
    } catch (error) {
      return `the file changed after it was checked: ${(error as Error).message}`;
    }
  }
}

function writeOne(engine: Engine, context: WriteContext, record: CheckedRecord, withPrevious: boolean): ImportedRecord {
  const { model, key, value } = record;
  let previous: unknown;
  if (withPrevious && key !== undefined) {
    const old = engine.records(model).getEntry(key);
    if (old) {
      const json = model.codec.toJson(old.value);
      previous = json.ok ? json.value : old.value;
    }
  }
  const stored = key === undefined ? context.insert(model, value, 'json') : context.put(model, key, value, 'json');
  if (record.release) restoreRelease(context, engine, model, stored, record.release);
  return { tree: model.name, key: stored, previous };
}

function raiseCounters(engine: Engine, context: WriteContext, checked: ImportChecker): void {
  for (const [tree, last] of Object.entries(checked.header?.counters ?? {})) {
    const model = engine.models.get(tree);
    if (model && typeof last === 'number') context.raiseAutoCounter(model, last);
  }
}

function problemPath(error: unknown): string {
  if (error instanceof ValidationError) return `/value${error.issues[0]?.path ?? ''}`;
  if (error instanceof MissingReferenceError) return `/value${error.path.replaceAll('.', '/').replaceAll('[]', '')}`;
  return '';
}

/** Progress, a turn of the event loop (other callers and I/O go on), and the signal. */
async function pause(options: ImportOptions, progress: ImportProgress): Promise<void> {
  options.onProgress?.(progress);
  await new Promise<void>((resolve) => setImmediate(resolve));
  options.signal?.throwIfAborted();
}
